using SemgKit.Signal.Windows;

namespace SemgKit.Signal.Features;

/// <summary>
/// Kernels over channel pairs (i, j), i &lt; j, in the order (1,2), (1,3), …, (1,C), (2,3), …: P = C(C−1)/2 pairs.
/// </summary>
public static class ChannelPairs
{
    /// <summary>The number of unordered channel pairs, C(C−1)/2.</summary>
    public static int PairCount(int channelCount) => channelCount * (channelCount - 1) / 2;

    /// <summary>The 1-based channels of pair <paramref name="pair"/> (0-based), e.g. "1-2".</summary>
    public static string PairName(int pair, int channelCount)
    {
        var p = pair;
        for (var i = 0; i < channelCount; i++)
        {
            var inRow = channelCount - 1 - i;
            if (p < inRow)
                return $"{i + 1}-{i + 2 + p}";
            p -= inRow;
        }
        throw new ArgumentOutOfRangeException(nameof(pair), pair, $"{channelCount} channels have {PairCount(channelCount)} pairs.");
    }

    /// <summary>
    /// Phasor features (Onay &amp; Mert, "Phasor represented EMG feature extraction against varying contraction level of
    /// prosthetic control", Biomed. Signal Process. Control 59, 2020; LibEMG RMSPHASOR/WLPHASOR): channel c gets the
    /// direction θ_c = 2πc/C and two magnitudes, a_c (of the signal) and b_c (of its first difference); for each pair
    /// D = |a_i e^{iθ_i} − a_j e^{iθ_j}| and Δ = |b_i e^{iθ_i} − b_j e^{iθ_j}|, and the values are ln D for all pairs, then
    /// ln(D/Δ) for all pairs (2P values). RMS phasor: a = RMS(x), b = RMS(Δx) = √mean((Δx)²); WL phasor: a = WL(x),
    /// b = WL(Δx) = Σ|Δ²x|.
    /// </summary>
    public static void Phasor(MultiChannelWindow window, bool waveformLength, Span<float> destination)
    {
        var c = window.ChannelCount;
        var pairs = PairCount(c);
        if (c < 2)
            throw new ArgumentException("Phasor features need at least 2 channels.", nameof(window));
        Span<double> a = c <= 256 ? stackalloc double[c] : new double[c];
        Span<double> b = c <= 256 ? stackalloc double[c] : new double[c];
        for (var ch = 0; ch < c; ch++)
        {
            var x = window.Channel(ch);
            TimeDomain.AtLeast(x, 3, "PHASOR");
            if (waveformLength)
            {
                double wl = 0, wl2 = 0;
                for (var i = 0; i + 1 < x.Length; i++)
                    wl += Math.Abs((double)x[i + 1] - x[i]);
                for (var i = 0; i + 2 < x.Length; i++)
                    wl2 += Math.Abs(((double)x[i + 2] - x[i + 1]) - ((double)x[i + 1] - x[i]));
                a[ch] = wl;
                b[ch] = wl2;
            }
            else
            {
                a[ch] = Math.Sqrt(TimeDomain.SumOfSquaresDouble(x) / x.Length);
                b[ch] = Math.Sqrt(TimeDomain.SumOfSquaredDifferences(x) / (x.Length - 1));
            }
        }
        var k = 0;
        for (var i = 0; i < c; i++)
        {
            for (var j = i + 1; j < c; j++, k++)
            {
                var cos = Math.Cos(2 * Math.PI * (j - i) / c);
                var d = Math.Sqrt(Math.Max(0, a[i] * a[i] + a[j] * a[j] - 2 * a[i] * a[j] * cos));
                var delta = Math.Sqrt(Math.Max(0, b[i] * b[i] + b[j] * b[j] - 2 * b[i] * b[j] * cos));
                destination[k] = (float)Math.Log(d);
                destination[pairs + k] = (float)Math.Log(d / delta);
            }
        }
    }

    /// <summary>
    /// Inter-channel correlation (BioPatRec; Pearson's r between the windows of each channel pair):
    /// r = Σ(xᵢ − x̄)(yᵢ − ȳ) / √(Σ(xᵢ − x̄)² Σ(yᵢ − ȳ)²); 0 when a channel is constant. Writes P values.
    /// </summary>
    public static void Correlation(MultiChannelWindow window, Span<float> destination)
    {
        var c = window.ChannelCount;
        var k = 0;
        for (var i = 0; i < c; i++)
        {
            var x = window.Channel(i);
            double mx = 0;
            foreach (var v in x)
                mx += v;
            mx /= x.Length;
            for (var j = i + 1; j < c; j++, k++)
            {
                var y = window.Channel(j);
                double my = 0;
                foreach (var v in y)
                    my += v;
                my /= y.Length;
                double sxy = 0, sxx = 0, syy = 0;
                for (var t = 0; t < x.Length; t++)
                {
                    double dx = x[t] - mx, dy = y[t] - my;
                    sxy += dx * dy;
                    sxx += dx * dx;
                    syy += dy * dy;
                }
                destination[k] = sxx == 0 || syy == 0 ? 0 : (float)(sxy / Math.Sqrt(sxx * syy));
            }
        }
    }
}
