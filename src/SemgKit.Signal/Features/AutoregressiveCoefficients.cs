namespace SemgKit.Signal.Features;

/// <summary>
/// AR (order p, default 4), p values per channel named AR1..ARp, in the textbook sign (xₙ = Σ φₖxₙ₋ₖ + eₙ; LibEMG reports −φ).
/// Kernel: <see cref="Autoregressive.Coefficients"/>.
/// </summary>
public sealed class AutoregressiveCoefficients(int order = 4) : IFeature
{
    /// <summary>p, the model order.</summary>
    public int Order { get; } = FeatureArguments.InRange(order, 1, Autoregressive.MaxOrder, "AR order");

    /// <inheritdoc/>
    public string Code => "AR";

    /// <inheritdoc/>
    public string Name => "Autoregressive coefficients";

    /// <inheritdoc/>
    public int ValuesPerChannel => Order;

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination) => Autoregressive.Coefficients(channelWindow, destination[..Order]);
}
