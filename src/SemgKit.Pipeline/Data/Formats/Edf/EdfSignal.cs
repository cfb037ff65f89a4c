namespace SemgKit.Pipeline.Data.Formats.Edf;

/// <summary>
/// One ordinary EDF/BDF signal: its header fields and its samples in physical units.
/// physical = (digital − DigitalMinimum) × (PhysicalMaximum − PhysicalMinimum) / (DigitalMaximum − DigitalMinimum) + PhysicalMinimum.
/// </summary>
public sealed class EdfSignal
{
    private readonly double[] _values;

    /// <param name="label">Signal label (at most 16 ASCII characters), e.g. "EMG FDS".</param>
    /// <param name="values">Physical values, all records concatenated.</param>
    /// <param name="samplesPerRecord">Samples in each data record (sample rate × record duration).</param>
    /// <param name="physicalMinimum">Physical value of <paramref name="digitalMinimum"/>.</param>
    /// <param name="physicalMaximum">Physical value of <paramref name="digitalMaximum"/>.</param>
    /// <param name="digitalMinimum">Smallest stored integer.</param>
    /// <param name="digitalMaximum">Largest stored integer.</param>
    /// <param name="physicalDimension">Unit, e.g. "uV", "mV".</param>
    /// <param name="transducerType">Transducer, e.g. "AgAgCl electrode".</param>
    /// <param name="prefiltering">Prefiltering, e.g. "HP:10Hz LP:500Hz".</param>
    public EdfSignal(
        string label,
        double[] values,
        int samplesPerRecord,
        double physicalMinimum,
        double physicalMaximum,
        int digitalMinimum,
        int digitalMaximum,
        string physicalDimension = "",
        string transducerType = "",
        string prefiltering = "")
    {
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(samplesPerRecord);
        if (digitalMaximum <= digitalMinimum)
            throw new ArgumentException($"Digital maximum {digitalMaximum} must exceed digital minimum {digitalMinimum}.", nameof(digitalMaximum));
        if (physicalMaximum == physicalMinimum)
            throw new ArgumentException("Physical maximum and minimum are equal.", nameof(physicalMaximum));
        Label = label;
        _values = values;
        SamplesPerRecord = samplesPerRecord;
        PhysicalMinimum = physicalMinimum;
        PhysicalMaximum = physicalMaximum;
        DigitalMinimum = digitalMinimum;
        DigitalMaximum = digitalMaximum;
        PhysicalDimension = physicalDimension ?? "";
        TransducerType = transducerType ?? "";
        Prefiltering = prefiltering ?? "";
    }

    public string Label { get; }

    public string TransducerType { get; }

    /// <summary>Unit of the physical values (e.g. "uV").</summary>
    public string PhysicalDimension { get; }

    public double PhysicalMinimum { get; }

    public double PhysicalMaximum { get; }

    public int DigitalMinimum { get; }

    public int DigitalMaximum { get; }

    public string Prefiltering { get; }

    public int SamplesPerRecord { get; }

    /// <summary>Physical units per digital step.</summary>
    public double Gain => (PhysicalMaximum - PhysicalMinimum) / (DigitalMaximum - DigitalMinimum);

    /// <summary>Physical values, all records concatenated.</summary>
    public ReadOnlySpan<double> Values => _values;

    public int SampleCount => _values.Length;

    /// <summary>Sample rate given a data record duration.</summary>
    public double SampleRateHz(double recordDurationSeconds) => SamplesPerRecord / recordDurationSeconds;

    /// <summary>A signal whose physical range covers <paramref name="values"/> with 0.1% margin and whose digital range is full-scale (16-bit for EDF, 24-bit for BDF).</summary>
    public static EdfSignal FromValues(string label, double[] values, int samplesPerRecord, string physicalDimension = "uV", bool bdf = false)
    {
        ArgumentNullException.ThrowIfNull(values);
        double min = values.Length == 0 ? -1 : values.Min(), max = values.Length == 0 ? 1 : values.Max();
        if (min == max)
        {
            min -= 1;
            max += 1;
        }
        // widen by 0.1% so that the 8-character header numbers still cover every value
        double margin = (max - min) * 1e-3;
        min -= margin;
        max += margin;
        return bdf
            ? new EdfSignal(label, values, samplesPerRecord, min, max, -8388608, 8388607, physicalDimension)
            : new EdfSignal(label, values, samplesPerRecord, min, max, -32768, 32767, physicalDimension);
    }
}
