namespace SemgKit.Signal.Transforms;

/// <summary>What a <see cref="Spectrogram"/> holds, as scipy's <c>mode</c> argument.</summary>
public enum SpectrogramMode
{
    /// <summary>One-sided power (scipy 'psd'): |X|²·scale, bins other than DC (and Nyquist for even N) doubled.</summary>
    Psd,

    /// <summary>Magnitude (scipy 'magnitude'): |X|·√scale, not doubled.</summary>
    Magnitude,
}
