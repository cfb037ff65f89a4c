using SemgKit.Pipeline.Data;
using SemgKit.Pipeline.Experiments;
using SemgKit.TestSupport;

namespace SemgKit.Pipeline.Tests.Experiments;

/// <summary>Every recipe end to end in quick mode on the synthetic stand-ins (what CI and a user without ../shared run).</summary>
public class ExperimentRecipeTests
{
    public static TheoryData<string> Recipes => new(ExperimentRecipes.All.Where(r => r != ExperimentRecipes.Benchmark).Select(r => r.Name));

    private static ExperimentContext StandInContext(TempDirectory empty, int seed = 3) =>
        new(new DatasetCatalog(DatasetCatalog.BuiltInReaders, empty.Path), data: null, quick: true, seed, threads: 1);

    [Theory]
    [MemberData(nameof(Recipes))]
    public void EveryRecipeRunsQuickOnStandInsAndWritesItsReports(string name)
    {
        using var root = new TempDirectory();
        using var output = new TempDirectory();
        var recipe = ExperimentRecipes.Find(name);
        var results = ExperimentRunner.Run(recipe, StandInContext(root), output.Path, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(recipe.Name, results.Recipe);
        Assert.True(results.Quick);
        Assert.NotEmpty(results.Runs);
        Assert.Contains(results.Notes, n => n.Contains("synthetic stand-in", StringComparison.Ordinal));
        foreach (var run in results.Runs)
        {
            Assert.NotEmpty(run.Results.Models);
            Assert.All(run.Results.Models, m => Assert.InRange(m.Accuracy, 0, 1));
            Assert.True(File.Exists(Path.Combine(output.Path, "runs", run.Name, "report.html")), $"{run.Name}: no run report");
        }
        var back = ExperimentReport.Read(output.File("results.json"));
        Assert.Equal(results.Runs.Select(r => r.Name), back.Runs.Select(r => r.Name));
        // results.json rounds to 10 decimals
        Assert.Equal(results.Runs.SelectMany(r => r.Results.Models.Select(m => m.Accuracy)), back.Runs.SelectMany(r => r.Results.Models.Select(m => m.Accuracy)), (a, b) => Math.Abs(a - b) < 1e-9);
        string md = File.ReadAllText(output.File("report.md"));
        string html = File.ReadAllText(output.File("report.html"));
        foreach (var run in results.Runs)
        {
            Assert.Contains($"runs/{run.Name}/report.md", md);
            Assert.Contains($"runs/{Uri.EscapeDataString(run.Name)}/report.html", html);
        }
        foreach (var figure in results.Runs.SelectMany(r => r.Paper))
            Assert.Contains(figure.What, md);
        AssertTablesAreRectangular(md);
        foreach (var run in results.Runs)
            AssertTablesAreRectangular(File.ReadAllText(Path.Combine(output.Path, "runs", run.Name, "report.md")));
    }

    /// <summary>Every Markdown table: each row (header and separator included) has the header's number of cells.</summary>
    private static void AssertTablesAreRectangular(string markdown)
    {
        int? cells = null;
        foreach (var line in markdown.Split('\n'))
        {
            if (!line.StartsWith('|')) { cells = null; continue; }
            int count = line.Count(ch => ch == '|');
            cells ??= count;
            Assert.True(cells == count, $"table row with {count - 1} cells under a {cells - 1}-cell header: {line}");
        }
    }

    [Fact]
    public void TheSameSeedGivesTheSameNumbersTwice()
    {
        using var root = new TempDirectory();
        double[] Run(int seed)
        {
            using var output = new TempDirectory();
            var results = ExperimentRunner.Run(ExperimentRecipes.ImbalancedEnsemble, StandInContext(root, seed), output.Path, cancellationToken: TestContext.Current.CancellationToken);
            return [.. results.Runs.SelectMany(r => r.Results.Models.SelectMany(m => new[] { m.Accuracy, m.MacroF1 }.Concat(m.GroupAccuracy.Values)))];
        }
        var first = Run(5);
        Assert.Equal(first, Run(5));
        Assert.NotEqual(first, Run(6));
    }

    [Fact]
    public void TheImbalanceStudyCutsThePatientGroupAndReportsBothGroups()
    {
        using var root = new TempDirectory();
        using var output = new TempDirectory();
        var context = StandInContext(root);
        var results = ExperimentRunner.Run(ExperimentRecipes.ImbalancedEnsemble, context, output.Path, cancellationToken: TestContext.Current.CancellationToken);
        var run = Assert.Single(results.Runs);
        Assert.Contains(run.Results.Notes, n => n.Contains("1/8 of the other groups' signal", StringComparison.Ordinal));
        Assert.Contains(run.Results.Models, m => m.Name == "light-cnn+ensemble:8:vote");
        Assert.All(run.Results.Models, m => Assert.Equal(["abnormal", "healthy"], m.GroupAccuracy.Keys));
    }

    [Fact]
    public void OnlyPicksRunsByNameOrPrefixAndNamesTheRunsOtherwise()
    {
        using var root = new TempDirectory();
        var plans = ExperimentRecipes.LowerLimb.Plan(StandInContext(root));
        Assert.Equal(["uci-within", "uci-within-context", "uci-loso", "uci-loso-context"], ExperimentRunner.Select(plans, ["uci-*"]).Select(p => p.Name));
        Assert.Equal(["elderly-loso"], ExperimentRunner.Select(plans, ["ELDERLY-LOSO"]).Select(p => p.Name));
        var e = Assert.Throws<SemgException>(() => ExperimentRunner.Select(plans, ["nope"]));
        Assert.Contains("uci-within, uci-within-context, uci-loso, uci-loso-context, elderly-within, elderly-loso, elderly-loso-context", e.Message);
        Assert.Contains("unknown experiment 'x'", Assert.Throws<SemgException>(() => ExperimentRecipes.Find("x")).Message);
    }

    [Fact]
    public void ModelsOverrideReplacesEveryRunsModels()
    {
        using var root = new TempDirectory();
        var context = new ExperimentContext(new DatasetCatalog(DatasetCatalog.BuiltInReaders, root.Path), data: null, quick: true, seed: 3, threads: 1, models: "lda:auto, svm:1");
        foreach (var recipe in ExperimentRecipes.All)
            Assert.All(recipe.Plan(context), p => Assert.Equal(["lda:auto", "svm:1"], p.Models.Select(m => m.Name)));
        Assert.Contains("unknown model 'nope'", Assert.Throws<SemgException>(() => new ExperimentContext(new DatasetCatalog(DatasetCatalog.BuiltInReaders, root.Path), null, true, 3, 1, "nope")).Message);
    }

    [Fact]
    public void BenchmarkHoldsEveryRecipesRunsUnderTheirNames()
    {
        using var root = new TempDirectory();
        var context = StandInContext(root);
        var names = ExperimentRecipes.Benchmark.Plan(context).Select(p => p.Name).ToArray();
        foreach (var recipe in ExperimentRecipes.All.Where(r => r != ExperimentRecipes.Benchmark))
            Assert.All(recipe.Plan(context), p => Assert.Contains($"{recipe.Name}.{p.Name}", names));
    }
}
