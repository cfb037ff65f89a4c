using SemgKit.Signal.Filters;

namespace SemgKit.Signal.Tests.Filters;

/// <summary>Both lane kernels (whichever one this CPU uses in MultiChannelSosFilter) against the scalar recursion.</summary>
public class SosKernelsTests
{
    [Theory]
    [InlineData(4, 1), InlineData(4, 2), InlineData(4, 5), InlineData(8, 1), InlineData(8, 4), InlineData(8, 7)]
    public void LaneKernelsEqualTheScalarRecursionBitForBit(int lanes, int sectionCount)
    {
        var rng = new Random(lanes * 100 + sectionCount);
        var sos = Butterworth.LowPass(2 * sectionCount, 120, 1000);
        var sections = sos.Sections.ToArray();
        var padded = 2 * lanes;
        foreach (var frames in new[] { 1, 2, 3, 17, 128 })
        {
            var block = new double[padded * frames];
            for (var i = 0; i < block.Length; i++)
                block[i] = rng.NextDouble() * 2 - 1;
            var expected = (double[])block.Clone();
            var scalarState = new double[padded][];
            for (var c = 0; c < padded; c++)
            {
                var column = Enumerable.Range(0, frames).Select(t => expected[t * padded + c]).ToArray();
                scalarState[c] = new double[2 * sectionCount];
                SosKernels.ProcessBlock(sections, scalarState[c], column);
                for (var t = 0; t < frames; t++)
                    expected[t * padded + c] = column[t];
            }
            var state = new double[padded * sectionCount * 2];
            if (lanes == 8)
                SosKernels.ProcessLanes512(sections, state, block, padded, frames);
            else
                SosKernels.ProcessLanes256(sections, state, block, padded, frames);
            Assert.Equal(expected, block);
            // State layout: group g, section s, (z0 lanes, z1 lanes).
            for (var c = 0; c < padded; c++)
                for (var s = 0; s < sectionCount; s++)
                    for (var j = 0; j < 2; j++)
                        Assert.Equal(scalarState[c][2 * s + j], state[((c / lanes * sectionCount + s) * 2 + j) * lanes + c % lanes]);
        }
    }
}
