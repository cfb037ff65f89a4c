using System.Globalization;
using SemgKit.Pipeline.Data;
using SemgKit.Pipeline.Encoders;
using SemgKit.Pipeline.Reports.Plots;
using SemgKit.Signal.Filters;
using SemgKit.Signal.Onsets;
using SemgKit.Signal.Transforms;

namespace SemgKit.Pipeline.Reports;

/// <summary>
/// Figures that show the data itself for a report: one recording's most active channel after the causal filter,
/// with contraction bursts found by the Teager–Kaiser onset detector and the labelled movement period, and its
/// spectrogram (Hann, 50 % overlap, dB).
/// </summary>
public static class DataFigures
{
    public static IReadOnlyList<ReportFigure> For(Dataset dataset, FeatureEncoderOptions encoder)
    {
        var recording = dataset.Recordings.FirstOrDefault(r => r.Labels.ToArray().Distinct().Count() > 1) ?? dataset.Recordings.FirstOrDefault();
        if (recording is null || recording.SampleCount < 64) return [];
        double fs = recording.SampleRateHz;
        int channel = Enumerable.Range(0, recording.ChannelCount).MaxBy(c => Rms(recording.Channel(c)));
        var filtered = new float[recording.SampleCount];
        new SosFilter(encoder.DesignFilter(fs)).Process(recording.Channel(channel), filtered);
        string where = $"{recording.Metadata.Subject}{(recording.Metadata.Trial is int t ? $", trial {t}" : "")}, channel {recording.ChannelNames[channel]}";
        return [SignalWithOnsets(recording, filtered, fs, where), SpectrogramOf(filtered, fs, where)];
    }

    private static ReportFigure SignalWithOnsets(Recording recording, float[] x, double fs, string where)
    {
        int baseline = Math.Max(8, (int)Math.Min(recording.SampleCount / 10, 0.5 * fs));
        var detector = new TkeoOnsetDetector(OnsetThreshold.FromBaseline(0, baseline, 8), (int)(0.025 * fs), (int)(0.1 * fs), (int)(0.1 * fs));
        var bursts = detector.Detect(x);
        // min/max per bucket keeps the envelope visible when thousands of samples share a pixel
        int buckets = Math.Min(x.Length, 1500);
        var tx = new List<double>();
        var ty = new List<double>();
        for (int b = 0; b < buckets; b++)
        {
            int s = (int)((long)b * x.Length / buckets), e = (int)((long)(b + 1) * x.Length / buckets);
            float lo = float.MaxValue, hi = float.MinValue;
            for (int i = s; i < e; i++) { lo = Math.Min(lo, x[i]); hi = Math.Max(hi, x[i]); }
            tx.Add(s / fs); ty.Add(lo);
            tx.Add(s / fs); ty.Add(hi);
        }
        double top = x.Max(v => Math.Abs(v)) * 1.05;
        var series = new List<LineSeries> { new("filtered signal", tx, ty) };
        series.Add(Markers("detected onset/offset", bursts.SelectMany(bu => new[] { bu.OnsetSample / fs, bu.OffsetSample / fs }), top));
        var labels = recording.Labels.ToArray();
        var changes = Enumerable.Range(1, labels.Length - 1).Where(i => labels[i] != labels[i - 1]).Select(i => i / fs);
        series.Add(Markers("label change", changes, top) with { Dashed = true });
        string svg = LinePlot.Render($"Signal and Teager–Kaiser onsets ({where})", series, "time (s)", recording.ChannelUnits[0], yRange: (-top, top), width: 760);
        return new ReportFigure("Data", svg, string.Create(CultureInfo.InvariantCulture,
            $"Causally filtered signal of the most active channel; vertical lines: {bursts.Count} bursts found by TKEO with one global threshold (baseline mean + 8 sd over the first {baseline / fs:0.##} s, 25 ms smoothing, ≥ 100 ms on/off), dashed: where the labels change."));
    }

    private static LineSeries Markers(string name, IEnumerable<double> times, double top)
    {
        var x = new List<double>();
        var y = new List<double>();
        foreach (var t in times)
        {
            x.AddRange([t, t, double.NaN]);
            y.AddRange([-top, top, double.NaN]);
        }
        return new LineSeries(name, x, y);
    }

    private static ReportFigure SpectrogramOf(float[] x, double fs, string where)
    {
        int window = fs >= 800 ? 256 : 64;
        window = Math.Min(window, x.Length);
        var spectrogram = new Spectrogram(new SpectrogramOptions { WindowSamples = window, OverlapSamples = window / 2, Decibels = true }, fs);
        int frames = spectrogram.FrameCount(x.Length);
        var values = new float[spectrogram.BinCount * frames];
        spectrogram.Apply(x, values);
        var times = spectrogram.TimesSeconds(x.Length);
        string svg = ImagePlot.Render($"Spectrogram ({where})", values, spectrogram.BinCount, frames, (times[0], times[^1]), (0, fs / 2), "time (s)", "frequency (Hz)", "dB", 760, 320);
        return new ReportFigure("Data", svg, string.Create(CultureInfo.InvariantCulture,
            $"Power spectral density in dB, Hann window of {window} samples, 50 % overlap; the band-pass shapes the spectrum and contractions show as broadband bursts."));
    }

    private static double Rms(ReadOnlySpan<float> x)
    {
        double s = 0;
        foreach (float v in x) s += v * v;
        return Math.Sqrt(s / Math.Max(1, x.Length));
    }
}
