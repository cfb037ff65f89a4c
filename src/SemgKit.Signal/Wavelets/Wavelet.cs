using System.Collections.Concurrent;

namespace SemgKit.Signal.Wavelets;

/// <summary>
/// An orthogonal wavelet's decomposition filter bank, exactly pywt's <c>Wavelet(name).dec_lo</c> and <c>dec_hi</c>
/// (coefficients embedded from pywt, see <c>tests/golden/transforms/make_transform_fixtures.py</c>):
/// Daubechies db1 (Haar) … db10 and Symlets sym2 … sym10. dec_hi[k] = (−1)^(k+1)·dec_lo[L−1−k]. Immutable and shared.
/// </summary>
public sealed class Wavelet
{
    private static readonly ConcurrentDictionary<string, Wavelet> Cache = new(StringComparer.Ordinal);
    private readonly double[] _lowPass;
    private readonly double[] _highPass;

    private Wavelet(string name, double[] lowPass)
    {
        Name = name;
        _lowPass = lowPass;
        var l = lowPass.Length;
        _highPass = new double[l];
        for (var k = 0; k < l; k++)
            _highPass[k] = (k % 2 == 0 ? -1 : 1) * lowPass[l - 1 - k];
    }

    /// <summary>The names accepted by <see cref="FromName"/> (plus the alias "haar" for db1).</summary>
    public static IReadOnlyList<string> Names { get; } =
        [.. Enumerable.Range(1, 10).Select(k => $"db{k}"), .. Enumerable.Range(2, 9).Select(k => $"sym{k}")];

    /// <summary>pywt's name, e.g. "db4".</summary>
    public string Name { get; }

    /// <summary>L, the filter length (2·order).</summary>
    public int FilterLength => _lowPass.Length;

    /// <summary>pywt's <c>dec_lo</c>.</summary>
    public ReadOnlySpan<double> DecompositionLowPass => _lowPass;

    /// <summary>pywt's <c>dec_hi</c>.</summary>
    public ReadOnlySpan<double> DecompositionHighPass => _highPass;

    /// <summary>Daubechies wavelet db<paramref name="order"/> (1..10; db1 is Haar).</summary>
    public static Wavelet Daubechies(int order)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(order, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(order, 10);
        return FromName($"db{order}");
    }

    /// <summary>Symlet sym<paramref name="order"/> (2..10).</summary>
    public static Wavelet Symlet(int order)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(order, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(order, 10);
        return FromName($"sym{order}");
    }

    /// <summary>The wavelet named <paramref name="name"/> (case-insensitive; see <see cref="Names"/>).</summary>
    /// <exception cref="ArgumentException">Unknown name.</exception>
    public static Wavelet FromName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var key = name.Trim().ToLowerInvariant();
        if (key == "haar")
            key = "db1";
        return Cache.GetOrAdd(key, k => WaveletCoefficients.DecompositionLowPass(k) is { } lo
            ? new Wavelet(k, lo)
            : throw new ArgumentException($"Unknown wavelet '{name}' (known: {string.Join(", ", Names)}).", nameof(name)));
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
