namespace SemgKit.Signal.Transforms;

/// <summary>Window coefficients for <see cref="SpectralWindow"/>s (periodic, as scipy's <c>get_window</c> default).</summary>
public static class WindowFunctions
{
    /// <summary>The <paramref name="lengthSamples"/> coefficients of <paramref name="window"/>.</summary>
    public static double[] Create(SpectralWindow window, int lengthSamples)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lengthSamples, 1);
        var w = new double[lengthSamples];
        for (var n = 0; n < lengthSamples; n++)
        {
            var c = Math.Cos(2 * Math.PI * n / lengthSamples);
            w[n] = window switch
            {
                SpectralWindow.Hann => 0.5 - 0.5 * c,
                SpectralWindow.Hamming => 0.54 - 0.46 * c,
                SpectralWindow.Rectangular => 1.0,
                _ => throw new ArgumentOutOfRangeException(nameof(window), window, "Unknown window."),
            };
        }
        return w;
    }
}
