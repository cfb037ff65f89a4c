using SemgKit.Pipeline.Streaming;
using SemgKit.Pipeline.Streaming.Sinks;

namespace SemgKit.Pipeline.Tests.Streaming;

/// <summary>Keeps every line a session writes.</summary>
internal sealed class ListSink : IDecisionSink
{
    private readonly object _lock = new();
    private readonly List<LiveDecision> _items = [];

    public List<LiveDecision> Items
    {
        get { lock (_lock) return [.. _items]; }
    }

    public List<LiveDecision> Decisions => Items.Where(d => !d.IsSafeEvent).ToList();

    public void Write(in LiveDecision decision)
    {
        lock (_lock) _items.Add(decision);
    }

    public void Flush() { }

    public void Dispose() { }
}

/// <summary>Keeps frames and faults a source or parser delivers.</summary>
internal sealed class FrameLog : IFrameConsumer
{
    public List<float[]> Chunks { get; } = [];
    public Dictionary<StreamFault, long> Faults { get; } = [];
    public long Gaps { get; private set; }
    public int Starts { get; private set; }
    public int Resets { get; private set; }

    public IEnumerable<float> AllSamples => Chunks.SelectMany(c => c);

    public long FaultCount => Faults.Values.Sum();

    public void OnFrames(ReadOnlySpan<float> frames, long arrivalMicroseconds) => Chunks.Add(frames.ToArray());

    public void OnFault(StreamFault fault, long count, bool breaksContinuity)
    {
        Faults[fault] = Faults.GetValueOrDefault(fault) + 1;
        if (fault == StreamFault.SequenceGap) Gaps += count;
        if (breaksContinuity) Resets++;
    }

    public void OnStreamStart() => Starts++;
}

/// <summary>Offline reference: the decisions of one fresh classifier fed a whole recording.</summary>
internal static class Reference
{
    private sealed class Collect : IDecisionHandler
    {
        public List<StreamDecision> Items { get; } = [];

        public void OnDecision(in StreamDecision decision, ReadOnlySpan<float> probabilities) => Items.Add(decision);
    }

    public static List<StreamDecision> Decisions(Pipeline.Models.EmgModel model, float[] frameMajor)
    {
        var c = new Collect();
        new StreamingClassifier(model).Push(frameMajor, c);
        return c.Items;
    }
}
