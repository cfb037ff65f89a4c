namespace SemgKit.Signal.Features;

/// <summary>
/// Frequency-domain kernels over a <see cref="PowerSpectrum"/> (P_k = |FFT_L(x)/N|², k = 0..L/2−1, f_k = k·fs/L,
/// L = nextpow2(N)), following LibEMG (Phinyomark et al., "The usefulness of mean and median frequencies in
/// electromyography analysis", 2012). LibEMG's MATLAB reference uses the frequency axis linspace(0, fs/2, L/2), i.e.
/// f_k = k·(fs/2)/(L/2 − 1), which overstates every frequency by L/(L−2); this class uses the exact bin frequencies
/// (as LibEMG's Python and numpy's fftfreq).
/// </summary>
public static class Spectral
{
    /// <summary>Mean frequency, MNF = Σ f_k P_k / Σ P_k (Hz). 0 for a zero spectrum.</summary>
    public static float MeanFrequency(PowerSpectrum spectrum, double sampleRateHz)
    {
        var p = spectrum.Power;
        double num = 0, den = 0;
        for (var k = 0; k < p.Length; k++)
        {
            num += k * p[k];
            den += p[k];
        }
        return den == 0 ? 0 : (float)(num / den * sampleRateHz / spectrum.FftLength);
    }

    /// <summary>Median frequency (LibEMG MDF): f_k of the first k with Σ_{j≤k} P_j &gt; ½ Σ P (Hz). 0 for a zero spectrum.</summary>
    public static float MedianFrequency(PowerSpectrum spectrum, double sampleRateHz)
    {
        var p = spectrum.Power;
        double total = 0;
        foreach (var v in p)
            total += v;
        double cumulative = 0;
        for (var k = 0; k < p.Length; k++)
        {
            cumulative += p[k];
            if (cumulative > total / 2)
                return (float)spectrum.BinHz(k, sampleRateHz);
        }
        return 0;
    }

    /// <summary>Mean power, MNP = Σ P_k / (L/2) (LibEMG MNP).</summary>
    public static float MeanPower(PowerSpectrum spectrum)
    {
        double s = 0;
        foreach (var v in spectrum.Power)
            s += v;
        return (float)(s / spectrum.Power.Length);
    }

    /// <summary>Spectral moment of order q, SM_q = Σ P_k f_kᵠ (LibEMG SM, default q = 2; Hz^q · signal units²).</summary>
    public static float SpectralMoment(PowerSpectrum spectrum, double sampleRateHz, int order)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(order);
        var p = spectrum.Power;
        double s = 0;
        for (var k = 0; k < p.Length; k++)
            s += p[k] * Math.Pow(spectrum.BinHz(k, sampleRateHz), order);
        return (float)s;
    }

    /// <summary>Peak frequency, PKF = f_k at the maximum P_k (first maximum; BioPatRec "fpeak"; Phinyomark 2012).</summary>
    public static float PeakFrequency(PowerSpectrum spectrum, double sampleRateHz)
    {
        var p = spectrum.Power;
        var best = 0;
        for (var k = 1; k < p.Length; k++)
        {
            if (p[k] > p[best])
                best = k;
        }
        return (float)spectrum.BinHz(best, sampleRateHz);
    }

    /// <summary>Upper edges (Hz) of the DFTR bands, which start at 20 Hz (He et al. 2015, as in LibEMG: 20–92, 92–163, 163–235, 235–305, 305–378, 378–450).</summary>
    public static ReadOnlySpan<double> DftrBandEdgesHz => BandEdges;

    private static readonly double[] BandEdges = [20, 92, 163, 235, 305, 378, 450];

    /// <summary>The number of DFTR bands whose upper edge is below the Nyquist frequency fs/2.</summary>
    public static int DftrBandCount(double sampleRateHz)
    {
        var count = 0;
        for (var b = 1; b < DftrBandEdgesHz.Length; b++)
        {
            if (DftrBandEdgesHz[b] < sampleRateHz / 2)
                count++;
        }
        return count;
    }

    /// <summary>
    /// Discrete Fourier transform representation (J. He, D. Zhang, X. Sheng, S. Li, X. Zhu, "Invariant surface EMG feature
    /// against varying contraction level for myoelectric control based on muscle coordination", IEEE JBHI 19(3), 2015;
    /// LibEMG DFTR): for each band (lo, hi), the mean of |X_k/N| = √P_k over bins with lo &lt; f_k &lt; hi, raised to 2/3.
    /// A band holding no bin gives 0 (LibEMG gives NaN). Writes <see cref="DftrBandCount"/> values.
    /// </summary>
    public static void DiscreteFourierTransformRepresentation(PowerSpectrum spectrum, double sampleRateHz, Span<float> destination)
    {
        var bands = DftrBandCount(sampleRateHz);
        var p = spectrum.Power;
        for (var b = 0; b < bands; b++)
        {
            double lo = DftrBandEdgesHz[b], hi = DftrBandEdgesHz[b + 1], sum = 0;
            var count = 0;
            for (var k = 0; k < p.Length; k++)
            {
                var f = spectrum.BinHz(k, sampleRateHz);
                if (f > lo && f < hi)
                {
                    sum += Math.Sqrt(p[k]);
                    count++;
                }
            }
            destination[b] = count == 0 ? 0 : (float)Math.Pow(sum / count, 2.0 / 3.0);
        }
    }
}
