using SemgKit.Pipeline.Data;
using SemgKit.TestSupport;

namespace SemgKit.Pipeline.Tests.Data;

public class DatasetCatalogTests
{
    [Fact]
    public void UnknownNameSaysWhatWasTried()
    {
        using var root = new TempDirectory();
        var catalog = DatasetCatalog.CreateDefault(root.Path);
        var e = Assert.Throws<SemgException>(() => catalog.Open("no-such-set", null, TestContext.Current.CancellationToken));
        Assert.Contains("unknown dataset 'no-such-set'", e.Message);
        Assert.Contains(root.Path, e.Message);
    }

    [Fact]
    public void ExplicitRootMustExist()
    {
        var e = Assert.Throws<SemgException>(() => DatasetCatalog.CreateDefault("/definitely/not/here"));
        Assert.Contains("--data-root '/definitely/not/here' is not a folder", e.Message);
    }

    [Fact]
    public void FindsEverySharedDatasetByName()
    {
        var root = SharedData.Require(SharedData.UciLowerLimb);
        var catalog = DatasetCatalog.CreateDefault(Path.GetDirectoryName(root));
        var names = catalog.Available().Select(a => (a.Name, a.Reader.Name)).ToArray();
        Assert.Contains((SharedData.UciLowerLimb, SharedData.UciLowerLimb), names);
        Assert.Contains((SharedData.CoteAllard, SharedData.CoteAllard), names);
        Assert.Contains((SharedData.Elderly, SharedData.Elderly), names);
        Assert.Contains((SharedData.Ciil, SharedData.Ciil), names);
    }

    [Fact]
    public void FileWithUnknownExtensionIsRefusedClearly()
    {
        using var dir = new TempDirectory();
        var file = dir.File("thing.xyz");
        File.WriteAllText(file, "hello");
        var e = Assert.Throws<SemgException>(() => DatasetCatalog.CreateDefault(dir.Path).Open(file, null, TestContext.Current.CancellationToken));
        Assert.Contains("thing.xyz: no reader for this file type", e.Message);
    }
}
