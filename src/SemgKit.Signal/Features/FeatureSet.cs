using SemgKit.Signal.Windows;

namespace SemgKit.Signal.Features;

/// <summary>
/// An ordered list of features that writes one row per window. Row layout is <b>channel-major</b>:
/// all features of channel 1, then all of channel 2, …; within a channel, features in set order and
/// each feature's <see cref="IFeature.ValuesPerChannel"/> values consecutively. For Hudgins on 2 channels
/// the columns are <c>ch1.MAV ch1.WL ch1.ZC ch1.SSC ch2.MAV ch2.WL ch2.ZC ch2.SSC</c>
/// (multi-valued features are named <c>ch1.AR1</c>, <c>ch1.AR2</c>, …; channels are numbered from 1).
/// </summary>
public sealed class FeatureSet
{
    private readonly IFeature[] _features;
    private readonly int _valuesPerChannel;

    /// <summary>A set of <paramref name="features"/>, in order.</summary>
    /// <exception cref="ArgumentException">The list is empty or two features share a code.</exception>
    public FeatureSet(IEnumerable<IFeature> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        _features = [.. features];
        if (_features.Length == 0)
            throw new ArgumentException("A feature set needs at least one feature.", nameof(features));
        var duplicate = _features.GroupBy(f => f.Code).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Feature code '{duplicate.Key}' appears {duplicate.Count()} times; column names would collide.", nameof(features));
        foreach (var f in _features)
        {
            if (f.ValuesPerChannel < 1)
                throw new ArgumentException($"Feature '{f.Code}' declares {f.ValuesPerChannel} values per channel.", nameof(features));
            _valuesPerChannel += f.ValuesPerChannel;
        }
    }

    /// <summary>A set of <paramref name="features"/>, in order.</summary>
    public FeatureSet(params IFeature[] features)
        : this((IEnumerable<IFeature>)features)
    {
    }

    /// <summary>
    /// Hudgins et al. 1993's time-domain set: MAV, WL, ZC, SSC (in that order), with the ZC threshold in
    /// signal units and the SSC threshold in squared signal units (see <see cref="TimeDomain"/>).
    /// </summary>
    public static FeatureSet Hudgins(double zeroCrossingThreshold = 0, double slopeThreshold = 0) =>
        new(new MeanAbsoluteValue(), new WaveformLength(), new ZeroCrossings((float)zeroCrossingThreshold), new SlopeSignChanges((float)slopeThreshold));

    /// <summary>The features, in row order.</summary>
    public IReadOnlyList<IFeature> Features => _features;

    /// <summary>F, the number of values per channel (sum of the features' values per channel).</summary>
    public int ValuesPerChannel => _valuesPerChannel;

    /// <summary>The row length for <paramref name="channelCount"/> channels: C · F.</summary>
    public int ValuesPerWindow(int channelCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channelCount, 1);
        return checked(channelCount * _valuesPerChannel);
    }

    /// <summary>The column names, e.g. "ch1.MAV", in row order (see the class remarks).</summary>
    public IReadOnlyList<string> ColumnNames(int channelCount)
    {
        var names = new List<string>(ValuesPerWindow(channelCount));
        for (var c = 1; c <= channelCount; c++)
        {
            foreach (var f in _features)
            {
                if (f.ValuesPerChannel == 1)
                    names.Add($"ch{c}.{f.Code}");
                else
                    for (var k = 1; k <= f.ValuesPerChannel; k++)
                        names.Add($"ch{c}.{f.Code}{k}");
            }
        }
        return names;
    }

    /// <summary>Writes one row (C · F values) for <paramref name="window"/> into <paramref name="row"/>. Allocates nothing.</summary>
    /// <exception cref="ArgumentException">row is shorter than C · F.</exception>
    public void Extract(MultiChannelWindow window, Span<float> row)
    {
        var needed = ValuesPerWindow(window.ChannelCount);
        if (row.Length < needed)
            throw new ArgumentException($"The row has {row.Length} values; {window.ChannelCount} channels × {_valuesPerChannel} features need {needed}.", nameof(row));
        var offset = 0;
        for (var c = 0; c < window.ChannelCount; c++)
        {
            var x = window.Channel(c);
            foreach (var f in _features)
            {
                f.Extract(x, row.Slice(offset, f.ValuesPerChannel));
                offset += f.ValuesPerChannel;
            }
        }
    }

    /// <summary>
    /// Writes one row per sliding window of a channel-major block (C channels of T = block.Length / C samples)
    /// into <paramref name="matrix"/> (row-major, windows × C·F) and returns the number of windows,
    /// <see cref="SlidingWindows.Count"/>(T, lengthSamples, stepSamples). Allocates nothing.
    /// </summary>
    /// <exception cref="ArgumentException">The block is not C equal channels, or the matrix is too small.</exception>
    public int ExtractWindows(ReadOnlySpan<float> channelMajor, int channelCount, int lengthSamples, int stepSamples, Span<float> matrix)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channelCount, 1);
        if (channelMajor.Length % channelCount != 0)
            throw new ArgumentException($"A block of {channelMajor.Length} values is not {channelCount} equal channels.", nameof(channelMajor));
        var t = channelMajor.Length / channelCount;
        var windows = SlidingWindows.Count(t, lengthSamples, stepSamples);
        var width = ValuesPerWindow(channelCount);
        if (matrix.Length < windows * width)
            throw new ArgumentException($"The matrix has {matrix.Length} values; {windows} windows × {width} need {windows * width}.", nameof(matrix));
        for (var k = 0; k < windows; k++)
        {
            var window = new MultiChannelWindow(channelMajor, channelCount, t, SlidingWindows.Start(k, stepSamples), lengthSamples);
            Extract(window, matrix.Slice(k * width, width));
        }
        return windows;
    }
}
