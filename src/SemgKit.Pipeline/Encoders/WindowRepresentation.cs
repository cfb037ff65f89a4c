using System.Globalization;
using SemgKit.Signal.Features;
using SemgKit.Signal.Images;
using SemgKit.Signal.Transforms;
using SemgKit.Signal.Wavelets;
using SemgKit.Signal.Windows;

namespace SemgKit.Pipeline.Encoders;

/// <summary>
/// What one filtered window becomes for the classifier (<see cref="WindowInput"/>): a flat row of
/// <see cref="ValuesPerWindow"/> floats that a network reads with the shape <see cref="Shape"/> (batch axis excluded).
/// The offline encoder and the streaming classifier use the same instance type, so training and live use see identical
/// rows. <see cref="Extract"/> allocates nothing; an instance holds plans and scratch (not thread-safe): make one per
/// thread with <see cref="Create"/>, which is cheap.
/// </summary>
public abstract class WindowRepresentation
{
    /// <summary>Values written per window (the product of <see cref="Shape"/>).</summary>
    public int ValuesPerWindow { get; protected init; }

    /// <summary>The row's shape for a network, e.g. [C, T] for raw windows or [C, F, T'] for spectrograms.</summary>
    public IReadOnlyList<int> Shape { get; protected init; } = [];

    /// <summary>What the row holds, for reports: feature codes, or e.g. "raw 8×200".</summary>
    public IReadOnlyList<string> Codes { get; protected init; } = [];

    /// <summary>CSV column names in row order: <c>ch&lt;i&gt;.&lt;CODE&gt;</c> (with <c>@T ms</c> for trailing spans) for feature rows, <c>in&lt;i&gt;</c> for other inputs.</summary>
    public virtual IReadOnlyList<string> ColumnNames => [.. Enumerable.Range(0, ValuesPerWindow).Select(i => "in" + i.ToString(CultureInfo.InvariantCulture))];

    /// <summary>The kind.</summary>
    public abstract WindowInput Kind { get; }

    /// <summary>Writes the row of <paramref name="window"/> (C channels, the encoder's window length) into <paramref name="destination"/>.</summary>
    public abstract void Extract(MultiChannelWindow window, Span<float> destination);

    /// <summary>
    /// The representation <paramref name="options"/> asks for, for windows of <paramref name="windowSamples"/> samples of
    /// <paramref name="channelCount"/> channels at <paramref name="sampleRateHz"/>; invalid settings are a <see cref="SemgException"/>.
    /// </summary>
    public static WindowRepresentation Create(FeatureEncoderOptions options, double sampleRateHz, int channelCount, int windowSamples)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            return options.Input switch
            {
                WindowInput.Features => new FeatureRow(options, sampleRateHz, channelCount, windowSamples),
                WindowInput.Raw => new RawWindow(channelCount, windowSamples),
                WindowInput.Spectrogram => new SpectrogramPlanes(options, sampleRateHz, channelCount, windowSamples),
                WindowInput.FrameFeatures => new FrameSequence(options, sampleRateHz, channelCount, windowSamples),
                WindowInput.EmgImage or WindowInput.EmgWaveletImage => new ImagePlanes(options, sampleRateHz, channelCount, windowSamples),
                _ => throw new SemgException($"unknown window input '{options.Input}'"),
            };
        }
        catch (ArgumentException e)
        {
            throw new SemgException($"{Describe(options.Input)}: {e.Message}", e);
        }
    }

    /// <summary>The name of <paramref name="kind"/> in messages and on the command line (e.g. "emg-wavelet-image").</summary>
    public static string Describe(WindowInput kind) => kind switch
    {
        WindowInput.Features => "features",
        WindowInput.Raw => "raw",
        WindowInput.Spectrogram => "spectrogram",
        WindowInput.FrameFeatures => "frame-features",
        WindowInput.EmgImage => "emg-image",
        WindowInput.EmgWaveletImage => "emg-wavelet-image",
        _ => kind.ToString(),
    };

    /// <summary>Parses a name written by <see cref="Describe"/>.</summary>
    public static WindowInput Parse(string name) =>
        Enum.GetValues<WindowInput>().FirstOrDefault(k => Describe(k).Equals(name.Trim(), StringComparison.OrdinalIgnoreCase), (WindowInput)(-1)) is var k && (int)k >= 0
            ? k
            : throw new SemgException($"unknown input '{name}' (use {string.Join(", ", Enum.GetValues<WindowInput>().Select(Describe))})");

    private static int FrameSamples(FeatureEncoderOptions options, double sampleRateHz, int windowSamples)
    {
        int frame = (int)Math.Round(options.FrameMs * sampleRateHz / 1000.0);
        if (frame < 1 || windowSamples % frame != 0 || windowSamples / frame < 2)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"a window of {windowSamples} samples is not at least two whole frames of {options.FrameMs} ms ({frame} samples at {sampleRateHz} Hz); choose --frame-ms to divide --window-ms"));
        return frame;
    }

    /// <summary>
    /// A feature row: one block per time span and segment count, in order of first appearance in
    /// <see cref="FeatureEncoderOptions.Features"/>: codes written plainly over the whole window, codes written CODE@T over
    /// the window's last T ms, codes written CODE/N on each of N consecutive equal segments of their span (an envelope
    /// shape: <c>MAV/10</c>), segment after segment; each block in <see cref="FeatureSet"/> layout. With
    /// <see cref="FeatureEncoderOptions.LogAmplitude"/>, amplitude-scaled values are replaced by their natural logarithm
    /// (NaN stays NaN; zero becomes ln 1e-30).
    /// </summary>
    private sealed class FeatureRow : WindowRepresentation
    {
        private const float SmallestAmplitude = 1e-30f;
        private readonly (FeatureSet Features, int Samples, int Segments, int Offset, int PerSegment)[] _blocks;
        private readonly bool[]? _logColumns;
        private readonly string[] _columnNames;

        public FeatureRow(FeatureEncoderOptions options, double sampleRateHz, int channelCount, int windowSamples)
        {
            var blocks = new List<(FeatureSet, int, int, int, int)>();
            var names = new List<string>();
            var codes = new List<string>();
            var log = new List<bool>();
            int offset = 0;
            foreach (var (spanMs, segments, text) in Spans(options.Features))
            {
                string suffix = spanMs is { } ms ? string.Create(CultureInfo.InvariantCulture, $"@{ms:0.###}ms") : "";
                string segmented = segments > 1 ? string.Create(CultureInfo.InvariantCulture, $"/{segments}") : "";
                int samples = spanMs is { } t ? SlidingWindows.SamplesFromMs(t, sampleRateHz) : windowSamples;
                if (samples > windowSamples)
                    throw new ArgumentException($"features '{text}{segmented}{suffix}': {samples} samples are longer than the {windowSamples}-sample window");
                if (samples < 2 * segments)
                    throw new ArgumentException($"features '{text}{segmented}{suffix}': segments under 2 samples at {sampleRateHz} Hz");
                var set = FeatureCatalog.Parse(text, sampleRateHz);
                int count = set.ValuesPerWindow(channelCount);
                set.CheckWindow(samples / segments); // the shortest part this block reads: PSD:N fails here, not on the first window
                blocks.Add((set, samples, segments, offset, count));
                for (int g = 0; g < segments; g++)
                {
                    string part = segments > 1 ? string.Create(CultureInfo.InvariantCulture, $"/{g + 1}of{segments}") : "";
                    names.AddRange(set.ColumnNames(channelCount).Select(n => n + part + suffix));
                    log.AddRange(set.AmplitudeColumns(channelCount));
                }
                codes.AddRange(set.Codes.Select(c => (options.LogAmplitude && FeatureCatalog.ScalesWithAmplitude(c) ? "ln " : "") + c + segmented + suffix));
                offset += segments * count;
            }
            _blocks = [.. blocks];
            _columnNames = [.. names];
            _logColumns = options.LogAmplitude && log.Contains(true) ? [.. log] : null;
            ValuesPerWindow = offset;
            Shape = [ValuesPerWindow];
            Codes = codes;
        }

        public override WindowInput Kind => WindowInput.Features;

        public override IReadOnlyList<string> ColumnNames => _columnNames;

        public override void Extract(MultiChannelWindow window, Span<float> destination)
        {
            foreach (var (features, samples, segments, offset, count) in _blocks)
            {
                var span = samples == window.LengthSamples ? window : window.Slice(window.LengthSamples - samples, samples);
                for (int g = 0; g < segments; g++)
                {
                    int start = g * samples / segments, end = (g + 1) * samples / segments;
                    var part = segments == 1 ? span : span.Slice(start, end - start);
                    features.Extract(part, destination.Slice(offset + g * count, count));
                }
            }
            if (_logColumns is { } log)
            {
                for (int i = 0; i < log.Length; i++)
                    if (log[i]) destination[i] = MathF.Log(MathF.Max(destination[i], SmallestAmplitude));
            }
        }

        /// <summary>
        /// Groups the comma-separated tokens of <paramref name="features"/> by their "@T" span (null = the whole window)
        /// and "/N" segment count (1 = unsegmented), in order of first appearance.
        /// </summary>
        private static IEnumerable<(double? SpanMs, int Segments, string Text)> Spans(string features)
        {
            var groups = new List<(double? SpanMs, int Segments, List<string> Tokens)>();
            foreach (var token in features.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                int at = token.LastIndexOf('@');
                double? span = null;
                if (at >= 0)
                {
                    var ms = token[(at + 1)..].Trim();
                    if (ms.EndsWith("ms", StringComparison.OrdinalIgnoreCase)) ms = ms[..^2];
                    if (!double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value > 0) || !double.IsFinite(value))
                        throw new ArgumentException($"feature '{token}': the span after '@' must be a positive number of ms (e.g. TDFD@256)");
                    span = value;
                }
                string code = at >= 0 ? token[..at].Trim() : token;
                int segments = 1;
                int slash = code.LastIndexOf('/');
                if (slash >= 0)
                {
                    if (!int.TryParse(code[(slash + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out segments) || segments < 1)
                        throw new ArgumentException($"feature '{token}': the segment count after '/' must be a whole number ≥ 1 (e.g. MAV/10)");
                    code = code[..slash].Trim();
                }
                int g = groups.FindIndex(x => x.SpanMs == span && x.Segments == segments);
                if (g < 0)
                {
                    groups.Add((span, segments, []));
                    g = groups.Count - 1;
                }
                groups[g].Tokens.Add(code);
            }
            if (groups.Count == 0) throw new ArgumentException("empty feature list");
            return groups.Select(x => (x.SpanMs, x.Segments, string.Join(",", x.Tokens)));
        }
    }

    /// <summary>The window itself, channel-major: shape [C, T].</summary>
    private sealed class RawWindow : WindowRepresentation
    {
        public RawWindow(int channelCount, int windowSamples)
        {
            ValuesPerWindow = channelCount * windowSamples;
            Shape = [channelCount, windowSamples];
            Codes = [string.Create(CultureInfo.InvariantCulture, $"raw {channelCount}×{windowSamples}")];
        }

        public override WindowInput Kind => WindowInput.Raw;

        public override void Extract(MultiChannelWindow window, Span<float> destination)
        {
            int t = window.LengthSamples;
            for (int c = 0; c < window.ChannelCount; c++)
                window.Channel(c).CopyTo(destination.Slice(c * t, t));
        }
    }

    /// <summary>Per-channel spectrograms: shape [C, F, T'] (scipy.signal.spectrogram, Hann, constant detrend, density PSD, optional dB).</summary>
    private sealed class SpectrogramPlanes : WindowRepresentation
    {
        private readonly Spectrogram _plan;
        private readonly int _plane;

        public SpectrogramPlanes(FeatureEncoderOptions options, double sampleRateHz, int channelCount, int windowSamples)
        {
            int n = options.SegmentSamples > 0 ? options.SegmentSamples : AutoSegment(windowSamples);
            if (n > windowSamples)
                throw new ArgumentException($"a spectrogram segment of {n} samples is longer than the {windowSamples}-sample window");
            if (!(options.SegmentOverlap >= 0 && options.SegmentOverlap < 1))
                throw new ArgumentException($"segment overlap {options.SegmentOverlap} is outside [0, 1)");
            _plan = new Spectrogram(new SpectrogramOptions
            {
                WindowSamples = n,
                OverlapSamples = (int)Math.Round(n * options.SegmentOverlap),
                Window = SpectralWindow.Hann,
                Decibels = options.Decibels,
            }, sampleRateHz);
            int frames = _plan.FrameCount(windowSamples);
            _plane = _plan.BinCount * frames;
            ValuesPerWindow = channelCount * _plane;
            Shape = [channelCount, _plan.BinCount, frames];
            Codes = [string.Create(CultureInfo.InvariantCulture, $"spectrogram {n}-sample Hann segments, {options.SegmentOverlap:P0} overlap{(options.Decibels ? ", dB" : "")} ({_plan.BinCount} bins × {frames} frames)")];
        }

        public override WindowInput Kind => WindowInput.Spectrogram;

        /// <summary>min(256, the largest power of two ≤ window / 4), at least 8.</summary>
        private static int AutoSegment(int windowSamples)
        {
            int n = 8;
            while (n * 2 <= Math.Min(256, windowSamples / 4)) n *= 2;
            return n;
        }

        public override void Extract(MultiChannelWindow window, Span<float> destination)
        {
            for (int c = 0; c < window.ChannelCount; c++)
                _plan.Apply(window.Channel(c), destination.Slice(c * _plane, _plane));
        }
    }

    /// <summary>Features of consecutive frames: shape [frames, C·k], frame f's row in <see cref="FeatureSet"/> layout.</summary>
    private sealed class FrameSequence : WindowRepresentation
    {
        private readonly FeatureSet _features;
        private readonly int _frameSamples, _frames, _perFrame;

        public FrameSequence(FeatureEncoderOptions options, double sampleRateHz, int channelCount, int windowSamples)
        {
            _frameSamples = FrameSamples(options, sampleRateHz, windowSamples);
            _frames = windowSamples / _frameSamples;
            _features = FeatureCatalog.Parse(options.FrameFeatures ?? "Hudgins", sampleRateHz);
            _perFrame = _features.ValuesPerWindow(channelCount);
            ValuesPerWindow = _frames * _perFrame;
            Shape = [_frames, _perFrame];
            Codes = [.. _features.Codes.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c} per {options.FrameMs:0.#} ms frame"))];
        }

        public override WindowInput Kind => WindowInput.FrameFeatures;

        public override void Extract(MultiChannelWindow window, Span<float> destination)
        {
            for (int f = 0; f < _frames; f++)
                _features.Extract(window.Slice(f * _frameSamples, _frameSamples), destination.Slice(f * _perFrame, _perFrame));
        }
    }

    /// <summary>The EMG image [1, frames, C], or with the wavelet-packet image as a second plane [2, frames, C].</summary>
    private sealed class ImagePlanes : WindowRepresentation
    {
        private readonly EmgImage _image;
        private readonly WaveletPacketImage? _wavelet;
        private readonly int _plane;

        public ImagePlanes(FeatureEncoderOptions options, double sampleRateHz, int channelCount, int windowSamples)
        {
            int frame = FrameSamples(options, sampleRateHz, windowSamples);
            var feature = FeatureCatalog.Parse(options.FrameFeatures ?? "MAV", sampleRateHz);
            if (feature.Features.Count != 1 || feature.MultiChannelFeatures.Count != 0)
                throw new ArgumentException($"an EMG image takes one per-frame feature, got '{options.FrameFeatures}'");
            _image = new EmgImage(windowSamples / frame, frame, feature.Features[0]);
            if (options.Input == WindowInput.EmgWaveletImage)
                _wavelet = WaveletPacketImage.PerFrame(WaveletPacketImageKind.FrameEnergyEntropy, Wavelet.FromName(options.Wavelet), options.WaveletDepth, _image.FrameCount, frame);
            _plane = _image.ValuesPerImage(channelCount);
            int planes = _wavelet is null ? 1 : 2;
            ValuesPerWindow = planes * _plane;
            Shape = [planes, _image.FrameCount, channelCount];
            string frames = string.Create(CultureInfo.InvariantCulture, $"{_image.FrameCount} frames of {options.FrameMs:0.#} ms");
            Codes = _wavelet is null
                ? [$"EMG image ({_image.Feature.Code}, {frames})"]
                : [$"EMG image ({_image.Feature.Code}, {frames})", $"wavelet-packet image ({_wavelet.Wavelet.Name} depth {_wavelet.Depth} energy entropy)"];
        }

        public override WindowInput Kind => _wavelet is null ? WindowInput.EmgImage : WindowInput.EmgWaveletImage;

        public override void Extract(MultiChannelWindow window, Span<float> destination)
        {
            _image.Extract(window, destination[.._plane]);
            _wavelet?.Extract(window, destination.Slice(_plane, _plane));
        }
    }
}
