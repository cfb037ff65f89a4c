using System.Runtime.CompilerServices;

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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
        var c = LogCoefficients;
        double poly = c[^1];
        for (int i = c.Length - 2; i >= 0; i--)
            poly = poly * s2 + c[i];
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
        var c = ExpCoefficients;
        double sum = c[^1];
        for (int i = c.Length - 2; i >= 0; i--)
            sum = sum * r + c[i];
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
        // r·Σ (−1)^k r^(2k)/(2k+1)!, k = 0..10
        var c = SinCoefficients;
        double r2 = r * r;
        double sum = c[^1];
        for (int i = c.Length - 2; i >= 0; i--)
            sum = sum * r2 + c[i];
        return r * sum;
    }

    private static double CosKernel(double r)
    {
        // Σ (−1)^k r^(2k)/(2k)!, k = 0..10
        var c = CosCoefficients;
        double r2 = r * r;
        double sum = c[^1];
        for (int i = c.Length - 2; i >= 0; i--)
            sum = sum * r2 + c[i];
        return sum;
    }

    // Series coefficients, computed once with exactly rounded IEEE division (so identical everywhere).
    private static readonly double[] LogCoefficients = Series(12, k => 1.0 / (2 * k + 1));           // atanh: 1/(2k+1)
    private static readonly double[] ExpCoefficients = Series(19, k => 1.0 / Factorial(k));          // 1/k!
    private static readonly double[] SinCoefficients = Series(11, k => Sign(k) / Factorial(2 * k + 1));
    private static readonly double[] CosCoefficients = Series(11, k => Sign(k) / Factorial(2 * k));

    private static double[] Series(int count, Func<int, double> coefficient)
    {
        var c = new double[count];
        for (int k = 0; k < count; k++)
            c[k] = coefficient(k);
        return c;
    }

    private static double Sign(int k) => k % 2 == 0 ? 1.0 : -1.0;

    private static double Factorial(int n)
    {
        double f = 1;
        for (int i = 2; i <= n; i++)
            f *= i; // exact up to 22!, beyond which only the last bits of tiny terms are affected
        return f;
    }

    private static double ScaleByPowerOfTwo(double value, int k)
    {
        // Two steps so that 2^k itself never overflows or underflows for k in the valid range.
        int half = k / 2;
        return value * PowerOfTwo(half) * PowerOfTwo(k - half);
    }

    private static double PowerOfTwo(int k) => BitConverter.Int64BitsToDouble((long)(k + 1023) << 52);
}
