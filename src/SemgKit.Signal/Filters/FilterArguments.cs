namespace SemgKit.Signal.Filters;

/// <summary>Shared argument checks for filter design, with messages that name the values in Hz.</summary>
internal static class FilterArguments
{
    public static void SampleRate(double sampleRateHz)
    {
        if (!(sampleRateHz > 0) || !double.IsFinite(sampleRateHz))
            throw new ArgumentOutOfRangeException(nameof(sampleRateHz), sampleRateHz, $"The sample rate must be a positive finite number of Hz; got {sampleRateHz} Hz.");
    }

    public static void Order(int order)
    {
        if (order is < 1 or > 32)
            throw new ArgumentOutOfRangeException(nameof(order), order, $"The filter order must be between 1 and 32; got {order}.");
    }

    public static void Frequency(double frequencyHz, double sampleRateHz, string name)
    {
        var nyquist = sampleRateHz / 2;
        if (!double.IsFinite(frequencyHz) || frequencyHz <= 0 || frequencyHz >= nyquist)
            throw new ArgumentOutOfRangeException(name, frequencyHz,
                $"{name} must be above 0 Hz and below the Nyquist frequency {nyquist:G} Hz (sampleRateHz {sampleRateHz:G} Hz / 2); got {frequencyHz:G} Hz.");
    }

    public static void Band(double lowHz, double highHz, double sampleRateHz, string lowName, string highName)
    {
        Frequency(lowHz, sampleRateHz, lowName);
        Frequency(highHz, sampleRateHz, highName);
        if (!(lowHz < highHz))
            throw new ArgumentOutOfRangeException(lowName, lowHz, $"{lowName} ({lowHz:G} Hz) must be below {highName} ({highHz:G} Hz).");
    }
}
