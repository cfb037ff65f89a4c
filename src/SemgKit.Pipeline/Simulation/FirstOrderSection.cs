namespace SemgKit.Pipeline.Simulation;

/// <summary>
/// A first-order IIR section designed by the bilinear transform with pre-warping (the corner lands
/// exactly at the requested frequency). Direct form I, double state.
/// </summary>
internal struct FirstOrderSection
{
    private readonly double _b0, _b1, _a1;
    private double _x1, _y1;

    private FirstOrderSection(double b0, double b1, double a1)
    {
        _b0 = b0;
        _b1 = b1;
        _a1 = a1;
        _x1 = 0;
        _y1 = 0;
    }

    /// <summary>H(s) = ω/(s + ω): unit gain at DC, −3 dB at <paramref name="cutoffHz"/>.</summary>
    public static FirstOrderSection LowPass(double cutoffHz, double sampleRateHz)
    {
        double k = PortableMath.TanTurns(cutoffHz / (2 * sampleRateHz));
        double b = k / (1 + k);
        return new FirstOrderSection(b, b, (k - 1) / (k + 1));
    }

    /// <summary>H(s) = s/(s + ω): a zero at DC, −3 dB at <paramref name="cutoffHz"/>, unit gain at Nyquist.</summary>
    public static FirstOrderSection HighPass(double cutoffHz, double sampleRateHz)
    {
        double k = PortableMath.TanTurns(cutoffHz / (2 * sampleRateHz));
        double b = 1 / (1 + k);
        return new FirstOrderSection(b, -b, (k - 1) / (k + 1));
    }

    public double Process(double x)
    {
        double y = _b0 * x + _b1 * _x1 - _a1 * _y1;
        _x1 = x;
        _y1 = y;
        return y;
    }
}
