namespace SemgKit.Signal.Features;

/// <summary>CC (order p, default 4; Kang 1995), p values per channel named CC1..CCp. Kernel: <see cref="Autoregressive.CepstralCoefficients"/>.</summary>
public sealed class CepstralCoefficients(int order = 4) : IFeature
{
    /// <summary>p, the order of the underlying AR model and the number of coefficients.</summary>
    public int Order { get; } = FeatureArguments.InRange(order, 1, Autoregressive.MaxOrder, "CC order");

    /// <inheritdoc/>
    public string Code => "CC";

    /// <inheritdoc/>
    public string Name => "Cepstral coefficients";

    /// <inheritdoc/>
    public int ValuesPerChannel => Order;

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination) => Autoregressive.CepstralCoefficients(channelWindow, destination[..Order]);
}
