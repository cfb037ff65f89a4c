using SemgKit.Pipeline.Control;
using SemgKit.Pipeline.Models;
using SemgKit.Pipeline.Streaming.Sinks;

namespace SemgKit.Pipeline.Streaming;

/// <summary>
/// The live loop between a source and a sink: frames go through one <see cref="StreamingClassifier"/>, each decision
/// through a <see cref="DeviceController"/>, and each result to an <see cref="IDecisionSink"/>. Faults, a new stream, a
/// stall (<see cref="CheckWatchdog"/>, called from outside on a timer) and <see cref="Shutdown"/> force the safe state
/// and write it; faults that lose samples restart the classifier's stream. Latency per decision runs from the arrival
/// timestamp of the frames holding the window's last sample to the return of the sink's write, into an allocation-free
/// histogram. Thread-safe (one lock); nothing is allocated per frame or decision in steady state.
/// </summary>
public sealed class LiveSession : IFrameConsumer, IDecisionHandler
{
    private static readonly string[] FaultNames = Enum.GetNames<StreamFault>().Select(Kebab).ToArray();
    private readonly object _lock = new();
    private readonly StreamingClassifier _classifier;
    private readonly DeviceController _controller;
    private readonly IDecisionSink _sink;
    private readonly IMonotonicClock _clock;
    private readonly IReadOnlyList<string> _classNames;
    private readonly LatencyHistogram _latency = new();
    private readonly long[] _faults = new long[FaultNames.Length];
    private readonly long _origin;
    private long _arrival;
    private long _frames, _decisions, _dropped, _safeStates, _streams;
    private bool _shutdown;

    /// <param name="commands">Command map; null maps every class to its own name with no gating or dwell.</param>
    public LiveSession(EmgModel model, IDecisionSink sink, IMonotonicClock clock, CommandMap? commands = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(clock);
        _classifier = new StreamingClassifier(model);
        _classNames = model.ClassNames;
        _controller = new DeviceController(commands ?? CommandMap.Identity(model.ClassNames), model.ClassNames, clock);
        _sink = sink;
        _clock = clock;
        _origin = clock.NowMicroseconds;
    }

    public StreamingClassifier Classifier => _classifier;

    public DeviceController Controller => _controller;

    public void OnFrames(ReadOnlySpan<float> frames, long arrivalMicroseconds)
    {
        lock (_lock)
        {
            if (_shutdown) return;
            _controller.NoteData();
            _arrival = arrivalMicroseconds;
            _frames += frames.Length / _classifier.ChannelCount;
            _classifier.Push(frames, this);
        }
    }

    void IDecisionHandler.OnDecision(in StreamDecision decision, ReadOnlySpan<float> probabilities)
    {
        float amplitude = Control.WindowAmplitude.SumOfMeanAbsoluteValues(_classifier.CurrentWindow, _classifier.ChannelCount);
        var output = _controller.OnDecision(decision.Class, decision.Confidence, amplitude);
        long now = _clock.NowMicroseconds;
        _sink.Write(new LiveDecision(
            (now - _origin) / 1e6, decision.EndSample, decision.Class, decision.Rejected ? null : _classNames[decision.Class],
            decision.Confidence, decision.Rejected, output.Command, output.Class, output.Velocity, now - _arrival, null));
        _latency.Record(_clock.NowMicroseconds - _arrival);
        _decisions++;
    }

    public void OnFault(StreamFault fault, long count, bool breaksContinuity)
    {
        lock (_lock)
        {
            if (_shutdown) return;
            _faults[(int)fault]++;
            if (fault == StreamFault.SequenceGap) _dropped += count;
            if (breaksContinuity) _classifier.Reset();
            if (fault == StreamFault.Disconnected) _controller.DisarmWatchdog();
            WriteSafe(FaultNames[(int)fault]);
        }
    }

    public void OnStreamStart()
    {
        lock (_lock)
        {
            if (_shutdown) return;
            _streams++;
            _classifier.Reset();
            _controller.DisarmWatchdog();
            WriteSafe("stream-start");
        }
    }

    /// <summary>Call periodically (e.g. every 10 ms): when no data has arrived for the watchdog period, counts a stall and writes the safe state. Returns true then.</summary>
    public bool CheckWatchdog()
    {
        lock (_lock)
        {
            if (_shutdown || !_controller.CheckWatchdog()) return false;
            _faults[(int)StreamFault.Stall]++;
            WriteSafe(FaultNames[(int)StreamFault.Stall]);
            return true;
        }
    }

    /// <summary>Writes the safe state one last time and flushes the sink; later input is ignored.</summary>
    public void Shutdown()
    {
        lock (_lock)
        {
            if (_shutdown) return;
            WriteSafe("shutdown");
            _shutdown = true;
            _sink.Flush();
        }
    }

    public LiveStatistics Snapshot()
    {
        lock (_lock)
        {
            double elapsed = (_clock.NowMicroseconds - _origin) / 1e6;
            var faults = new Dictionary<string, long>();
            for (int i = 0; i < _faults.Length; i++)
            {
                if (_faults[i] > 0) faults[FaultNames[i]] = _faults[i];
            }
            return new LiveStatistics
            {
                ElapsedSeconds = elapsed,
                Frames = _frames,
                Decisions = _decisions,
                DecisionsPerSecond = elapsed > 0 ? _decisions / elapsed : 0,
                LatencyP50Microseconds = _latency.Percentile(0.50),
                LatencyP99Microseconds = _latency.Percentile(0.99),
                LatencyMaxMicroseconds = _latency.Count == 0 ? double.NaN : _latency.Max,
                DroppedFrames = _dropped,
                Faults = faults,
                SafeStates = _safeStates,
                Streams = _streams,
            };
        }
    }

    /// <summary>Copies the latency histogram (for pooling several sessions).</summary>
    public void AddLatencyTo(LatencyHistogram destination)
    {
        lock (_lock) destination.Add(_latency);
    }

    private void WriteSafe(string reason)
    {
        var output = _controller.EnterSafeState();
        _safeStates++;
        _sink.Write(new LiveDecision((_clock.NowMicroseconds - _origin) / 1e6, _classifier.SamplesReceived, -1, null, 0, true, output.Command, -1, 0, 0, reason));
    }

    private static string Kebab(string name) =>
        string.Concat(name.Select((ch, i) => char.IsUpper(ch) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(ch) : ch.ToString()));
}
