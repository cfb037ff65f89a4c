using SemgKit.Signal.Features;

namespace SemgKit.Signal.Tests.Features;

/// <summary>docs/features.md documents every code and group of the catalog, so it cannot fall behind it.</summary>
public class FeatureDocTests
{
    private static string Doc()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "docs", "features.md");
            if (File.Exists(path)) return File.ReadAllText(path);
        }
        throw new FileNotFoundException("docs/features.md not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void EveryCatalogCodeHasItsOwnSectionWithItsCatalogLine()
    {
        var lines = Doc().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        foreach (var code in FeatureCatalog.Codes)
        {
            int heading = Array.FindIndex(lines, l => l == $"### {code}");
            Assert.True(heading >= 0, $"docs/features.md has no '### {code}' section");
            var body = string.Join('\n', lines.Skip(heading + 1).TakeWhile(l => !l.StartsWith("#", StringComparison.Ordinal)));
            Assert.Contains("**Catalog:**", body); // the catalog's name · reference line, then the formula
        }
    }

    [Fact]
    public void EveryGroupIsListed()
    {
        var doc = Doc();
        foreach (var group in FeatureCatalog.Groups)
            Assert.Contains($"\n### {group}\n", doc.Replace("\r", ""));
    }
}
