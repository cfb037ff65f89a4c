namespace SemgKit.Pipeline.Control;

/// <summary>
/// Turns classifier decisions into device commands under a <see cref="CommandMap"/>: a rejected or low-confidence
/// decision, or a class without a command, is the safe state at once; a class mapped to the safe command is obeyed at
/// once; any other new command is issued only after its class has been decided continuously for the dwell time (until
/// then the previous output holds). Faults, stalls and shutdown force the safe state. Time comes from the clock passed
/// in; nothing here allocates per decision.
/// </summary>
public sealed class DeviceController
{
    private readonly Streaming.IMonotonicClock _clock;
    private readonly string?[] _commands;
    private readonly VelocityRange?[] _velocity;
    private readonly string _safe;
    private readonly double _minConfidence;
    private readonly long _dwellMicroseconds;
    private readonly long _watchdogMicroseconds;
    private int _candidate = -1;
    private long _candidateSince;
    private long _lastData;
    private bool _haveData;
    private bool _stalled;

    public DeviceController(CommandMap map, IReadOnlyList<string> classNames, Streaming.IMonotonicClock clock)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(clock);
        map = map.Validated(classNames);
        _clock = clock;
        _safe = map.SafeCommand;
        _minConfidence = map.MinConfidence;
        _dwellMicroseconds = (long)Math.Round(map.DwellMs * 1000);
        _watchdogMicroseconds = (long)Math.Round(map.EffectiveWatchdogMs * 1000);
        _commands = new string?[classNames.Count];
        _velocity = new VelocityRange?[classNames.Count];
        for (int k = 0; k < classNames.Count; k++)
        {
            _commands[k] = map.Commands.TryGetValue(classNames[k], out var c) ? c : null;
            _velocity[k] = map.Velocity is not null && map.Velocity.TryGetValue(classNames[k], out var v) ? v : null;
        }
        Current = new ControlOutput(_safe, -1, 0);
    }

    public string SafeCommand => _safe;

    /// <summary>The output now.</summary>
    public ControlOutput Current { get; private set; }

    /// <summary>Feeds one decision.</summary>
    /// <param name="outputClass">Post-processed class, -1 when rejected.</param>
    /// <param name="confidence">Winning probability.</param>
    /// <param name="amplitude">Sum over channels of the window's mean absolute value (for velocity).</param>
    public ControlOutput OnDecision(int outputClass, float confidence, float amplitude)
    {
        long now = _clock.NowMicroseconds;
        if (outputClass < 0 || outputClass >= _commands.Length || confidence < _minConfidence || _commands[outputClass] is not { } command)
        {
            _candidate = -1;
            return Current = new ControlOutput(_safe, -1, 0);
        }
        if (outputClass != _candidate)
        {
            _candidate = outputClass;
            _candidateSince = now;
        }
        if (ReferenceEquals(command, _safe) || string.Equals(command, _safe, StringComparison.Ordinal))
            return Current = new ControlOutput(_safe, -1, 0);
        float velocity = _velocity[outputClass]?.Velocity(amplitude) ?? 1f;
        if (Current.Class == outputClass || now - _candidateSince >= _dwellMicroseconds)
            return Current = new ControlOutput(command, outputClass, velocity);
        return Current; // dwell not reached: the previous output holds
    }

    /// <summary>Forces the safe state (fault, new stream, shutdown); the next command needs its full dwell again.</summary>
    public ControlOutput EnterSafeState()
    {
        _candidate = -1;
        return Current = new ControlOutput(_safe, -1, 0);
    }

    /// <summary>Data arrived (feeds the watchdog).</summary>
    public void NoteData()
    {
        _lastData = _clock.NowMicroseconds;
        _haveData = true;
        _stalled = false;
    }

    /// <summary>Stops watching until data arrives again (the source is between connections: already safe, not stalled).</summary>
    public void DisarmWatchdog() => _haveData = false;

    /// <summary>True exactly once per stall: data had been arriving and none has for longer than the watchdog period; the output is then safe.</summary>
    public bool CheckWatchdog()
    {
        if (!_haveData || _stalled) return false;
        if (_clock.NowMicroseconds - _lastData <= _watchdogMicroseconds) return false;
        _stalled = true;
        EnterSafeState();
        return true;
    }
}
