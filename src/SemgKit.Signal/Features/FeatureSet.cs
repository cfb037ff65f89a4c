using SemgKit.Signal.Windows;

namespace SemgKit.Signal.Features;

/// <summary>
/// An ordered list of features that writes one row per window. Row layout is <b>channel-major</b>:
/// all features of channel 1, then all of channel 2, …; within a channel, features in set order and
/// each feature's <see cref="IFeature.ValuesPerChannel"/> values consecutively. For Hudgins on 2 channels
/// the columns are <c>ch1.MAV ch1.WL ch1.ZC ch1.SSC ch2.MAV ch2.WL ch2.ZC ch2.SSC</c>
/// (multi-valued features are named <c>ch1.AR1</c>, <c>ch1.AR2</c>, … by <see cref="IFeature.ValueName"/>; channels are
/// numbered from 1). Multi-channel features (<see cref="IMultiChannelFeature"/>, e.g. ICC) come after all channels,
/// in set order, named by the feature (<c>ICC.1-2</c>). Per-channel intermediate results (one FFT per channel window
/// for all spectral features) are shared through a <see cref="FeatureScratch"/>.
/// </summary>
public sealed class FeatureSet
{
    private readonly IFeature[] _features;
    private readonly IMultiChannelFeature[] _multiChannel;
    private readonly int _valuesPerChannel;

    // The evaluation plan, fixed at construction: how each feature's values are produced.
    private readonly Kind[] _kinds;
    private readonly int[] _offsets; // first value of each feature within a channel's block
    private readonly bool _fused, _spectral, _perChannel;
    private readonly float _zeroCrossingThresholdAbs, _slopeThreshold;

    /// <summary>
    /// How a feature is evaluated: <see cref="Kind.PerChannel"/> by its own <see cref="IFeature.Extract(ReadOnlySpan{float}, Span{float}, FeatureScratch)"/>
    /// channel by channel; the others from the window-wide <see cref="FusedTimeDomain"/> statistics or
    /// <see cref="MultiChannelPowerSpectrum"/> lane-wise kernels, for all channels at once.
    /// </summary>
    private enum Kind { PerChannel, MeanAbsoluteValue, RootMeanSquare, Variance, WaveformLength, ZeroCrossings, SlopeSignChanges, MeanFrequency, MedianFrequency, PeakFrequency, MeanPower }

    /// <summary>A set of per-channel <paramref name="features"/> then <paramref name="multiChannelFeatures"/>, each in order.</summary>
    /// <exception cref="ArgumentException">The set is empty or two features share a code.</exception>
    public FeatureSet(IEnumerable<IFeature> features, IEnumerable<IMultiChannelFeature>? multiChannelFeatures = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        _features = [.. features];
        _multiChannel = multiChannelFeatures is null ? [] : [.. multiChannelFeatures];
        if (_features.Length == 0 && _multiChannel.Length == 0)
            throw new ArgumentException("A feature set needs at least one feature.", nameof(features));
        var duplicate = _features.Select(f => f.Code).Concat(_multiChannel.Select(f => f.Code)).GroupBy(c => c).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Feature code '{duplicate.Key}' appears {duplicate.Count()} times; column names would collide.", nameof(features));
        foreach (var f in _features)
        {
            if (f.ValuesPerChannel < 1)
                throw new ArgumentException($"Feature '{f.Code}' declares {f.ValuesPerChannel} values per channel.", nameof(features));
            _valuesPerChannel += f.ValuesPerChannel;
        }
        _kinds = new Kind[_features.Length];
        _offsets = new int[_features.Length];
        for (int i = 0, offset = 0; i < _features.Length; offset += _features[i].ValuesPerChannel, i++)
        {
            _offsets[i] = offset;
            _kinds[i] = _features[i] switch
            {
                MeanAbsoluteValue => Kind.MeanAbsoluteValue,
                RootMeanSquare => Kind.RootMeanSquare,
                Variance => Kind.Variance,
                WaveformLength => Kind.WaveformLength,
                ZeroCrossings z => Fused(Kind.ZeroCrossings, ref _zeroCrossingThresholdAbs, z.ThresholdAbs),
                SlopeSignChanges s => Fused(Kind.SlopeSignChanges, ref _slopeThreshold, s.Threshold),
                MeanFrequency => Kind.MeanFrequency,
                MedianFrequency => Kind.MedianFrequency,
                PeakFrequency => Kind.PeakFrequency,
                MeanPower => Kind.MeanPower,
                _ => Kind.PerChannel,
            };
            _fused |= _kinds[i] is >= Kind.MeanAbsoluteValue and <= Kind.SlopeSignChanges;
            _spectral |= _features[i] is ISpectrumFeature;
            _perChannel |= _kinds[i] == Kind.PerChannel;
        }
    }

    private static Kind Fused(Kind kind, ref float threshold, float value)
    {
        threshold = value;
        return kind;
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

    /// <summary>The per-channel features, in row order.</summary>
    public IReadOnlyList<IFeature> Features => _features;

    /// <summary>The multi-channel features, in row order (after all per-channel values).</summary>
    public IReadOnlyList<IMultiChannelFeature> MultiChannelFeatures => _multiChannel;

    /// <summary>The codes of all features, per-channel then multi-channel.</summary>
    public IReadOnlyList<string> Codes => [.. _features.Select(f => f.Code), .. _multiChannel.Select(f => f.Code)];

    /// <summary>F, the number of per-channel values per channel (sum of the features' values per channel).</summary>
    public int ValuesPerChannel => _valuesPerChannel;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first feature that cannot read windows of <paramref name="lengthSamples"/> samples (see <see cref="IFeature.CheckWindow"/>).</summary>
    public void CheckWindow(int lengthSamples)
    {
        foreach (var feature in _features) feature.CheckWindow(lengthSamples);
    }

    /// <summary>The row length for <paramref name="channelCount"/> channels: C · F plus the multi-channel values.</summary>
    public int ValuesPerWindow(int channelCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channelCount, 1);
        var total = checked(channelCount * _valuesPerChannel);
        foreach (var m in _multiChannel)
            total = checked(total + m.ValueCount(channelCount));
        return total;
    }

    /// <summary>The column names, e.g. "ch1.MAV", in row order (see the class remarks).</summary>
    public IReadOnlyList<string> ColumnNames(int channelCount)
    {
        var names = new List<string>(ValuesPerWindow(channelCount));
        for (var c = 1; c <= channelCount; c++)
        {
            foreach (var f in _features)
                for (var k = 0; k < f.ValuesPerChannel; k++)
                    names.Add($"ch{c}.{f.ValueName(k)}");
        }
        foreach (var m in _multiChannel)
            for (var k = 0; k < m.ValueCount(channelCount); k++)
                names.Add(m.ValueName(k, channelCount));
        return names;
    }

    /// <summary>
    /// Per column of the row (in <see cref="ColumnNames"/> order): true where the value comes from a feature that scales
    /// with the signal's amplitude (<see cref="FeatureCatalog.ScalesWithAmplitude"/>), e.g. for a log transform.
    /// </summary>
    public bool[] AmplitudeColumns(int channelCount)
    {
        var mask = new bool[ValuesPerWindow(channelCount)];
        var i = 0;
        for (var c = 0; c < channelCount; c++)
        {
            foreach (var f in _features)
            {
                var scales = FeatureCatalog.ScalesWithAmplitude(f.Code);
                for (var k = 0; k < f.ValuesPerChannel; k++)
                    mask[i++] = scales;
            }
        }
        return mask;
    }

    /// <summary>
    /// Writes one row (<see cref="ValuesPerWindow"/> values) for <paramref name="window"/> into <paramref name="row"/>,
    /// using the calling thread's <see cref="FeatureScratch"/>. Allocates nothing after warm-up.
    /// </summary>
    /// <exception cref="ArgumentException">row is too short.</exception>
    public void Extract(MultiChannelWindow window, Span<float> row) => Extract(window, row, FeatureScratch.ForCurrentThread);

    /// <summary>As <see cref="Extract(MultiChannelWindow, Span{float})"/> with an explicit <paramref name="scratch"/>.</summary>
    public void Extract(MultiChannelWindow window, Span<float> row, FeatureScratch scratch)
    {
        ArgumentNullException.ThrowIfNull(scratch);
        var needed = ValuesPerWindow(window.ChannelCount);
        if (row.Length < needed)
            throw new ArgumentException($"The row has {row.Length} values; {window.ChannelCount} channels need {needed}.", nameof(row));
        var channels = window.ChannelCount;
        var n = window.LengthSamples;
        var sums = _fused ? scratch.Sums(channels) : default;
        for (var c = 0; c < sums.Length; c++)
            sums[c] = FusedTimeDomain.Compute(window.Channel(c), _zeroCrossingThresholdAbs, _slopeThreshold);
        MultiChannelPowerSpectrum? spectrum = null;
        if (_spectral && n >= MultiChannelPowerSpectrum.MinimumWindowLength)
        {
            spectrum = scratch.WindowSpectrum;
            spectrum.Compute(window);
        }
        var stride = _valuesPerChannel;
        for (var i = 0; i < _features.Length; i++)
        {
            var first = _offsets[i];
            switch (_kinds[i])
            {
                case Kind.MeanAbsoluteValue:
                    for (var c = 0; c < channels; c++)
                        row[first + c * stride] = sums[c].SumOfMagnitudes / n;
                    break;
                case Kind.RootMeanSquare:
                    for (var c = 0; c < channels; c++)
                        row[first + c * stride] = MathF.Sqrt(sums[c].SumOfSquares / n);
                    break;
                case Kind.Variance:
                    if (n < 2) TimeDomain.Variance(window.Channel(0)); // throws its clear error
                    for (var c = 0; c < channels; c++)
                        row[first + c * stride] = sums[c].SumOfSquares / (n - 1);
                    break;
                case Kind.WaveformLength:
                    for (var c = 0; c < channels; c++)
                        row[first + c * stride] = sums[c].WaveformLength;
                    break;
                case Kind.ZeroCrossings:
                    for (var c = 0; c < channels; c++)
                        row[first + c * stride] = sums[c].ZeroCrossings;
                    break;
                case Kind.SlopeSignChanges:
                    for (var c = 0; c < channels; c++)
                        row[first + c * stride] = sums[c].SlopeSignChanges;
                    break;
                case Kind.MeanFrequency when spectrum is not null:
                    spectrum.MeanFrequencies(((MeanFrequency)_features[i]).SampleRateHz, row, first, stride);
                    break;
                case Kind.MedianFrequency when spectrum is not null:
                    spectrum.MedianFrequencies(((MedianFrequency)_features[i]).SampleRateHz, row, first, stride);
                    break;
                case Kind.PeakFrequency when spectrum is not null:
                    spectrum.PeakFrequencies(((PeakFrequency)_features[i]).SampleRateHz, row, first, stride);
                    break;
                case Kind.MeanPower when spectrum is not null:
                    spectrum.MeanPowers(row, first, stride);
                    break;
            }
        }
        if (_perChannel || (_spectral && spectrum is null))
            ExtractPerChannel(window, row, scratch, spectrum);
        var offset = channels * stride;
        foreach (var m in _multiChannel)
        {
            var count = m.ValueCount(channels);
            m.Extract(window, row.Slice(offset, count));
            offset += count;
        }
    }

    /// <summary>The features that the window-wide kernels did not write, channel by channel, sharing <paramref name="spectrum"/> when there is one.</summary>
    private void ExtractPerChannel(MultiChannelWindow window, Span<float> row, FeatureScratch scratch, MultiChannelPowerSpectrum? spectrum)
    {
        for (var c = 0; c < window.ChannelCount; c++)
        {
            var x = window.Channel(c);
            var block = row.Slice(c * _valuesPerChannel, _valuesPerChannel);
            scratch.BeginChannelOfWindow(spectrum, c);
            try
            {
                for (var i = 0; i < _features.Length; i++)
                {
                    var bulk = _kinds[i] is Kind.MeanFrequency or Kind.MedianFrequency or Kind.PeakFrequency or Kind.MeanPower ? spectrum is not null : _kinds[i] != Kind.PerChannel;
                    if (!bulk)
                        _features[i].Extract(x, block.Slice(_offsets[i], _features[i].ValuesPerChannel), scratch);
                }
            }
            finally
            {
                scratch.EndChannel();
            }
        }
    }

    /// <summary>
    /// One row per window for W windows stored back to back in <paramref name="windows"/> (each a channel-major block of
    /// C × N = <paramref name="channelCount"/> × <paramref name="lengthSamples"/> values) into <paramref name="matrix"/>
    /// (row-major, W × <see cref="ValuesPerWindow"/>), the windows split into <paramref name="threads"/> contiguous
    /// parts computed in parallel (each thread its own <see cref="FeatureScratch"/>). Rows are identical for any thread
    /// count. Returns W. Allocates only the parallel loop's bookkeeping, nothing per window.
    /// </summary>
    /// <exception cref="ArgumentException">The windows are not whole C × N blocks, or the matrix is too small.</exception>
    public int ExtractBatch(ReadOnlyMemory<float> windows, int channelCount, int lengthSamples, Memory<float> matrix, int threads = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channelCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(lengthSamples, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        var size = channelCount * lengthSamples;
        if (windows.Length % size != 0)
            throw new ArgumentException($"{windows.Length} values are not whole windows of {channelCount} × {lengthSamples}.", nameof(windows));
        var count = windows.Length / size;
        var width = ValuesPerWindow(channelCount);
        if (matrix.Length < count * width)
            throw new ArgumentException($"The matrix has {matrix.Length} values; {count} windows × {width} need {count * width}.", nameof(matrix));
        var parts = Math.Min(threads, count);
        if (parts <= 1)
        {
            ExtractRange(windows.Span, channelCount, matrix.Span, 0, count, size, width);
            return count;
        }
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, part =>
            ExtractRange(windows.Span, channelCount, matrix.Span, (int)((long)count * part / parts), (int)((long)count * (part + 1) / parts), size, width));
        return count;
    }

    private void ExtractRange(ReadOnlySpan<float> windows, int channelCount, Span<float> matrix, int first, int end, int size, int width)
    {
        var scratch = FeatureScratch.ForCurrentThread;
        for (var w = first; w < end; w++)
            Extract(MultiChannelWindow.OverBlock(windows.Slice(w * size, size), channelCount), matrix.Slice(w * width, width), scratch);
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
