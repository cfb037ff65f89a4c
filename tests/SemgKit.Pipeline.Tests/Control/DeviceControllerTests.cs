using SemgKit.Pipeline.Control;
using SemgKit.Pipeline.Tests.Streaming;

namespace SemgKit.Pipeline.Tests.Control;

public class DeviceControllerTests
{
    private static readonly string[] Classes = ["rest", "hand-open", "hand-close"];
    private const int Rest = 0, Open = 1, Close = 2;

    private static (DeviceController, ManualClock) Create(double dwellMs = 100, double minConfidence = 0.6, double watchdogMs = 200)
    {
        var map = CommandMap.Parse("""{ "hand-open": "OPEN", "hand-close": "CLOSE", "rest": "STOP" }""") with
        {
            SafeCommand = "STOP", DwellMs = dwellMs, MinConfidence = minConfidence, WatchdogMs = watchdogMs,
            Velocity = new Dictionary<string, VelocityRange> { ["hand-open"] = new(1, 3) },
        };
        var clock = new ManualClock();
        return (new DeviceController(map, Classes, clock), clock);
    }

    [Fact]
    public void StartsSafeAndIssuesACommandOnlyAfterTheDwell()
    {
        var (c, clock) = Create(dwellMs: 100);
        Assert.Equal("STOP", c.Current.Command);
        Assert.Equal("STOP", c.OnDecision(Open, 0.9f, 2).Command);   // t = 0: streak starts
        clock.AdvanceMs(50);
        Assert.Equal("STOP", c.OnDecision(Open, 0.9f, 2).Command);   // 50 ms < dwell
        clock.AdvanceMs(50);
        var o = c.OnDecision(Open, 0.9f, 2);                          // 100 ms: issued
        Assert.Equal("OPEN", o.Command);
        Assert.Equal(Open, o.Class);
        Assert.Equal(0.5f, o.Velocity, 1e-6f);
        clock.AdvanceMs(50);
        Assert.Equal("OPEN", c.OnDecision(Close, 0.9f, 2).Command);  // a new class must dwell too: OPEN holds
        clock.AdvanceMs(50);
        Assert.Equal("OPEN", c.OnDecision(Open, 0.9f, 2).Command);   // streak broken
        clock.AdvanceMs(50);
        Assert.Equal("OPEN", c.OnDecision(Close, 0.9f, 2).Command);
        clock.AdvanceMs(100);
        var close = c.OnDecision(Close, 0.9f, 9);
        Assert.Equal("CLOSE", close.Command);
        Assert.Equal(1f, close.Velocity);                             // no range: on/off
    }

    [Fact]
    public void StoppingIsImmediateAndLowConfidenceOrRejectionIsSafe()
    {
        var (c, clock) = Create(dwellMs: 100);
        c.OnDecision(Open, 0.9f, 2);
        clock.AdvanceMs(100);
        Assert.Equal("OPEN", c.OnDecision(Open, 0.9f, 2).Command);
        Assert.True(c.OnDecision(Rest, 0.9f, 2).IsSafe);             // rest → STOP needs no dwell
        clock.AdvanceMs(100);
        c.OnDecision(Open, 0.9f, 2);
        clock.AdvanceMs(100);
        Assert.Equal("OPEN", c.OnDecision(Open, 0.9f, 2).Command);
        Assert.True(c.OnDecision(Open, 0.5f, 2).IsSafe);             // below minConfidence
        Assert.Equal("STOP", c.Current.Command);
        Assert.Equal(0, c.Current.Velocity);
        clock.AdvanceMs(50);
        Assert.Equal("STOP", c.OnDecision(Open, 0.9f, 2).Command);   // dwell starts over after the safe state
        clock.AdvanceMs(100);
        Assert.Equal("OPEN", c.OnDecision(Open, 0.9f, 2).Command);
        Assert.True(c.OnDecision(-1, 0.99f, 2).IsSafe);              // rejected by post-processing
    }

    [Fact]
    public void VelocityIsClampedToTheFittedRange()
    {
        var (c, _) = Create(dwellMs: 0);
        Assert.Equal(0f, c.OnDecision(Open, 0.9f, 0.5f).Velocity);
        Assert.Equal(0.25f, c.OnDecision(Open, 0.9f, 1.5f).Velocity, 1e-6f);
        Assert.Equal(1f, c.OnDecision(Open, 0.9f, 7f).Velocity);
    }

    [Fact]
    public void WatchdogFiresOncePerStallAndOnlyAfterData()
    {
        var (c, clock) = Create(dwellMs: 0, watchdogMs: 200);
        clock.AdvanceMs(1000);
        Assert.False(c.CheckWatchdog());                              // never had data
        c.NoteData();
        c.OnDecision(Open, 0.9f, 2);
        clock.AdvanceMs(200);
        Assert.False(c.CheckWatchdog());
        clock.AdvanceMs(1);
        Assert.True(c.CheckWatchdog());
        Assert.True(c.Current.IsSafe);
        Assert.False(c.CheckWatchdog());
        c.NoteData();
        clock.AdvanceMs(250);
        Assert.True(c.CheckWatchdog());
        c.NoteData();
        c.DisarmWatchdog();                                           // e.g. the sender disconnected: no stall reported
        clock.AdvanceMs(1000);
        Assert.False(c.CheckWatchdog());
    }

    [Fact]
    public void UnmappedClassesAreSafeAndMapsAreValidated()
    {
        var clock = new ManualClock();
        var c = new DeviceController(CommandMap.Parse("""{ "hand-open": "OPEN" }"""), Classes, clock);
        Assert.True(c.OnDecision(Close, 1f, 1).IsSafe);
        Assert.Equal(CommandMap.DefaultSafeCommand, c.Current.Command);
        Assert.Equal("OPEN", c.OnDecision(Open, 1f, 1).Command);

        var e = Assert.Throws<SemgException>(() => CommandMap.Parse("""{ "commands": { "jump": "UP" }, "minConfidence": 2, "dwellMs": -1 }""").Validated(Classes));
        Assert.Contains("'jump'", e.Message);
        Assert.Contains("minConfidence", e.Message);
        Assert.Contains("dwellMs", e.Message);
        Assert.Throws<SemgException>(() => CommandMap.Parse("""{ "commands": {}, "bogus": 1 }"""));
        Assert.Throws<SemgException>(() => CommandMap.Parse("[1, 2]"));
    }

    [Fact]
    public void FullFormRoundTrips()
    {
        using var dir = new TestSupport.TempDirectory();
        var map = CommandMap.Parse("""
            { "commands": { "hand-open": "OPEN", "rest": "HALT" }, "safeCommand": "HALT", "minConfidence": 0.7,
              "dwellMs": 120, "watchdogMs": 300, "velocity": { "hand-open": { "low": 0.1, "high": 0.9 } } }
            """);
        map.Save(dir.File("map.json"));
        var back = CommandMap.Load(dir.File("map.json"));
        Assert.Equal("HALT", back.SafeCommand);
        Assert.Equal(0.7, back.MinConfidence);
        Assert.Equal(120, back.DwellMs);
        Assert.Equal(300, back.WatchdogMs);
        Assert.Equal(new VelocityRange(0.1, 0.9), back.Velocity!["HAND-OPEN"]);
        Assert.Equal("OPEN", back.Commands["hand-open"]);
    }

    [Fact]
    public void VelocityRangesAreFittedPerClassFromTrainingData()
    {
        var ranges = VelocityCalibration.Fit(Models.TrainedModels.Lda, Models.TrainedModels.Data, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(Models.TrainedModels.Data.ClassNames.Count, ranges.Count);
        Assert.All(ranges.Values, r => Assert.True(r.High > r.Low && r.Low > 0));
        // a movement is louder than rest
        Assert.True(ranges["hand-open"].High > ranges["rest"].High);
    }

    [Fact]
    public void AnUnsetWatchdogAdaptsToThePacketPeriodAndAnExplicitOneIsKept()
    {
        var open = CommandMap.Identity(["a", "b"]);
        Assert.Equal(CommandMap.DefaultWatchdogMs, open.EffectiveWatchdogMs);
        Assert.Equal(250, open.WithPacketPeriod(10).EffectiveWatchdogMs);
        Assert.Equal(400, open.WithPacketPeriod(100).EffectiveWatchdogMs);
        Assert.Equal(120, (open with { WatchdogMs = 120 }).WithPacketPeriod(100).EffectiveWatchdogMs);
    }
}
