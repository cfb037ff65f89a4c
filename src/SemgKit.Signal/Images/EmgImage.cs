using SemgKit.Signal.Features;
using SemgKit.Signal.Windows;

namespace SemgKit.Signal.Images;

/// <summary>
/// The "EMG image" of a window: the window is split into F consecutive frames of <see cref="FrameSamples"/> samples
/// (e.g. a 150 ms window as 15 frames of 10 ms) and a one-value feature (MAV by default, or RMS or any
/// <see cref="IFeature"/> with ValuesPerChannel = 1) is computed per frame and channel, giving a float (F, C) image,
/// row-major: frame f, channel c at f·C + c. Used with a <see cref="WaveletPacketImage"/> as the two planes of the
/// LSTM-CNN-with-attention gesture model's input (15 × 10 each for 10 channels); see <see cref="StackPlanes"/>.
/// </summary>
public sealed class EmgImage
{
    private readonly IFeature _feature;

    /// <summary>An image of <paramref name="frameCount"/> frames of <paramref name="frameSamples"/> samples.</summary>
    /// <exception cref="ArgumentException">The feature writes more than one value.</exception>
    public EmgImage(int frameCount, int frameSamples, IFeature? frameFeature = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frameCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(frameSamples, 1);
        _feature = frameFeature ?? new MeanAbsoluteValue();
        if (_feature.ValuesPerChannel != 1)
            throw new ArgumentException($"An EMG image needs a one-value feature; '{_feature.Code}' writes {_feature.ValuesPerChannel}.", nameof(frameFeature));
        FrameCount = frameCount;
        FrameSamples = frameSamples;
    }

    /// <summary>An image for a window of <paramref name="windowMs"/> split into frames of <paramref name="frameMs"/> (both whole samples at fs).</summary>
    public static EmgImage FromMilliseconds(double windowMs, double frameMs, double sampleRateHz, IFeature? frameFeature = null)
    {
        var frame = (int)Math.Round(frameMs * sampleRateHz / 1000);
        var window = (int)Math.Round(windowMs * sampleRateHz / 1000);
        if (frame < 1 || window % frame != 0)
            throw new ArgumentException($"A {windowMs} ms window ({window} samples) is not a whole number of {frameMs} ms frames ({frame} samples) at {sampleRateHz} Hz.");
        return new EmgImage(window / frame, frame, frameFeature);
    }

    /// <summary>F.</summary>
    public int FrameCount { get; }

    /// <summary>Samples per frame.</summary>
    public int FrameSamples { get; }

    /// <summary>F · FrameSamples, the window length the image expects.</summary>
    public int WindowSamples => FrameCount * FrameSamples;

    /// <summary>The per-frame feature.</summary>
    public IFeature Feature => _feature;

    /// <summary>F · C.</summary>
    public int ValuesPerImage(int channelCount) => checked(FrameCount * channelCount);

    /// <summary>Writes the (F, C) image of <paramref name="window"/> (exactly <see cref="WindowSamples"/> long). Allocates nothing.</summary>
    public void Extract(MultiChannelWindow window, Span<float> destination)
    {
        if (window.LengthSamples != WindowSamples)
            throw new ArgumentException($"The window has {window.LengthSamples} samples; {FrameCount} frames × {FrameSamples} need {WindowSamples}.", nameof(window));
        var c = window.ChannelCount;
        if (destination.Length < FrameCount * c)
            throw new ArgumentException($"The destination has {destination.Length} values; {FrameCount} × {c} are needed.", nameof(destination));
        for (var ch = 0; ch < c; ch++)
        {
            var x = window.Channel(ch);
            for (var f = 0; f < FrameCount; f++)
                _feature.Extract(x.Slice(f * FrameSamples, FrameSamples), destination.Slice(f * c + ch, 1));
        }
    }

    /// <summary>
    /// Stacks two equally sized planes (e.g. an EMG image and a wavelet-packet image, each (F, C)) into a
    /// (2, F, C) tensor: <paramref name="first"/> then <paramref name="second"/>.
    /// </summary>
    public static void StackPlanes(ReadOnlySpan<float> first, ReadOnlySpan<float> second, Span<float> destination)
    {
        if (first.Length != second.Length)
            throw new ArgumentException($"The planes differ in size ({first.Length} and {second.Length}).", nameof(second));
        if (destination.Length < 2 * first.Length)
            throw new ArgumentException($"The destination has {destination.Length} values; {2 * first.Length} are needed.", nameof(destination));
        first.CopyTo(destination);
        second.CopyTo(destination[first.Length..]);
    }
}
