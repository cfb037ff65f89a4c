namespace SemgKit.Signal.Features;

/// <summary>IAV (Phinyomark 2012), one value per channel. Kernel: <see cref="TimeDomain.IntegratedAbsoluteValue"/>.</summary>
public sealed class IntegratedAbsoluteValue : IFeature
{
    /// <inheritdoc/>
    public string Code => "IAV";

    /// <inheritdoc/>
    public string Name => "Integrated absolute value";

    /// <inheritdoc/>
    public int ValuesPerChannel => 1;

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination) => destination[0] = TimeDomain.IntegratedAbsoluteValue(channelWindow);
}
