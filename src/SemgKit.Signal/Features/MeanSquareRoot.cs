namespace SemgKit.Signal.Features;

/// <summary>MSR (Phinyomark 2018; LibEMG's complex square root), one value per channel. Kernel: <see cref="TimeDomain.MeanSquareRoot"/>.</summary>
public sealed class MeanSquareRoot : IFeature
{
    /// <inheritdoc/>
    public string Code => "MSR";

    /// <inheritdoc/>
    public string Name => "Mean value of the square root";

    /// <inheritdoc/>
    public int ValuesPerChannel => 1;

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination) => destination[0] = TimeDomain.MeanSquareRoot(channelWindow);
}
