using System.Globalization;
using SemgKit.Pipeline.Data;
using SemgKit.Pipeline.Simulation;

namespace SemgKit.Pipeline.Tests.Simulation;

public sealed class SyntheticEmgSignalTests(ITestOutputHelper output)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    [Fact]
    public void ActiveChannels_HaveTheirSpectralPeakBetween40And200Hz()
    {
        // No power line here: the check is about the EMG itself, and a 50 Hz line would sit inside the band anyway.
        var options = SyntheticEmgOptions.Default with { SubjectCount = 3, RepetitionCount = 1, MainsAmplitudeMv = 0 };
        var dataset = SyntheticEmg.Generate(options, 11, TestContext.Current.CancellationToken);
        double[] frequencies = Enumerable.Range(1, 45).Select(i => i * 10.0).ToArray();
        foreach (var recording in dataset.Recordings)
        {
            var hold = Hold(recording, options);
            int channel = MostActiveChannel(hold);
            var power = frequencies.Select(f => SpectrumProbe.Power(hold[channel], f, recording.SampleRateHz, 256)).ToArray();
            double peak = frequencies[Array.IndexOf(power, power.Max())];
            output.WriteLine(string.Create(Inv, $"{recording.Metadata.Source} ch{channel + 1}: peak {peak} Hz"));
            Assert.InRange(peak, 40, 200);
            // Band-limited: little power at very low and very high frequencies compared with the peak.
            Assert.True(power[0] < power.Max() / 3, "too much power at 10 Hz");
            Assert.True(power[^1] < power.Max() / 20, "too much power at 450 Hz");
        }
    }

    [Fact]
    public void SpectralPeak_VariesBetweenSubjects_AndFatigueLowersItOverRepetitions()
    {
        var options = SyntheticEmgOptions.Default with { SubjectCount = 3, ClassCount = 3, MainsAmplitudeMv = 0, FatigueShiftFractionPerRepetition = 0.04 };
        var dataset = SyntheticEmg.Generate(options, 12, TestContext.Current.CancellationToken);
        var medianBySubject = new List<double>();
        foreach (var subject in dataset.Subjects)
        {
            var first = dataset.Recordings.Where(r => r.Metadata.Subject == subject && r.Metadata.Trial == 1).ToArray();
            var last = dataset.Recordings.Where(r => r.Metadata.Subject == subject && r.Metadata.Trial == options.RepetitionCount).ToArray();
            double firstMedian = first.Average(r => MeanFrequency(Hold(r, options), r.SampleRateHz));
            double lastMedian = last.Average(r => MeanFrequency(Hold(r, options), r.SampleRateHz));
            output.WriteLine(string.Create(Inv, $"{subject}: mean frequency rep 1 {firstMedian:F1} Hz, rep {options.RepetitionCount} {lastMedian:F1} Hz"));
            Assert.True(lastMedian < firstMedian, "fatigue should lower the spectrum");
            medianBySubject.Add(firstMedian);
        }
        Assert.True(medianBySubject.Max() - medianBySubject.Min() > 1, "subjects should differ in their spectra");
    }

    [Theory]
    [InlineData(50.0, 60.0)]
    [InlineData(60.0, 50.0)]
    public void PowerLine_IsPresentAtTheConfiguredFrequencyAndItsHarmonic(double mainsHz, double otherHz)
    {
        var options = SyntheticEmgOptions.Default with { SubjectCount = 1, ClassCount = 2, RepetitionCount = 1, MainsFrequencyHz = mainsHz };
        var recording = SyntheticEmg.Generate(options, 13, TestContext.Current.CancellationToken).Recordings[0];
        int length = options.RestBeforeSamples; // one second of rest before the contraction
        var ratios = new List<double>();
        for (int c = 0; c < recording.ChannelCount; c++)
        {
            var rest = recording.Channel(c)[..length].ToArray();
            double Ratio(double f) => SpectrumProbe.Power(rest, f, recording.SampleRateHz, length)
                / new[] { -9.0, -7, -5, 5, 7, 9 }.Average(d => SpectrumProbe.Power(rest, f + d, recording.SampleRateHz, length));
            double fundamental = Ratio(mainsHz), third = Ratio(3 * mainsHz), other = Ratio(otherHz);
            output.WriteLine(string.Create(Inv, $"ch{c + 1}: {mainsHz} Hz line/neighbours {fundamental:F0}, {3 * mainsHz} Hz {third:F0}, {otherHz} Hz {other:F1}"));
            Assert.True(fundamental > 5, $"ch{c + 1}: no {mainsHz} Hz line");
            Assert.True(other < 5, $"ch{c + 1}: a line at {otherHz} Hz");
            ratios.Add(fundamental);
            ratios.Add(third);
        }
        ratios.Sort();
        Assert.True(ratios[ratios.Count / 2] > 20, "the power line should stand far above the rest EMG on most channels");
    }

    [Fact]
    public void PowerLine_CanBeSwitchedOff()
    {
        var options = SyntheticEmgOptions.Default with { SubjectCount = 1, ClassCount = 2, RepetitionCount = 1, MainsAmplitudeMv = 0 };
        var recording = SyntheticEmg.Generate(options, 13, TestContext.Current.CancellationToken).Recordings[0];
        var rest = recording.Channel(0)[..1000].ToArray();
        double atMains = SpectrumProbe.Power(rest, 50, 1000, 1000);
        double neighbours = new[] { 43.0, 57.0, 60.0 }.Average(f => SpectrumProbe.Power(rest, f, 1000, 1000));
        Assert.True(atMains < 10 * neighbours);
    }

    [Fact]
    public void Contraction_IsMuchStrongerThanRest_OnTheChannelsOverTheActiveMuscles()
    {
        // Muscle activity only: without the power line, which at rest can be as large as the tonic EMG.
        var options = SyntheticEmgOptions.Default with { SubjectCount = 2, RepetitionCount = 2, MainsAmplitudeMv = 0 };
        var dataset = SyntheticEmg.Generate(options, 14, TestContext.Current.CancellationToken);
        var topChannel = new Dictionary<(string, string), int>();
        foreach (var recording in dataset.Recordings)
        {
            var hold = Hold(recording, options);
            int channel = MostActiveChannel(hold);
            // Remove a 21-sample moving average (baseline wander, motion artefacts) before comparing amplitudes.
            double contraction = HighPassedRms(hold[channel]);
            double rest = HighPassedRms(recording.Channel(channel)[..options.RestBeforeSamples]);
            output.WriteLine(string.Create(Inv, $"{recording.Metadata.Source}: ch{channel + 1} contraction/rest RMS = {contraction / rest:F1}"));
            Assert.True(contraction > 10 * rest, $"{recording.Metadata.Source}: contraction only {contraction / rest:F1}× rest");
            topChannel[(recording.Metadata.Subject, recording.Metadata.Extra["movement"])] = channel;
        }
        // Hand opening (finger extensors, dorsal) and closing (finger flexors, volar) peak on different electrodes.
        foreach (var subject in dataset.Subjects)
            Assert.NotEqual(topChannel[(subject, "hand-open")], topChannel[(subject, "hand-close")]);
    }

    [Fact]
    public void DefaultDataset_GenerationTime_IsReported()
    {
        // Reported, not asserted: timing on a shared CI machine is noise. Target: well under 5 s.
        _ = DefaultSyntheticDataset.Dataset;
        var process = System.Diagnostics.Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        _ = SyntheticEmg.Generate(SyntheticEmgOptions.Default, 99, TestContext.Current.CancellationToken);
        stopwatch.Stop();
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        output.WriteLine(string.Create(Inv,
            $"default dataset: first call {DefaultSyntheticDataset.GenerationTime.TotalMilliseconds:F0} ms (includes JIT); second call {stopwatch.ElapsedMilliseconds} ms wall, ~{cpu.TotalMilliseconds:F0} ms CPU of the whole test process, {Environment.ProcessorCount} cores"));
    }

    /// <summary>The contraction without its ramps (300 ms trimmed at each end), per channel.</summary>
    private static float[][] Hold(Recording recording, SyntheticEmgOptions options)
    {
        int trim = (int)(0.3 * recording.SampleRateHz);
        int start = options.RestBeforeSamples + trim, length = options.ContractionSamples - 2 * trim;
        return Enumerable.Range(0, recording.ChannelCount).Select(c => recording.Channel(c).Slice(start, length).ToArray()).ToArray();
    }

    private static int MostActiveChannel(float[][] channels)
    {
        var rms = channels.Select(ch => HighPassedRms(ch)).ToArray();
        return Array.IndexOf(rms, rms.Max());
    }

    private static double HighPassedRms(ReadOnlySpan<float> x)
    {
        const int half = 10;
        double sum = 0;
        int count = 0;
        for (int t = half; t < x.Length - half; t++)
        {
            double mean = 0;
            for (int j = -half; j <= half; j++)
                mean += x[t + j];
            double v = x[t] - mean / (2 * half + 1);
            sum += v * v;
            count++;
        }
        return Math.Sqrt(sum / count);
    }

    /// <summary>Power-weighted mean frequency between 20 and 450 Hz, averaged over channels.</summary>
    private static double MeanFrequency(float[][] channels, double sampleRateHz)
    {
        double[] frequencies = Enumerable.Range(4, 87).Select(i => i * 5.0).ToArray();
        return channels.Average(ch =>
        {
            var power = frequencies.Select(f => SpectrumProbe.Power(ch, f, sampleRateHz, 256)).ToArray();
            return frequencies.Zip(power, (f, p) => f * p).Sum() / power.Sum();
        });
    }
}
