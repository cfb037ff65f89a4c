using SemgKit.Signal.Features;
using SemgKit.Signal.Images;
using SemgKit.Signal.Wavelets;
using SemgKit.Signal.Windows;
using SemgKit.TestSupport;
using static SemgKit.Signal.Tests.Transforms.TransformFixtures;

namespace SemgKit.Signal.Tests.Images;

public class ImageTests
{
    [Fact]
    public void EmgImageIsFramesByChannelsOfThePerFrameFeature()
    {
        const int channels = 10, t = 150;
        var block = RandomSignal(new Random(12), channels * t);
        var image = EmgImage.FromMilliseconds(150, 10, 1000);
        Assert.Equal(15, image.FrameCount);
        Assert.Equal(10, image.FrameSamples);
        var dest = new float[image.ValuesPerImage(channels)];
        var window = MultiChannelWindow.OverBlock(block, channels);
        image.Extract(window, dest);
        for (var f = 0; f < 15; f++)
            for (var c = 0; c < channels; c++)
                Assert.Equal(TimeDomain.MeanAbsoluteValue(block.AsSpan(c * t + f * 10, 10)), dest[f * channels + c]);
        var rms = new EmgImage(15, 10, new RootMeanSquare());
        rms.Extract(window, dest);
        Assert.Equal(TimeDomain.RootMeanSquare(block.AsSpan(3 * t + 20, 10)), dest[2 * channels + 3]);
        Assert.Equal(0, Allocations.Fewest(() => image.Extract(MultiChannelWindow.OverBlock(block, channels), dest)));
        Assert.Throws<ArgumentException>(() => new EmgImage(15, 10, new WaveletEnergy()));
    }

    [Fact]
    public void WaveletPacketImagesAndStacking()
    {
        const int channels = 10, t = 150;
        var block = RandomSignal(new Random(13), channels * t);
        var window = MultiChannelWindow.OverBlock(block, channels);
        var db4 = Wavelet.Daubechies(4);
        var wp = WaveletPacketImage.PerFrame(WaveletPacketImageKind.FrameEnergyEntropy, db4, 2, 15, 10);
        var wpImage = new float[wp.ValuesPerImage(channels)];
        wp.Extract(window, wpImage);
        var energies = new float[4];
        WaveletPacket.NodeEnergies(block.AsSpan(4 * t + 30, 10), db4, 2, WaveletPacketOrder.Frequency, true, energies);
        var entropy = -energies.Where(p => p > 0).Sum(p => p * Math.Log(p));
        Assert.Equal(entropy, wpImage[3 * channels + 4], 4);

        var nodes = WaveletPacketImage.NodeEnergies(db4, 3, t);
        Assert.Equal(8, nodes.Rows);
        var nodeImage = new float[nodes.ValuesPerImage(channels)];
        nodes.Extract(window, nodeImage);
        var e = new float[8];
        new WaveletPacketEnergy(db4, 3, normalise: true).Extract(block.AsSpan(2 * t, t), e);
        for (var k = 0; k < 8; k++)
            Assert.Equal(e[k], nodeImage[k * channels + 2]);

        var emg = new float[150];
        new EmgImage(15, 10).Extract(window, emg);
        var stacked = new float[300];
        EmgImage.StackPlanes(emg, wpImage, stacked);
        Assert.Equal(emg, stacked[..150]);
        Assert.Equal(wpImage, stacked[150..]);
        Assert.Equal(0, Allocations.Fewest(() => wp.Extract(MultiChannelWindow.OverBlock(block, channels), wpImage)));
    }
}
