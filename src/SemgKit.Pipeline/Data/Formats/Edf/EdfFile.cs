using System.Globalization;
using System.Text;

namespace SemgKit.Pipeline.Data.Formats.Edf;

/// <summary>
/// An EDF, EDF+, BDF or BDF+ file: header, ordinary signals in physical units and EDF+ annotations
/// (Kemp et al. 1992, "A simple format for exchange of digitized polygraphic recordings"; Kemp &amp; Olivan 2003, EDF+).
/// </summary>
/// <remarks>
/// Reads 16-bit EDF and 24-bit BDF little-endian samples; a record count of −1 is computed from the file size.
/// EDF+D (discontinuous) files are read with their records concatenated. Errors are <see cref="DataFormatException"/>s
/// naming the byte and header field.
/// </remarks>
public sealed class EdfFile
{
    internal const int HeaderBytes = 256;

    public EdfFile(
        IReadOnlyList<EdfSignal> signals,
        IReadOnlyList<EdfAnnotation> annotations,
        double recordDurationSeconds,
        int recordCount,
        bool isBdf,
        string reserved,
        string patientId,
        string recordingId,
        string startDate,
        string startTime)
    {
        Signals = signals;
        Annotations = annotations;
        RecordDurationSeconds = recordDurationSeconds;
        RecordCount = recordCount;
        IsBdf = isBdf;
        Reserved = reserved;
        PatientId = patientId;
        RecordingId = recordingId;
        StartDate = startDate;
        StartTime = startTime;
    }

    /// <summary>Ordinary signals (annotation signals excluded), in file order.</summary>
    public IReadOnlyList<EdfSignal> Signals { get; }

    /// <summary>EDF+/BDF+ annotations from all annotation signals, in file order (record-keeping TALs excluded).</summary>
    public IReadOnlyList<EdfAnnotation> Annotations { get; }

    public double RecordDurationSeconds { get; }

    /// <summary>Number of data records read.</summary>
    public int RecordCount { get; }

    /// <summary>24-bit BDF (version "\xFFBIOSEMI").</summary>
    public bool IsBdf { get; }

    /// <summary>The header's reserved field: "EDF+C", "EDF+D", "BDF+C", "24BIT" or blank.</summary>
    public string Reserved { get; }

    public bool IsPlus => Reserved.StartsWith("EDF+", StringComparison.Ordinal) || Reserved.StartsWith("BDF+", StringComparison.Ordinal);

    public string PatientId { get; }

    public string RecordingId { get; }

    /// <summary>Start date as stored, dd.mm.yy.</summary>
    public string StartDate { get; }

    /// <summary>Start time as stored, hh.mm.ss.</summary>
    public string StartTime { get; }

    public double DurationSeconds => RecordCount * RecordDurationSeconds;

    public static EdfFile Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = System.IO.File.ReadAllBytes(path);
        }
        catch (IOException e)
        {
            throw new DataFormatException(path, null, e.Message, e);
        }
        return Parse(bytes, path);
    }

    internal static EdfFile Parse(byte[] b, string file)
    {
        if (b.Length < HeaderBytes)
            throw new DataFormatException(file, "byte 0", $"file is {b.Length} bytes, shorter than the 256-byte EDF header (not an EDF/BDF file, or truncated)");
        bool bdf = b[0] == 0xFF && Encoding.ASCII.GetString(b, 1, 7) == "BIOSEMI";
        if (!bdf)
        {
            string version = Ascii(b, 0, 8);
            if (version != "0")
                throw new DataFormatException(file, "header field 'version' at byte 0", $"'{Ascii(b, 0, 8, trim: false)}' is neither '0' (EDF) nor '\\xFFBIOSEMI' (BDF)");
        }
        string patient = Ascii(b, 8, 80), recording = Ascii(b, 88, 80);
        string date = Ascii(b, 168, 8), time = Ascii(b, 176, 8);
        int headerBytes = Int(b, 184, 8, "header field 'number of bytes in header record'", file);
        string reserved = Ascii(b, 192, 44);
        int records = Int(b, 236, 8, "header field 'number of data records'", file);
        double duration = Number(b, 244, 8, "header field 'duration of a data record'", file);
        int ns = Int(b, 252, 4, "header field 'number of signals'", file);
        if (ns < 0)
            throw new DataFormatException(file, "header field 'number of signals' at byte 252", $"{ns} is negative");
        if (headerBytes != HeaderBytes * (ns + 1))
            throw new DataFormatException(file, "header field 'number of bytes in header record' at byte 184", $"{headerBytes} but {ns} signals need {HeaderBytes * (ns + 1)}");
        if (b.Length < headerBytes)
            throw new DataFormatException(file, $"byte {b.Length}", $"file ends inside the signal headers ({headerBytes} bytes expected; truncated)");
        if (!(duration > 0) && !(duration == 0 && records <= 0))
            throw new DataFormatException(file, "header field 'duration of a data record' at byte 244", $"{duration.ToString(CultureInfo.InvariantCulture)} is not positive");

        int at = HeaderBytes;
        string[] Field(int width)
        {
            var values = new string[ns];
            for (int i = 0; i < ns; i++)
                values[i] = Ascii(b, at + i * width, width);
            at += ns * width;
            return values;
        }
        int[] IntField(int width, string name)
        {
            var values = new int[ns];
            for (int i = 0; i < ns; i++)
                values[i] = Int(b, at + i * width, width, $"header field '{name}' of signal {i + 1} ('{Ascii(b, HeaderBytes + i * 16, 16)}')", file);
            at += ns * width;
            return values;
        }
        double[] NumberField(int width, string name)
        {
            var values = new double[ns];
            for (int i = 0; i < ns; i++)
                values[i] = Number(b, at + i * width, width, $"header field '{name}' of signal {i + 1} ('{Ascii(b, HeaderBytes + i * 16, 16)}')", file);
            at += ns * width;
            return values;
        }
        var labels = Field(16);
        var transducers = Field(80);
        var units = Field(8);
        var pmin = NumberField(8, "physical minimum");
        var pmax = NumberField(8, "physical maximum");
        var dmin = IntField(8, "digital minimum");
        var dmax = IntField(8, "digital maximum");
        var prefilter = Field(80);
        int spOffset = at;
        var spr = IntField(8, "number of samples in each data record");

        int width = bdf ? 3 : 2;
        long recordBytes = 0;
        for (int i = 0; i < ns; i++)
        {
            if (spr[i] < 0)
                throw new DataFormatException(file, $"header field 'number of samples in each data record' of signal {i + 1} at byte {spOffset + 8 * i}", $"{spr[i]} is negative");
            recordBytes += (long)spr[i] * width;
        }
        long dataBytes = b.Length - (long)headerBytes;
        if (records < 0)
        {
            if (records != -1)
                throw new DataFormatException(file, "header field 'number of data records' at byte 236", $"{records} is negative (only -1, unknown, is allowed)");
            records = recordBytes == 0 ? 0 : (int)(dataBytes / recordBytes);
            if (recordBytes > 0 && dataBytes % recordBytes != 0)
                throw Truncated(file, headerBytes, records, records + 1, recordBytes, dataBytes);
        }
        else if (dataBytes < records * recordBytes)
        {
            int complete = (int)(dataBytes / recordBytes);
            throw Truncated(file, headerBytes, complete, records, recordBytes, dataBytes);
        }

        var signals = new List<EdfSignal>();
        var annotations = new List<EdfAnnotation>();
        long signalOffset = 0;
        for (int i = 0; i < ns; i++)
        {
            bool isAnnotation = labels[i] is "EDF Annotations" or "BDF Annotations";
            if (isAnnotation)
            {
                for (int r = 0; r < records; r++)
                {
                    long start = headerBytes + r * recordBytes + signalOffset;
                    ParseTals(b, (int)start, spr[i] * width, annotations, file);
                }
            }
            else
            {
                if (dmax[i] <= dmin[i])
                    throw new DataFormatException(file, $"signal {i + 1} ('{labels[i]}')", $"digital maximum {dmax[i]} is not above digital minimum {dmin[i]}");
                if (pmax[i] == pmin[i])
                    throw new DataFormatException(file, $"signal {i + 1} ('{labels[i]}')", $"physical maximum equals physical minimum ({pmin[i].ToString(CultureInfo.InvariantCulture)})");
                double gain = (pmax[i] - pmin[i]) / (dmax[i] - dmin[i]);
                var values = new double[(long)records * spr[i]];
                int k = 0;
                for (int r = 0; r < records; r++)
                {
                    long p = headerBytes + r * recordBytes + signalOffset;
                    for (int s = 0; s < spr[i]; s++, p += width)
                    {
                        int digital = bdf
                            ? ((b[p] | (b[p + 1] << 8) | (b[p + 2] << 16)) << 8) >> 8
                            : (short)(b[p] | (b[p + 1] << 8));
                        values[k++] = (digital - dmin[i]) * gain + pmin[i];
                    }
                }
                signals.Add(new EdfSignal(labels[i], values, Math.Max(1, spr[i]), pmin[i], pmax[i], dmin[i], dmax[i], units[i], transducers[i], prefilter[i]));
            }
            signalOffset += (long)spr[i] * width;
        }
        return new EdfFile(signals, annotations, duration, records, bdf, reserved, patient, recording, date, time);
    }

    private static DataFormatException Truncated(string file, int headerBytes, int complete, int records, long recordBytes, long dataBytes)
    {
        long start = headerBytes + complete * recordBytes;
        long have = dataBytes - complete * recordBytes;
        return new DataFormatException(file, $"byte {start.ToString(CultureInfo.InvariantCulture)}",
            $"data record {complete + 1} of {records} is truncated ({have} of {recordBytes} bytes present)");
    }

    /// <summary>Parses the TALs of one annotation signal in one record: "+onset[\x15duration]\x14text\x14…\x14\0".</summary>
    private static void ParseTals(byte[] b, int start, int length, List<EdfAnnotation> annotations, string file)
    {
        int end = start + length, p = start;
        while (p < end)
        {
            if (b[p] == 0)
            {
                p++;
                continue;
            }
            int talEnd = Array.IndexOf(b, (byte)0, p, end - p);
            if (talEnd < 0)
                talEnd = end;
            string tal = Encoding.UTF8.GetString(b, p, talEnd - p);
            var parts = tal.Split('\x14');
            string time = parts[0];
            int dur = time.IndexOf('\x15');
            string onsetText = dur < 0 ? time : time[..dur];
            if (!double.TryParse(onsetText, NumberStyles.Float, CultureInfo.InvariantCulture, out double onset) || onsetText.Length == 0 || onsetText[0] is not ('+' or '-'))
                throw new DataFormatException(file, $"byte {p}", $"annotation onset '{onsetText}' is not a signed number (EDF+ TAL)");
            double? duration = null;
            if (dur >= 0)
            {
                string durText = time[(dur + 1)..];
                if (!double.TryParse(durText, NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
                    throw new DataFormatException(file, $"byte {p}", $"annotation duration '{durText}' is not a number (EDF+ TAL)");
                duration = d;
            }
            for (int i = 1; i < parts.Length; i++)
            {
                if (parts[i].Length > 0)
                    annotations.Add(new EdfAnnotation(onset, duration, parts[i]));
            }
            p = talEnd + 1;
        }
    }

    private static string Ascii(byte[] b, int offset, int length, bool trim = true)
    {
        string s = Encoding.Latin1.GetString(b, offset, length);
        return trim ? s.Trim(' ', '\0') : s;
    }

    private static int Int(byte[] b, int offset, int length, string field, string file)
    {
        string raw = Encoding.Latin1.GetString(b, offset, length);
        if (int.TryParse(raw.Trim(' ', '\0'), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v))
            return v;
        // some writers store integral fields as "1.0"
        if (double.TryParse(raw.Trim(' ', '\0'), NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && d == Math.Floor(d) && Math.Abs(d) <= int.MaxValue)
            return (int)d;
        throw new DataFormatException(file, $"{field} at byte {offset}", $"'{raw}' is not a number");
    }

    private static double Number(byte[] b, int offset, int length, string field, string file)
    {
        string raw = Encoding.Latin1.GetString(b, offset, length);
        if (double.TryParse(raw.Trim(' ', '\0'), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v))
            return v;
        throw new DataFormatException(file, $"{field} at byte {offset}", $"'{raw}' is not a number");
    }
}
