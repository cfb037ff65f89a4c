using System.Globalization;
using System.Text;

namespace SemgKit.Pipeline.Data.Formats.Edf;

/// <summary>
/// Writes EDF (16-bit), BDF (24-bit) and, with annotations, EDF+C/BDF+C files readable by
/// <see cref="EdfFile.Read(string)"/>, EDFbrowser, MNE and pyEDFlib.
/// </summary>
/// <remarks>
/// Digital values are round((physical − physical min) / gain) + digital min, clamped to the digital range,
/// so a round trip is exact to half a digital step. Signals shorter than the last record are padded with
/// the physical value nearest 0. Each annotation goes into the record containing its onset.
/// </remarks>
public static class EdfWriter
{
    public static void Write(string path, IReadOnlyList<EdfSignal> signals, EdfWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        Write(stream, signals, options);
    }

    public static void Write(Stream stream, IReadOnlyList<EdfSignal> signals, EdfWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(signals);
        options ??= EdfWriteOptions.Default;
        if (!(options.RecordDurationSeconds > 0))
            throw new ArgumentOutOfRangeException(nameof(options), "Record duration must be positive.");
        bool bdf = options.Bdf;
        int width = bdf ? 3 : 2;
        int digitalLimitMin = bdf ? -8388608 : -32768, digitalLimitMax = bdf ? 8388607 : 32767;
        foreach (var s in signals)
        {
            if (s.DigitalMinimum < digitalLimitMin || s.DigitalMaximum > digitalLimitMax)
                throw new ArgumentException($"Signal '{s.Label}': digital range [{s.DigitalMinimum}, {s.DigitalMaximum}] does not fit {(bdf ? "24" : "16")}-bit samples.", nameof(signals));
        }

        int records = 0;
        foreach (var s in signals)
            records = Math.Max(records, (s.SampleCount + s.SamplesPerRecord - 1) / s.SamplesPerRecord);
        bool plus = options.Annotations.Count > 0 || options.WriteAnnotationSignal;
        if (plus)
        {
            foreach (var a in options.Annotations)
                records = Math.Max(records, (int)Math.Floor(a.OnsetSeconds / options.RecordDurationSeconds) + 1);
            records = Math.Max(records, 1);
        }

        // annotation bytes per record: a time-keeping TAL then the record's annotations
        byte[][]? tals = null;
        int annotationSamples = 0;
        if (plus)
        {
            var perRecord = Enumerable.Range(0, records).Select(r => new StringBuilder()
                .Append(Onset(r * options.RecordDurationSeconds)).Append("\x14\x14\0")).ToArray();
            foreach (var a in options.Annotations)
            {
                int r = Math.Clamp((int)Math.Floor(a.OnsetSeconds / options.RecordDurationSeconds), 0, records - 1);
                perRecord[r].Append(Onset(a.OnsetSeconds));
                if (a.DurationSeconds is double d)
                    perRecord[r].Append('\x15').Append(d.ToString("0.######", CultureInfo.InvariantCulture));
                perRecord[r].Append('\x14').Append(a.Text).Append("\x14\0");
            }
            tals = perRecord.Select(sb => Encoding.UTF8.GetBytes(sb.ToString())).ToArray();
            int maxBytes = tals.Max(t => t.Length);
            annotationSamples = (maxBytes + width - 1) / width;
        }

        int ns = signals.Count + (plus ? 1 : 0);
        var header = new StringBuilder();
        var start = options.StartTime;
        header.Append(bdf ? "\xFF" + "BIOSEMI" : Pad("0", 8));
        header.Append(Pad(options.PatientId, 80));
        header.Append(Pad(options.RecordingId ?? "Startdate " + start.ToString("dd-MMM-yyyy", CultureInfo.InvariantCulture).ToUpperInvariant() + " X X X", 80));
        header.Append(start.ToString("dd.MM.yy", CultureInfo.InvariantCulture));
        header.Append(start.ToString("HH.mm.ss", CultureInfo.InvariantCulture));
        header.Append(Pad((EdfFile.HeaderBytes * (ns + 1)).ToString(CultureInfo.InvariantCulture), 8));
        header.Append(Pad(plus ? (bdf ? "BDF+C" : "EDF+C") : (bdf ? "24BIT" : ""), 44));
        header.Append(Pad(records.ToString(CultureInfo.InvariantCulture), 8));
        header.Append(Pad(Num(options.RecordDurationSeconds), 8));
        header.Append(Pad(ns.ToString(CultureInfo.InvariantCulture), 4));

        string annotationLabel = bdf ? "BDF Annotations" : "EDF Annotations";
        void Each(int fieldWidth, Func<EdfSignal, string> value, string annotationValue)
        {
            foreach (var s in signals)
                header.Append(Pad(value(s), fieldWidth));
            if (plus)
                header.Append(Pad(annotationValue, fieldWidth));
        }
        Each(16, s => s.Label, annotationLabel);
        Each(80, s => s.TransducerType, "");
        Each(8, s => s.PhysicalDimension, "");
        Each(8, s => Num(s.PhysicalMinimum), "-1");
        Each(8, s => Num(s.PhysicalMaximum), "1");
        Each(8, s => s.DigitalMinimum.ToString(CultureInfo.InvariantCulture), digitalLimitMin.ToString(CultureInfo.InvariantCulture));
        Each(8, s => s.DigitalMaximum.ToString(CultureInfo.InvariantCulture), digitalLimitMax.ToString(CultureInfo.InvariantCulture));
        Each(80, s => s.Prefiltering, "");
        Each(8, s => s.SamplesPerRecord.ToString(CultureInfo.InvariantCulture), annotationSamples.ToString(CultureInfo.InvariantCulture));
        Each(32, _ => "", "");
        var headerBytes = Encoding.Latin1.GetBytes(header.ToString());
        if (headerBytes.Length != EdfFile.HeaderBytes * (ns + 1))
            throw new InvalidOperationException($"EDF header is {headerBytes.Length} bytes, expected {EdfFile.HeaderBytes * (ns + 1)}.");
        stream.Write(headerBytes);

        int recordBytes = (signals.Sum(s => s.SamplesPerRecord) + annotationSamples) * width;
        var record = new byte[recordBytes];
        for (int r = 0; r < records; r++)
        {
            int p = 0;
            foreach (var s in signals)
            {
                var values = s.Values;
                // convert with the header's 8-character numbers, which are what readers see
                double pmin = double.Parse(Num(s.PhysicalMinimum), CultureInfo.InvariantCulture);
                double pmax = double.Parse(Num(s.PhysicalMaximum), CultureInfo.InvariantCulture);
                double gain = (pmax - pmin) / (s.DigitalMaximum - s.DigitalMinimum);
                double pad = Math.Clamp(0.0, Math.Min(s.PhysicalMinimum, s.PhysicalMaximum), Math.Max(s.PhysicalMinimum, s.PhysicalMaximum));
                for (int k = 0; k < s.SamplesPerRecord; k++, p += width)
                {
                    int t = r * s.SamplesPerRecord + k;
                    double x = t < values.Length ? values[t] : pad;
                    double dv = double.IsNaN(x) ? s.DigitalMinimum : Math.Round((x - pmin) / gain, MidpointRounding.AwayFromZero) + s.DigitalMinimum;
                    int digital = (int)Math.Clamp(dv, s.DigitalMinimum, s.DigitalMaximum);
                    record[p] = (byte)digital;
                    record[p + 1] = (byte)(digital >> 8);
                    if (bdf)
                        record[p + 2] = (byte)(digital >> 16);
                }
            }
            if (tals is not null)
            {
                var area = record.AsSpan(p, annotationSamples * width);
                area.Clear();
                tals[r].CopyTo(area);
            }
            stream.Write(record);
        }
    }

    private static string Onset(double seconds) =>
        (seconds >= 0 ? "+" : "") + seconds.ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>A number in at most 8 characters, as precise as fits.</summary>
    private static string Num(double value)
    {
        for (int digits = 8; digits >= 0; digits--)
        {
            string s = value.ToString("0." + new string('#', digits), CultureInfo.InvariantCulture);
            if (s.Length <= 8)
                return s;
        }
        string e = value.ToString("0.#E+0", CultureInfo.InvariantCulture);
        if (e.Length <= 8)
            return e;
        throw new ArgumentException($"{value} does not fit an 8-character EDF header field.", nameof(value));
    }

    private static string Pad(string value, int width)
    {
        if (value.Length > width)
            value = value[..width];
        if (value.Any(c => c > 126 && c != '\xFF'))
            throw new ArgumentException($"EDF header fields are ASCII: '{value}'.", nameof(value));
        return value.PadRight(width);
    }
}
