namespace SemgKit.Pipeline.Control;

/// <summary>
/// Amplitude thresholds of one class for proportional control: velocity = clamp((amplitude − Low) / (High − Low), 0, 1),
/// where amplitude is the sum over channels of the mean absolute value of the filtered window (LibEMG's metric).
/// </summary>
/// <param name="Low">Amplitude at which the velocity is 0 (e.g. the class's 10th percentile in training).</param>
/// <param name="High">Amplitude at which the velocity reaches 1 (e.g. its 90th percentile).</param>
public sealed record VelocityRange(double Low, double High)
{
    public float Velocity(float amplitude)
    {
        if (!(High > Low)) return amplitude >= High ? 1f : 0f;
        return (float)Math.Clamp((amplitude - Low) / (High - Low), 0, 1);
    }
}
