using System.CommandLine;
using System.Globalization;
using SemgKit.Pipeline.Data;
using Spectre.Console;

namespace SemgKit.Cli.Commands;

/// <summary><c>semg datasets</c>: the datasets under the data root that SemgKit can read, with their size.</summary>
internal static class DatasetsCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("datasets", "List the datasets under the data root with subjects, classes, channels, rate and hours of signal");
        command.SetAction((parse, ct) =>
        {
            var catalog = DatasetCatalog.CreateDefault(parse.GetValue(GlobalOptions.DataRoot));
            if (catalog.DataRootPath is null)
            {
                context.Console.WriteLine("No data root: pass --data-root DIR or set SEMG_DATA (../shared/datasets is not present). The embedded synthetic dataset is always available: semg simulate --out DIR.");
                return Task.FromResult(Program.ExitOk);
            }
            var available = catalog.Available();
            var table = new Table().Title($"Datasets in {Markup.Escape(catalog.DataRootPath)}")
                .AddColumns("name", "reader", "subjects", "classes", "channels", "rate (Hz)", "recordings", "hours");
            foreach (var (name, path, reader) in available)
            {
                ct.ThrowIfCancellationRequested();
                var summary = DatasetSummary.Of(reader.Read(path, DatasetReadOptions.Default, ct));
                table.AddRow(
                    Markup.Escape(name), reader.Name,
                    summary.Subjects.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape($"{summary.Classes.Count}: {string.Join(", ", summary.Classes)}"),
                    summary.Channels.Count.ToString(CultureInfo.InvariantCulture),
                    summary.SampleRateHz.ToString("0.###", CultureInfo.InvariantCulture),
                    summary.Recordings.ToString(CultureInfo.InvariantCulture),
                    summary.Hours.ToString("0.00", CultureInfo.InvariantCulture));
            }
            context.Console.Write(table);
            if (available.Count == 0)
                context.Console.WriteLine("(no readable dataset folders)");
            return Task.FromResult(Program.ExitOk);
        });
        return command;
    }
}
