using System.Globalization;
using System.Text.RegularExpressions;

namespace SemgKit.Pipeline.Data.Readers;

/// <summary>
/// Reads "Electromyography and Dynamometry of the Lower Limb of the Elderly" (Silva et al. 2024):
/// <c>ID n.xlsx</c> workbooks of 30 people, 4 EMG channels (VL, BF, TA, GL) at 2000 Hz during four isometric tasks.
/// </summary>
/// <remarks>
/// <para>Sheets are taken by position in the workbook (resolved through <c>xl/workbook.xml</c> and its relationships,
/// never by sheet or part name, because <c>ID 6.xlsx</c> calls its 4th sheet "EMB_TA"): sheet 1 (DNM, dynamometry)
/// is ignored; sheets 2-5 are knee extension (VL test), knee flexion (BF test), ankle dorsiflexion (TA test) and
/// ankle plantarflexion (GL test). Each sheet is one recording labelled throughout with its task; columns A..D are
/// the channels VL, BF, TA, GL. Sheets hold 20001 rows, except the VL and BF sheets of ID 5 and ID 6 (10001 rows).
/// Subject is "ID1".."ID30"; Trial is 1; <c>Extra["sheet"]</c> is the sheet's name. When <c>Demographics.xlsx</c> is
/// present its row n+1 gives subject n's <c>Extra["age"]</c>, <c>["weight"]</c>, <c>["height"]</c> and
/// <c>["bergBalance"]</c>. Files are parsed in parallel; output order is by ID, then task.</para>
/// </remarks>
public sealed partial class ElderlyIsometricReader : IDatasetReader
{
    /// <summary>EMG System SAS1000 V8 sampling rate.</summary>
    public const double SampleRateHz = 2000.0;

    private const int Channels = 4;
    private const int FirstTaskSheet = 1; // 0-based: sheet 2

    private static readonly string[] Classes = ["knee-extension", "knee-flexion", "ankle-dorsiflexion", "ankle-plantarflexion"];
    private static readonly string[] ChannelNameList = ["VL", "BF", "TA", "GL"];
    private static readonly string[] DemographicKeys = ["age", "weight", "height", "bergBalance"];

    public string Name => "elderly-lower-limb-isometric";

    public string Description => "Elderly lower-limb isometric EMG (Silva et al. 2024): 30 people, 4 tasks, VL/BF/TA/GL at 2000 Hz";

    /// <summary>The class names, in label order.</summary>
    public static IReadOnlyList<string> ClassNames => Classes;

    public bool CanRead(string path) =>
        Directory.Exists(path) && Directory.EnumerateFiles(path, "ID *.xlsx").Any();

    public Dataset Read(string path, DatasetReadOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var root = ReaderSupport.RequireFolder(path);
        var files = Directory.EnumerateFiles(root, "*.xlsx")
            .Select(f => (Path: f, Match: FileNamePattern().Match(Path.GetFileName(f))))
            .Where(x => x.Match.Success)
            .Select(x => (x.Path, Id: int.Parse(x.Match.Groups[1].Value, CultureInfo.InvariantCulture)))
            .OrderBy(x => x.Id)
            .ToArray();
        if (files.Length == 0)
            throw new DataFormatException(root, null, "no 'ID <n>.xlsx' files");

        var notes = new List<string>();
        var demographicsPath = Path.Combine(root, "Demographics.xlsx");
        IReadOnlyList<string?[]>? demographics = null;
        if (File.Exists(demographicsPath))
            demographics = ReadDemographics(demographicsPath, cancellationToken);
        else
            notes.Add("Demographics.xlsx not found: no age/weight/height/bergBalance in Extra");

        var perFile = ReaderSupport.LoadOrdered(
            files,
            f => ReadWorkbook(root, f.Path, f.Id, demographics, cancellationToken),
            options,
            cancellationToken);
        return new Dataset(Name, Classes, perFile.SelectMany(r => r).ToArray(), root, notes);
    }

    /// <summary>Reads the four task sheets of one workbook.</summary>
    internal static Recording[] ReadWorkbook(string root, string path, int id, IReadOnlyList<string?[]>? demographics, CancellationToken cancellationToken)
    {
        using var workbook = XlsxWorkbook.Open(path);
        int needed = FirstTaskSheet + Classes.Length;
        if (workbook.SheetNames.Count < needed)
        {
            throw new DataFormatException(path, $"sheet {workbook.SheetNames.Count + 1}",
                $"missing sheet: expected {needed} sheets (DNM + 4 EMG tasks), found {workbook.SheetNames.Count} ({string.Join(", ", workbook.SheetNames)})");
        }
        var extraBase = new Dictionary<string, string>();
        if (demographics is not null && id < demographics.Count)
        {
            var row = demographics[id]; // row 1 is the header; row id+1 is subject id
            for (int k = 0; k < DemographicKeys.Length; k++)
            {
                if (row[k] is { Length: > 0 } value)
                    extraBase[DemographicKeys[k]] = value;
            }
        }
        var subject = "ID" + id.ToString(CultureInfo.InvariantCulture);
        var recordings = new Recording[Classes.Length];
        for (int task = 0; task < Classes.Length; task++)
        {
            int sheet = FirstTaskSheet + task;
            var table = workbook.ReadNumericSheet(sheet, Channels, cancellationToken);
            var extra = new Dictionary<string, string>(extraBase) { ["sheet"] = workbook.SheetNames[sheet] };
            var metadata = new RecordingMetadata($"{ReaderSupport.Relative(root, path)}#{workbook.SheetLabel(sheet)}", subject, Session: null, Trial: 1)
            {
                Extra = extra,
            };
            recordings[task] = Recording.FromFrameMajor(table.Values, SampleRateHz, ChannelNameList,
                Recording.ConstantLabels(table.RowCount, task), metadata);
        }
        return recordings;
    }

    private static IReadOnlyList<string?[]> ReadDemographics(string path, CancellationToken cancellationToken)
    {
        using var workbook = XlsxWorkbook.Open(path);
        var rows = workbook.ReadTextSheet(0, DemographicKeys.Length, cancellationToken);
        foreach (var (row, index) in rows.Select((r, i) => (r, i)).Skip(1))
        {
            for (int c = 0; c < row.Length; c++)
            {
                if (row[c] is { Length: > 0 } v)
                {
                    if (!double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) || !double.IsFinite(d))
                        throw new DataFormatException(path, $"{workbook.SheetLabel(0)}, cell {XlsxWorkbook.CellName(index + 1, c)}", $"'{v}' is not a number");
                    row[c] = d.ToString(CultureInfo.InvariantCulture);
                }
            }
        }
        return rows;
    }

    [GeneratedRegex(@"^ID\s*(\d+)\.xlsx$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FileNamePattern();
}
