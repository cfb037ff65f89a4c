using SemgKit.Pipeline.Data.Readers;
using SemgKit.TestSupport;

namespace SemgKit.Pipeline.Tests.Data.Readers;

public class BuiltInReadersTests
{
    [Fact]
    public void ListsTheFourReadersByFolderName()
    {
        Assert.Equal(
            [SharedData.UciLowerLimb, SharedData.CoteAllard, SharedData.Elderly, SharedData.Ciil],
            BuiltInReaders.All.Select(r => r.Name));
        Assert.All(BuiltInReaders.All, r => Assert.False(string.IsNullOrWhiteSpace(r.Description)));
        Assert.Same(BuiltInReaders.All[2], BuiltInReaders.Find("ELDERLY-lower-limb-isometric"));
        Assert.Null(BuiltInReaders.Find("nope"));
    }

    [Fact]
    public void EachReaderRecognisesOnlyItsOwnFolder()
    {
        SharedData.Require(SharedData.UciLowerLimb);
        foreach (var reader in BuiltInReaders.All)
        {
            foreach (var other in BuiltInReaders.All)
            {
                var folder = Path.Combine(SharedData.DatasetsRoot, other.Name);
                if (Directory.Exists(folder))
                    Assert.Equal(reader == other, reader.CanRead(folder));
            }
        }
    }
}
