namespace SemgKit.Pipeline.Simulation;

/// <summary>
/// Elementary functions built only from IEEE-754 +, −, ×, ÷, sqrt and bit manipulation, so that they
/// round identically on every CPU, OS and runtime (Math.Sin/Log/Exp defer to the platform's C library,
/// which may differ in the last bit). The generator uses these wherever a value reaches the output,
/// which makes <see cref="SyntheticEmg.Generate"/> bitwise reproducible everywhere.
/// </summary>
/// <remarks>Accuracy is a few ulp (relative error below 1e-15), far beyond what the simulation needs.</remarks>
internal static class PortableMath
{
    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double InvLn2 = 1.44269504088896338700e+00;
    private const double Sqrt2 = 1.41421356237309504880;

    /// <summary>Natural logarithm of a positive finite <paramref name="x"/>.</summary>
    public static double Log(double x)
    {
        if (!(x > 0) || double.IsInfinity(x))
            throw new ArgumentOutOfRangeException(nameof(x), x, "Log needs a positive finite argument.");
        long bits = BitConverter.DoubleToInt64Bits(x);
        int exponent = (int)((bits >> 52) & 0x7FF);
        if (exponent == 0)
        {
            // Subnormal: scale into the normal range first.
            return Log(x * 4503599627370496.0) - 52 * (Ln2Hi + Ln2Lo);
        }
        exponent -= 1023;
        double m = BitConverter.Int64BitsToDouble((bits & 0x000FFFFFFFFFFFFFL) | 0x3FF0000000000000L); // [1, 2)
        if (m > Sqrt2)
        {
            m *= 0.5;
            exponent++;
        }
        // log(m) = 2 atanh(s), s = (m − 1)/(m + 1), |s| ≤ 0.1716: odd series, 2·s^(2k+1)/(2k+1).
        double s = (m - 1.0) / (m + 1.0);
        double s2 = s * s;
        double poly = 1.0 / 23;
        for (int k = 21; k >= 1; k -= 2)
            poly = poly * s2 + 1.0 / k;
        double logM = 2.0 * s * poly;
        return exponent * Ln2Hi + (exponent * Ln2Lo + logM);
    }

    /// <summary>e^x for finite x (underflows to 0 below about −745, overflows to +∞ above about 709).</summary>
    public static double Exp(double x)
    {
        if (double.IsNaN(x))
            return x;
        if (x > 709.78)
            return double.PositiveInfinity;
        if (x < -745.2)
            return 0.0;
        double kd = Math.Round(x * InvLn2);
        int k = (int)kd;
        double r = (x - kd * Ln2Hi) - kd * Ln2Lo; // |r| ≤ ln2/2
        // Taylor series of e^r to r^18/18!: truncation error < 1e-17 for |r| ≤ 0.347.
        double sum = 1.0;
        for (int n = 18; n >= 1; n--)
            sum = 1.0 + sum * r / n;
        return ScaleByPowerOfTwo(sum, k);
    }

    /// <summary>sin(2π·<paramref name="turns"/>): the argument is in turns (cycles), so range reduction is exact.</summary>
    public static double SinTurns(double turns)
    {
        double t = turns - Math.Floor(turns);      // [0, 1)
        double q = Math.Round(t * 4.0);            // nearest quarter turn 0..4
        double r = (t - q * 0.25) * (2.0 * Math.PI); // [−π/4, π/4]
        return ((int)q & 3) switch
        {
            0 => SinKernel(r),
            1 => CosKernel(r),
            2 => -SinKernel(r),
            _ => -CosKernel(r),
        };
    }

    /// <summary>cos(2π·<paramref name="turns"/>).</summary>
    public static double CosTurns(double turns) => SinTurns(turns + 0.25);

    /// <summary>tan(2π·<paramref name="turns"/>).</summary>
    public static double TanTurns(double turns) => SinTurns(turns) / CosTurns(turns);

    private static double SinKernel(double r)
    {
        double r2 = r * r;
        double sum = 1.0;
        for (int n = 21; n >= 3; n -= 2)
            sum = 1.0 - sum * r2 / (n * (n - 1));
        return r * sum;
    }

    private static double CosKernel(double r)
    {
        double r2 = r * r;
        double sum = 1.0;
        for (int n = 20; n >= 2; n -= 2)
            sum = 1.0 - sum * r2 / (n * (n - 1));
        return sum;
    }

    private static double ScaleByPowerOfTwo(double value, int k)
    {
        // Two steps so that 2^k itself never overflows or underflows for k in the valid range.
        int half = k / 2;
        return value * PowerOfTwo(half) * PowerOfTwo(k - half);
    }

    private static double PowerOfTwo(int k) => BitConverter.Int64BitsToDouble((long)(k + 1023) << 52);
}
