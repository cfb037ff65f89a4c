using System.Globalization;
using System.Text.RegularExpressions;

namespace SemgKit.Pipeline.Data.Formats.Mat;

/// <summary>
/// Reads sEMG recordings from MAT-files (one file, or every <c>*.mat</c> in a folder), recognising three layouts:
/// <list type="number">
/// <item><b>NinaPro</b>: <c>emg</c> (samples x channels) with <c>restimulus</c> (or <c>stimulus</c>) giving the
/// movement per sample (0 = rest) and <c>rerepetition</c> (or <c>repetition</c>); <c>frequency</c> and <c>subject</c>
/// optional. Classes are "rest", "movement-1" … "movement-K" (K = the largest movement number). The signal is cut
/// into contiguous segments of constant (movement, repetition): a segment with repetition &gt; 0 becomes a recording
/// with <see cref="RecordingMetadata.Trial"/> = repetition; rest segments (repetition 0) become recordings with
/// Trial null. Each recording's labels are constant; its source names the sample range.
/// Without a repetition variable the whole signal is one recording with per-sample labels.</item>
/// <item><b>BioPatRec</b>: a struct <c>recSession</c> with <c>sF</c>, <c>tdata</c> (samples x channels x movements),
/// <c>mov</c> (movement names), <c>nR</c>, <c>cT</c>, <c>rT</c>. Classes are "rest" then the movement names. When
/// <c>nR·(cT+rT)·sF</c> matches the recording length, each movement is cut into nR recordings (Trial = repetition),
/// the first cT seconds labelled with the movement and the following rT seconds "rest"; otherwise one recording
/// per movement, labelled with the movement throughout (and a note says so).</item>
/// <item><b>Any other file</b>: the largest 2-D numeric matrix is the signal, its shorter side the channels;
/// the sample rate comes from a scalar <c>fs</c>, <c>Fs</c>, <c>sF</c>, <c>frequency</c>, <c>sampleRate</c> or
/// <c>srate</c>, else from <see cref="DatasetReadOptions.SampleRateHz"/> (<c>--sample-rate-hz</c>); samples are unlabelled.</item>
/// </list>
/// </summary>
public sealed partial class MatRecordingReader : IDatasetReader
{
    private const string Rest = "rest";
    private static readonly string[] RateNames = ["fs", "Fs", "FS", "sF", "frequency", "sampleRate", "srate", "sampling_rate"];

    public string Name => "mat";

    public string Description => "MATLAB .mat files: NinaPro (emg/restimulus/rerepetition), BioPatRec recSession, or a samples x channels matrix";

    public bool CanRead(string path) =>
        !string.IsNullOrEmpty(path) &&
        (File.Exists(path) && path.EndsWith(".mat", StringComparison.OrdinalIgnoreCase) ||
         Directory.Exists(path) && Directory.EnumerateFiles(path, "*.mat").Any());

    public Dataset Read(string path, DatasetReadOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= DatasetReadOptions.Default;
        string[] files;
        if (Directory.Exists(path))
        {
            files = Directory.GetFiles(path, "*.mat").Order(StringComparer.Ordinal).ToArray();
            if (files.Length == 0)
                throw new DataFormatException(path, null, "folder holds no .mat files");
        }
        else if (File.Exists(path))
        {
            files = [path];
        }
        else
        {
            throw new DataFormatException(path, null, "no such file or folder");
        }

        var classNames = new List<string>();
        var recordings = new List<Recording>();
        var notes = new List<string>();
        for (int i = 0; i < files.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var part = ReadFile(files[i], options, notes);
            // merge class lists by name (case-insensitive), remapping labels
            var map = new int[part.ClassNames.Count];
            for (int k = 0; k < map.Length; k++)
            {
                int at = classNames.FindIndex(c => string.Equals(c, part.ClassNames[k], StringComparison.OrdinalIgnoreCase));
                if (at < 0)
                {
                    at = classNames.Count;
                    classNames.Add(part.ClassNames[k]);
                }
                map[k] = at;
            }
            foreach (var r in part.Recordings)
            {
                var labels = r.Labels.ToArray();
                for (int t = 0; t < labels.Length; t++)
                {
                    if (labels[t] != Recording.NoLabel)
                        labels[t] = map[labels[t]];
                }
                recordings.Add(r.WithLabels(labels));
            }
            options.Progress?.Report((i + 1, files.Length));
        }

        string name = Path.GetFileNameWithoutExtension(Path.TrimEndingDirectorySeparator(path));
        try
        {
            return new Dataset(name, classNames, recordings, path, notes);
        }
        catch (ArgumentException e)
        {
            throw new DataFormatException(path, null, e.Message, e);
        }
    }

    private sealed record FilePart(IReadOnlyList<string> ClassNames, IReadOnlyList<Recording> Recordings);

    private static FilePart ReadFile(string file, DatasetReadOptions options, List<string> notes)
    {
        var mat = MatFile.Read(file);
        if (mat.TryGet<MatNumericArray>("emg") is { } emg && (mat.Contains("restimulus") || mat.Contains("stimulus")))
            return ReadNinaPro(file, mat, emg, options);
        if (mat.TryGet<MatStructArray>("recSession") is { ElementCount: 1 } session)
            return ReadBioPatRec(file, session, notes);
        return ReadPlain(file, mat, options, notes);
    }

    // ---- NinaPro ----

    private static FilePart ReadNinaPro(string file, MatFile mat, MatNumericArray emg, DatasetReadOptions options)
    {
        if (emg.Dimensions.Count != 2 || emg.IsComplex)
            throw new DataFormatException(file, "variable 'emg'", $"expected a real samples x channels matrix, found {emg.SizeText}");
        int samples = emg.Rows, channels = emg.Columns;
        bool re = mat.Contains("restimulus");
        string stimulusName = re ? "restimulus" : "stimulus";
        string repetitionName = re ? "rerepetition" : "repetition";
        if (!mat.Contains(repetitionName) && mat.Contains(re ? "repetition" : "rerepetition"))
            repetitionName = re ? "repetition" : "rerepetition";
        int[] stimulus = PerSample(file, mat, stimulusName, samples)!;
        int[]? repetition = mat.Contains(repetitionName) ? PerSample(file, mat, repetitionName, samples) : null;
        for (int t = 0; t < samples; t++)
        {
            if (stimulus[t] < 0)
                throw new DataFormatException(file, $"variable '{stimulusName}', sample {t + 1}", $"negative movement number {stimulus[t]}");
        }

        double rate = ScalarOrNull(mat, "frequency") ?? options.SampleRateHz
            ?? throw new DataFormatException(file, null, "NinaPro file has no 'frequency' variable; pass the sample rate with --sample-rate-hz (DatasetReadOptions.SampleRateHz)");
        string subject = ScalarOrNull(mat, "subject") is double s
            ? s.ToString(CultureInfo.InvariantCulture)
            : SubjectFromFileName(file);
        var extra = new Dictionary<string, string>();
        if (ExerciseRegex().Match(Path.GetFileNameWithoutExtension(file)) is { Success: true } ex)
            extra["exercise"] = ex.Groups[1].Value;
        if (ScalarOrNull(mat, "exercise") is double exNumber)
            extra["exercise"] = exNumber.ToString(CultureInfo.InvariantCulture);

        int movements = stimulus.Length == 0 ? 0 : stimulus.Max();
        var classNames = new List<string> { Rest };
        for (int m = 1; m <= movements; m++)
            classNames.Add("movement-" + m.ToString(CultureInfo.InvariantCulture));

        var names = ChannelNames(channels);
        var all = emg.Real;   // column-major samples x channels == channel-major
        var recordings = new List<Recording>();
        if (repetition is null)
        {
            var signal = ToFloat(all);
            recordings.Add(new Recording(signal, rate, names, stimulus,
                new RecordingMetadata($"{file}:emg", subject) { Extra = extra }));
            return new FilePart(classNames, recordings);
        }

        int start = 0;
        for (int t = 1; t <= samples; t++)
        {
            if (t < samples && stimulus[t] == stimulus[start] && repetition[t] == repetition[start])
                continue;
            int count = t - start;
            var signal = new float[channels * count];
            for (int c = 0; c < channels; c++)
            {
                var src = all.Slice(c * samples + start, count);
                for (int k = 0; k < count; k++)
                    signal[c * count + k] = (float)src[k];
            }
            int rep = repetition[start];
            var segmentExtra = new Dictionary<string, string>(extra)
            {
                ["start-sample"] = start.ToString(CultureInfo.InvariantCulture),
            };
            var metadata = new RecordingMetadata(
                $"{file}:emg[{(start + 1).ToString(CultureInfo.InvariantCulture)}:{t.ToString(CultureInfo.InvariantCulture)}]",
                subject, Trial: rep > 0 ? rep : null) { Extra = segmentExtra };
            recordings.Add(new Recording(signal, rate, names, Recording.ConstantLabels(count, stimulus[start]), metadata));
            start = t;
        }
        return new FilePart(classNames, recordings);
    }

    private static int[]? PerSample(string file, MatFile mat, string name, int samples)
    {
        if (mat.TryGet<MatNumericArray>(name) is not { } v)
            throw new DataFormatException(file, $"variable '{name}'", $"expected a numeric vector, found {mat[name].ClassType}");
        if (v.ElementCount != samples || Math.Min(v.Rows, v.Columns) > 1 && v.ElementCount > 1)
            throw new DataFormatException(file, $"variable '{name}'", $"is {v.SizeText}, expected one value per emg sample ({samples})");
        var result = new int[samples];
        for (int t = 0; t < samples; t++)
        {
            double x = v[t];
            if (x != Math.Floor(x) || Math.Abs(x) > int.MaxValue)
                throw new DataFormatException(file, $"variable '{name}', sample {t + 1}", $"{x.ToString(CultureInfo.InvariantCulture)} is not a whole number");
            result[t] = (int)x;
        }
        return result;
    }

    // ---- BioPatRec ----

    private static FilePart ReadBioPatRec(string file, MatStructArray session, List<string> notes)
    {
        if (session.TryGet(0, "tdata") is not MatNumericArray tdata)
            throw new DataFormatException(file, "variable 'recSession'", "has no numeric field 'tdata' (samples x channels x movements)");
        double rate = session.TryGet(0, "sF") is MatNumericArray { ElementCount: 1 } sf ? sf.ScalarValue
            : throw new DataFormatException(file, "variable 'recSession'", "has no scalar field 'sF' (sample rate in Hz)");
        if (!(rate > 0) || double.IsInfinity(rate))
            throw new DataFormatException(file, "variable 'recSession.sF'", $"sample rate {rate.ToString(CultureInfo.InvariantCulture)} is not positive");
        int samples = tdata.Dimensions[0];
        int channels = tdata.Dimensions[1];
        int movements = tdata.Dimensions.Count > 2 ? tdata.ElementCount / Math.Max(1, samples * channels) : 1;
        if (tdata.Dimensions.Count > 3)
            throw new DataFormatException(file, "variable 'recSession.tdata'", $"is {tdata.SizeText}, expected samples x channels x movements");

        var movementNames = new string[movements];
        var mov = session.TryGet(0, "mov");
        for (int m = 0; m < movements; m++)
        {
            movementNames[m] = mov switch
            {
                MatCellArray cell when cell.ElementCount == movements && cell[m] is MatCharArray ch => ch.Text.Trim(),
                MatCharArray chars when chars.Rows == movements => chars.RowStrings[m].Trim(),
                _ => "movement-" + (m + 1).ToString(CultureInfo.InvariantCulture),
            };
        }
        if (mov is null)
            notes.Add($"{Path.GetFileName(file)}: recSession has no 'mov' field; movements named movement-1..{movements}");

        var classNames = new List<string> { Rest };
        var movementClass = new int[movements];
        for (int m = 0; m < movements; m++)
        {
            int at = classNames.FindIndex(c => string.Equals(c, movementNames[m], StringComparison.OrdinalIgnoreCase));
            if (at < 0)
            {
                at = classNames.Count;
                classNames.Add(movementNames[m]);
            }
            movementClass[m] = at;
        }

        double? nR = Scalar(session, "nR"), cT = Scalar(session, "cT"), rT = Scalar(session, "rT");
        int repetitions = 0, contraction = 0, relax = 0;
        if (nR is double r && cT is double c && rT is double x && r >= 1 && c > 0 && x >= 0 && r == Math.Floor(r))
        {
            contraction = (int)Math.Round(c * rate);
            relax = (int)Math.Round(x * rate);
            int expected = (int)r * (contraction + relax);
            if (contraction > 0 && Math.Abs(expected - samples) <= (int)r)
                repetitions = (int)r;
            else
                notes.Add($"{Path.GetFileName(file)}: nR·(cT+rT)·sF = {expected} samples but tdata has {samples}; each movement is labelled whole");
        }
        else
        {
            notes.Add($"{Path.GetFileName(file)}: recSession lacks nR/cT/rT; each movement is labelled whole");
        }

        string subject = SubjectFromFileName(file);
        var names = ChannelNames(channels);
        var all = tdata.Real;
        var recordings = new List<Recording>();
        for (int m = 0; m < movements; m++)
        {
            // column-major samples x channels x movements: movement m is one channel-major block
            var block = all.Slice(m * samples * channels, samples * channels);
            string source = $"{file}:recSession.tdata(:,:,{(m + 1).ToString(CultureInfo.InvariantCulture)})";
            var extra = new Dictionary<string, string> { ["movement"] = movementNames[m] };
            if (repetitions == 0)
            {
                recordings.Add(new Recording(ToFloat(block), rate, names, Recording.ConstantLabels(samples, movementClass[m]),
                    new RecordingMetadata(source, subject) { Extra = extra }));
                continue;
            }
            int period = contraction + relax;
            for (int rep = 0; rep < repetitions; rep++)
            {
                int start = rep * period;
                int count = rep == repetitions - 1 ? samples - start : period;
                var signal = new float[channels * count];
                for (int ch = 0; ch < channels; ch++)
                {
                    var src = block.Slice(ch * samples + start, count);
                    for (int k = 0; k < count; k++)
                        signal[ch * count + k] = (float)src[k];
                }
                var labels = new int[count];
                for (int k = 0; k < count; k++)
                    labels[k] = k < contraction ? movementClass[m] : 0;
                recordings.Add(new Recording(signal, rate, names, labels,
                    new RecordingMetadata(source, subject, Trial: rep + 1) { Extra = extra }));
            }
        }
        return new FilePart(classNames, recordings);
    }

    private static double? Scalar(MatStructArray s, string field) =>
        s.TryGet(0, field) is MatNumericArray { ElementCount: 1 } v ? v.ScalarValue : null;

    // ---- fallback ----

    private static FilePart ReadPlain(string file, MatFile mat, DatasetReadOptions options, List<string> notes)
    {
        MatNumericArray? best = null;
        string? bestName = null;
        foreach (var name in mat.VariableNames)
        {
            if (mat[name] is MatNumericArray { Dimensions.Count: 2, IsComplex: false } a && a.ElementCount > 1 &&
                (best is null || a.ElementCount > best.ElementCount))
            {
                best = a;
                bestName = name;
            }
        }
        if (best is null)
            throw new DataFormatException(file, null,
                $"no 2-D numeric matrix to use as the signal (variables: {string.Join(", ", mat.VariableNames)}); expected NinaPro (emg, restimulus), BioPatRec (recSession) or a samples x channels matrix");

        double? fileRate = null;
        foreach (var rateName in RateNames)
        {
            if (ScalarOrNull(mat, rateName) is double r)
            {
                fileRate = r;
                break;
            }
        }
        double rate = fileRate ?? options.SampleRateHz
            ?? throw new DataFormatException(file, null,
                $"no sample rate: the file has no scalar variable {string.Join(", ", RateNames)}; pass it with --sample-rate-hz (DatasetReadOptions.SampleRateHz)");
        if (!(rate > 0) || double.IsInfinity(rate))
            throw new DataFormatException(file, null, $"sample rate {rate.ToString(CultureInfo.InvariantCulture)} Hz is not positive");

        bool samplesInRows = best.Rows >= best.Columns;
        int channels = samplesInRows ? best.Columns : best.Rows;
        int samples = samplesInRows ? best.Rows : best.Columns;
        float[] signal;
        if (samplesInRows)
        {
            signal = ToFloat(best.Real);   // column-major samples x channels is channel-major
        }
        else
        {
            signal = new float[best.ElementCount];
            var real = best.Real;
            for (int t = 0; t < samples; t++)
            {
                for (int c = 0; c < channels; c++)
                    signal[c * samples + t] = (float)real[t * channels + c];
            }
        }
        notes.Add($"{Path.GetFileName(file)}: signal from variable '{bestName}' ({best.SizeText}, {channels} channels x {samples} samples), unlabelled");
        var recording = new Recording(signal, rate, ChannelNames(channels), Recording.ConstantLabels(samples, Recording.NoLabel),
            new RecordingMetadata($"{file}:{bestName}", SubjectFromFileName(file)));
        return new FilePart([], [recording]);
    }

    // ---- helpers ----

    private static double? ScalarOrNull(MatFile mat, string name) =>
        mat.TryGet<MatNumericArray>(name) is { ElementCount: 1 } v ? v.ScalarValue : null;

    private static string SubjectFromFileName(string file)
    {
        string stem = Path.GetFileNameWithoutExtension(file);
        var m = SubjectRegex().Match(stem);
        return m.Success ? m.Groups[1].Value : stem;
    }

    private static string[] ChannelNames(int channels) =>
        Enumerable.Range(1, channels).Select(c => "ch" + c.ToString(CultureInfo.InvariantCulture)).ToArray();

    private static float[] ToFloat(ReadOnlySpan<double> values)
    {
        var result = new float[values.Length];
        for (int i = 0; i < values.Length; i++)
            result[i] = (float)values[i];
        return result;
    }

    [GeneratedRegex(@"^[Ss](\d+)(?:_|$)")]
    private static partial Regex SubjectRegex();

    [GeneratedRegex(@"_E(\d+)(?:_|$)")]
    private static partial Regex ExerciseRegex();
}
