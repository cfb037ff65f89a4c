using System.CommandLine;
using System.Globalization;
using SemgKit.Pipeline.Data;
using Spectre.Console;

namespace SemgKit.Cli.Commands;

/// <summary><c>semg inspect PATH</c>: summary and per-channel signal quality of any readable file or folder.</summary>
internal static class InspectCommand
{
    public static Command Create(CliContext context)
    {
        var path = new Argument<string>("path") { Description = "A file (.csv, .mat, .edf, .bdf, ...) or a dataset folder, or a dataset name under the data root" };
        var sampleRate = new Option<double?>("--sample-rate-hz") { Description = "Sample rate for files that do not state one (bare CSV)" };
        var command = new Command("inspect", "Summarise a recording or dataset and check per-channel signal quality (RMS, clipping, flat lines, power-line interference, NaN/Inf)")
        {
            path, sampleRate,
        };
        command.SetAction((parse, ct) =>
        {
            var catalog = DatasetCatalog.CreateDefault(parse.GetValue(GlobalOptions.DataRoot));
            var (resolved, reader) = catalog.Resolve(parse.GetValue(path)!);
            var dataset = reader.Read(resolved, new DatasetReadOptions { SampleRateHz = parse.GetValue(sampleRate), AllowNonFinite = true }, ct);
            var inspection = DatasetInspection.Of(dataset, ct);
            Render(context, inspection, reader.Name);
            return Task.FromResult(Program.ExitOk);
        });
        return command;
    }

    private static void Render(CliContext context, DatasetInspection inspection, string readerName)
    {
        var s = inspection.Summary;
        var c = CultureInfo.InvariantCulture;
        context.Console.WriteLine($"{s.Name} ({readerName} reader){(s.Source is null ? "" : ": " + s.Source)}");
        context.Console.WriteLine(string.Create(c, $"  {s.Subjects} subjects, {s.Recordings} recordings, {s.Channels.Count} channels at {s.SampleRateHz:0.###} Hz, {s.Hours * 60:0.00} min of signal"));
        context.Console.WriteLine($"  {s.Classes.Count} classes: {string.Join(", ", s.Classes)}");
        foreach (var note in s.Notes)
            context.Console.WriteLine($"  note: {note}");
        var table = new Table().AddColumns("channel", "unit", "RMS", "min", "max", "clipped %", "flat %", "50 Hz ratio", "60 Hz ratio", "NaN/Inf");
        foreach (var ch in inspection.Channels)
        {
            table.AddRow(
                Markup.Escape(ch.Name), Markup.Escape(ch.Unit),
                ch.Rms.ToString("G4", c), ch.Min.ToString("G4", c), ch.Max.ToString("G4", c),
                (ch.ClippedFraction * 100).ToString("0.00", c), (ch.FlatLineFraction * 100).ToString("0.00", c),
                Ratio(ch.PowerLineRatio50Hz), Ratio(ch.PowerLineRatio60Hz),
                ch.NonFiniteCount == 0 ? "0" : $"[red]{ch.NonFiniteCount}[/]");
        }
        context.Console.Write(table);
    }

    private static string Ratio(double r) =>
        !double.IsFinite(r) ? "–" : r > 0.2 ? $"[yellow]{r.ToString("0.000", CultureInfo.InvariantCulture)}[/]" : r.ToString("0.000", CultureInfo.InvariantCulture);
}
