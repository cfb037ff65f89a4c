namespace SemgKit.Signal.Features;

/// <summary>LD (LibEMG: exp(mean ln(|x|+1))), one value per channel. Kernel: <see cref="TimeDomain.LogDetector"/>.</summary>
public sealed class LogDetector : IFeature
{
    /// <inheritdoc/>
    public string Code => "LD";

    /// <inheritdoc/>
    public string Name => "Log detector";

    /// <inheritdoc/>
    public int ValuesPerChannel => 1;

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination) => destination[0] = TimeDomain.LogDetector(channelWindow);
}
