using System.Buffers;

namespace SemgKit.Signal.Wavelets;

/// <summary>
/// The decomposition shared by LibEMG's wavelet features (feature_extractor.py getWENGfeat, getWVfeat, getWWLfeat,
/// getWENTfeat): <c>pywt.wavedec(window, 'sym8', level=⌊log2(fs/2) − 1⌋)</c> (symmetric mode), coefficient arrays in
/// pywt order [cA_n, cD_n, …, cD_1]; each feature reduces each array to one value.
/// </summary>
internal static class LibEmgWavelet
{
    /// <summary>LibEMG's level: ⌊ln(fs/2)/ln 2 − 1⌋ (7 at 1 kHz).</summary>
    public static int Level(double sampleRateHz)
    {
        if (!(sampleRateHz >= 4) || !double.IsFinite(sampleRateHz))
            throw new ArgumentOutOfRangeException(nameof(sampleRateHz), sampleRateHz, "LibEMG's wavelet features need a sample rate of at least 4 Hz.");
        return (int)Math.Floor(Math.Log(sampleRateHz / 2) / Math.Log(2) - 1);
    }

    /// <summary>Decomposes <paramref name="window"/> and calls <paramref name="reduce"/> on each array, writing level + 1 values.</summary>
    public static void Extract(ReadOnlySpan<float> window, Wavelet wavelet, int level, Span<float> destination, Func<ReadOnlySpan<double>, double> reduce)
    {
        if (window.IsEmpty)
            throw new ArgumentException("The window is empty.", nameof(window));
        Span<int> lengths = stackalloc int[Math.Clamp(level + 1, 2, 65)];
        var total = Dwt.FillCoefficientLengths(window.Length, wavelet, level, lengths);
        lengths = lengths[..(level + 1)];
        var input = ThreadScratch.Doubles(ThreadScratch.LibEmgWaveletInput, window.Length);
        var coefficients = ThreadScratch.Doubles(ThreadScratch.LibEmgWaveletCoefficients, total);
        for (var i = 0; i < window.Length; i++)
            input[i] = window[i];
        Dwt.WaveDec(input.AsSpan(0, window.Length), wavelet, level, coefficients);
        var offset = 0;
        for (var k = 0; k < lengths.Length; k++)
        {
            destination[k] = (float)reduce(coefficients.AsSpan(offset, lengths[k]));
            offset += lengths[k];
        }
    }
}
