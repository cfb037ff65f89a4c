using System.Globalization;

namespace SemgKit.Pipeline.Data.Formats.Edf;

/// <summary>
/// Reads EDF/EDF+/BDF files (one file, or every <c>*.edf</c>/<c>*.bdf</c> in a folder) as sEMG recordings.
/// </summary>
/// <remarks>
/// Only the signals sharing the highest sample rate are kept (the EMG channels; slower accelerometer,
/// trigger or status signals are dropped and listed in <see cref="Dataset.Notes"/>). EDF+ annotations
/// become per-sample labels: the classes are the distinct annotation texts in order of first appearance;
/// an annotation with a duration labels [onset, onset + duration), one without labels from its onset to the
/// next annotation's onset (or the end). Later annotations overwrite earlier ones; other samples are
/// <see cref="Recording.NoLabel"/>. Without annotations the class list is empty and all samples are unlabelled.
/// </remarks>
public sealed class EdfRecordingReader : IDatasetReader
{
    public string Name => "edf";

    public string Description => "EDF, EDF+ and BDF files (highest-rate signals; EDF+ annotations as labels)";

    public bool CanRead(string path) =>
        !string.IsNullOrEmpty(path) &&
        (File.Exists(path) && IsEdfName(path) ||
         Directory.Exists(path) && Directory.EnumerateFiles(path).Any(IsEdfName));

    private static bool IsEdfName(string path) =>
        path.EndsWith(".edf", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".bdf", StringComparison.OrdinalIgnoreCase);

    public Dataset Read(string path, DatasetReadOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= DatasetReadOptions.Default;
        string[] files = Directory.Exists(path)
            ? Directory.GetFiles(path).Where(IsEdfName).Order(StringComparer.Ordinal).ToArray()
            : File.Exists(path) ? [path] : throw new DataFormatException(path, null, "no such file or folder");
        if (files.Length == 0)
            throw new DataFormatException(path, null, "folder holds no .edf or .bdf files");

        var classNames = new List<string>();
        var recordings = new List<Recording>();
        var notes = new List<string>();
        for (int i = 0; i < files.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            recordings.Add(ReadFile(files[i], classNames, notes));
            options.Progress?.Report((i + 1, files.Length));
        }
        try
        {
            return new Dataset(Path.GetFileNameWithoutExtension(Path.TrimEndingDirectorySeparator(path)), classNames, recordings, path, notes);
        }
        catch (ArgumentException e)
        {
            throw new DataFormatException(path, null, e.Message, e);
        }
    }

    private static Recording ReadFile(string file, List<string> classNames, List<string> notes)
    {
        var edf = EdfFile.Read(file);
        string name = Path.GetFileName(file);
        if (edf.Signals.Count == 0 || edf.RecordCount == 0)
            throw new DataFormatException(file, null, "file holds no signal samples");
        int maxSpr = edf.Signals.Max(s => s.SamplesPerRecord);
        var kept = edf.Signals.Where(s => s.SamplesPerRecord == maxSpr).ToArray();
        var dropped = edf.Signals.Where(s => s.SamplesPerRecord != maxSpr).ToArray();
        double rate = maxSpr / edf.RecordDurationSeconds;
        if (dropped.Length > 0)
        {
            notes.Add($"{name}: kept {kept.Length} signals at {rate.ToString(CultureInfo.InvariantCulture)} Hz; dropped " +
                      string.Join(", ", dropped.Select(s => $"'{s.Label}' ({s.SampleRateHz(edf.RecordDurationSeconds).ToString(CultureInfo.InvariantCulture)} Hz)")));
        }
        if (edf.Reserved.StartsWith("EDF+D", StringComparison.Ordinal) || edf.Reserved.StartsWith("BDF+D", StringComparison.Ordinal))
            notes.Add($"{name}: discontinuous EDF+D file; data records concatenated");

        int samples = kept[0].SampleCount;
        var signal = new float[kept.Length * samples];
        for (int c = 0; c < kept.Length; c++)
        {
            var v = kept[c].Values;
            for (int t = 0; t < samples; t++)
                signal[c * samples + t] = (float)v[t];
        }

        var labels = Recording.ConstantLabels(samples, Recording.NoLabel);
        var ordered = edf.Annotations.OrderBy(a => a.OnsetSeconds).ToArray();
        for (int k = 0; k < ordered.Length; k++)
        {
            var a = ordered[k];
            string text = a.Text.Trim();
            int cls = classNames.FindIndex(c => string.Equals(c, text, StringComparison.OrdinalIgnoreCase));
            if (cls < 0)
            {
                cls = classNames.Count;
                classNames.Add(text);
            }
            double end = a.DurationSeconds is double d && d > 0
                ? a.OnsetSeconds + d
                : k + 1 < ordered.Length ? ordered[k + 1].OnsetSeconds : double.PositiveInfinity;
            int from = (int)Math.Clamp(Math.Round(a.OnsetSeconds * rate), 0, samples);
            int to = (int)Math.Clamp(Math.Round(Math.Min(end * rate, samples)), from, samples);
            Array.Fill(labels, cls, from, to - from);
        }

        var channelNames = kept.Select((s, c) => s.Label.Length > 0 ? s.Label : "ch" + (c + 1).ToString(CultureInfo.InvariantCulture)).ToArray();
        var units = kept.Select(s => s.PhysicalDimension.Length > 0 ? s.PhysicalDimension : "a.u.").ToArray();
        string subject = edf.PatientId.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var code, ..] && code != "X"
            ? code
            : Path.GetFileNameWithoutExtension(file);
        var extra = new Dictionary<string, string>
        {
            ["start"] = $"{edf.StartDate} {edf.StartTime}",
            ["format"] = edf.IsBdf ? "bdf" : edf.IsPlus ? "edf+" : "edf",
        };
        return new Recording(signal, rate, channelNames, labels, new RecordingMetadata(file, subject) { Extra = extra }, units);
    }
}
