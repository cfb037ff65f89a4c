namespace SemgKit.Pipeline.Simulation;

/// <summary>
/// A sinusoid <c>amplitude · sin(2π(f·t/fs + phase))</c> produced by rotating a phasor: two multiply-adds
/// per sample, pure IEEE arithmetic (bitwise reproducible), renormalised every 4096 samples so the
/// amplitude cannot drift.
/// </summary>
internal struct Oscillator
{
    private readonly double _amplitude, _stepCos, _stepSin;
    private double _cos, _sin;
    private int _sinceNormalise;

    public Oscillator(double amplitude, double frequencyHz, double phaseTurns, double sampleRateHz)
    {
        _amplitude = amplitude;
        double step = frequencyHz / sampleRateHz;
        _stepCos = PortableMath.CosTurns(step);
        _stepSin = PortableMath.SinTurns(step);
        _cos = PortableMath.CosTurns(phaseTurns);
        _sin = PortableMath.SinTurns(phaseTurns);
        _sinceNormalise = 0;
    }

    /// <summary>The current value; then advances one sample.</summary>
    public double Next()
    {
        double value = _amplitude * _sin;
        double c = _cos * _stepCos - _sin * _stepSin;
        double s = _sin * _stepCos + _cos * _stepSin;
        if (++_sinceNormalise == 4096)
        {
            _sinceNormalise = 0;
            double inverse = 1.0 / Math.Sqrt(c * c + s * s);
            c *= inverse;
            s *= inverse;
        }
        _cos = c;
        _sin = s;
        return value;
    }
}
