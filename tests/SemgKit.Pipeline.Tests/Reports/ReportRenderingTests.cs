using System.Diagnostics;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using SemgKit.Pipeline.Encoders;
using SemgKit.Pipeline.Evaluation;
using SemgKit.Pipeline.Models;
using SemgKit.Pipeline.Reports;
using SemgKit.Pipeline.Simulation;
using SemgKit.TestSupport;

namespace SemgKit.Pipeline.Tests.Reports;

public partial class ReportRenderingTests
{
    private static readonly Lazy<EvaluationResults> Results = new(() =>
    {
        var data = SyntheticEmg.Generate(SyntheticEmgOptions.Default with { SubjectCount = 2, RepetitionCount = 3, ClassCount = 4 }, 8);
        var results = FeatureEvaluation.Run(new FeatureEvaluationRequest(data, new FeatureEncoderOptions(), SplitSpec.Repetition, [ClassifierSpec.Lda, ClassifierSpec.Lda with { Name = "lda-copy" }], "test"));
        // a model with training curves, so the report draws them too
        var history = Enumerable.Range(1, 10).Select(e => new EpochResult(e, 1.0 / e, 1 - 0.5 / e, 1.2 / e, 1 - 0.6 / e, 1e-3)).ToArray();
        return results with { Models = [.. results.Models, results.Models[0] with { Name = "with-curves", History = history }] };
    });

    [GeneratedRegex("<svg[\\s\\S]*?</svg>")]
    private static partial Regex SvgElement();

    [Fact]
    public void EverySvgIsWellFormedXml()
    {
        var html = HtmlReport.Render(Results.Value);
        var svgs = SvgElement().Matches(html).Select(m => m.Value).ToArray();
        // per model: confusion matrix, per-class bars, ROC; plus the comparison chart; plus two curve plots for one model
        Assert.Equal(1 + 3 * 3 + 2, svgs.Length);
        foreach (var svg in svgs)
        {
            var doc = XDocument.Parse(svg);
            Assert.Equal("svg", doc.Root!.Name.LocalName);
            Assert.DoesNotContain("NaN", svg);
            Assert.DoesNotContain("Infinity", svg);
        }
    }

    [Fact]
    public void ChromiumRendersEveryFigure()
    {
        var chromium = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists);
        if (chromium is null)
            Assert.Skip("Chromium not installed (apt-get install chromium; .ci/run installs it); skipping the browser rendering check.");
        using var dir = new TempDirectory();
        var html = dir.File("report.html");
        HtmlReport.Write(Results.Value, html);
        int expected = SvgElement().Matches(File.ReadAllText(html)).Count;

        // Count the SVG figures the browser actually laid out (width > 0) by letting the page report into its title.
        var probe = dir.File("probe.html");
        File.WriteAllText(probe, File.ReadAllText(html).Replace("</body>",
            "<script>const s=[...document.querySelectorAll('svg')];document.title='rendered:'+s.filter(e=>e.getBoundingClientRect().width>50&&e.getBoundingClientRect().height>50).length+'/'+s.length;</script></body>", StringComparison.Ordinal));
        var dom = RunChromium(chromium, dir.Path, "--dump-dom", "file://" + probe);
        Assert.Contains($"<title>rendered:{expected}/{expected}</title>", dom);

        var png = Path.Combine(RepoPaths.Root, "out", "test-screenshots", "report.png");
        Directory.CreateDirectory(Path.GetDirectoryName(png)!);
        RunChromium(chromium, dir.Path, "--window-size=1200,3000", "--screenshot=" + png, "file://" + html);
        Assert.True(new FileInfo(png).Length > 50_000, "the screenshot should show the figures, not a blank page");
    }

    private static string RunChromium(string chromium, string profileParent, params string[] args)
    {
        var psi = new ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--user-data-dir=" + Path.Combine(profileParent, "chromium-profile") })
            psi.ArgumentList.Add(a);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "chromium did not finish in 60 s");
        Assert.True(process.ExitCode == 0, $"chromium exited {process.ExitCode}: {stderr.Result}");
        return stdout.Result;
    }
}
