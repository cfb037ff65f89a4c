using SemgKit.Pipeline.Data;
using SemgKit.Pipeline.Streaming;
using SemgKit.Pipeline.Tests.Models;
using SemgKit.TestSupport;

namespace SemgKit.Pipeline.Tests.Streaming;

public class StreamingClassifierTests
{
    private sealed class Collect : IDecisionHandler
    {
        public List<(StreamDecision Decision, float[] Probabilities)> Items { get; } = [];

        public void OnDecision(in StreamDecision decision, ReadOnlySpan<float> probabilities) =>
            Items.Add((decision, probabilities.ToArray()));
    }

    private sealed class Count : IDecisionHandler
    {
        public int N;

        public void OnDecision(in StreamDecision decision, ReadOnlySpan<float> probabilities) => N++;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AnyChunkingGivesTheOfflineDecisionsWindowForWindow(bool multiScale)
    {
        var model = multiScale ? TrainedModels.LdaMultiScale : TrainedModels.Lda;
        var recording = TrainedModels.Data.Recordings.First(r => r.Metadata.Trial == 3);
        var encoder = model.CreateEncoder();
        var offline = encoder.Encode(recording, 0); // every sample is labelled, so every window after the warm-up is kept
        var offlineProbabilities = new float[offline.Count][];
        var offlineClasses = new int[offline.Count];
        var classifier = model.CopyClassifier(); // the shared instance is not thread-safe and other tests use this model
        for (int i = 0; i < offline.Count; i++)
        {
            offlineProbabilities[i] = new float[model.ClassNames.Count];
            offlineClasses[i] = classifier.Predict(offline.Rows.AsSpan(i * offline.FeatureCount, offline.FeatureCount), offlineProbabilities[i]);
        }
        var frames = recording.ToFrameMajor();
        int firstStart = (int)Math.Ceiling(encoder.WarmupSamples / (double)encoder.StepSamples) * encoder.StepSamples;

        var rng = new Random(2024);
        for (int trial = 0; trial < 25; trial++)
        {
            var stream = new StreamingClassifier(model);
            var sink = new Collect();
            int at = 0;
            while (at < recording.SampleCount)
            {
                int chunk = trial == 0 ? recording.SampleCount : Math.Min(recording.SampleCount - at, rng.Next(0, trial < 12 ? 8 : 400));
                stream.Push(frames.AsSpan(at * 8, chunk * 8), sink);
                at += chunk;
            }
            Assert.Equal(offline.Count, sink.Items.Count);
            for (int i = 0; i < offline.Count; i++)
            {
                Assert.Equal(firstStart + i * encoder.StepSamples + encoder.WindowSamples, sink.Items[i].Decision.EndSample);
                Assert.Equal(offlineClasses[i], sink.Items[i].Decision.RawClass);
                Assert.Equal(offlineProbabilities[i], sink.Items[i].Probabilities);
            }
        }
    }

    [Fact]
    public void PushAllocatesNothingInSteadyState()
    {
        var model = TrainedModels.Lda;
        var recording = TrainedModels.Data.Recordings[3];
        var frames = recording.ToFrameMajor();
        var stream = new StreamingClassifier(model);
        var sink = new Count();
        stream.Push(frames.AsSpan(0, 1000 * 8), sink); // warm up (JIT, first decisions)
        long allocated = Allocations.Fewest(() =>
        {
            for (int at = 1000; at + 25 <= recording.SampleCount; at += 25)
                stream.Push(frames.AsSpan(at * 8, 25 * 8), sink);
        });
        Assert.True(sink.N > 50);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void ResetStartsAFreshStream()
    {
        var model = TrainedModels.Lda;
        var frames = TrainedModels.Data.Recordings[0].ToFrameMajor();
        var stream = new StreamingClassifier(model);
        var a = new Collect();
        stream.Push(frames, a);
        stream.Reset();
        var b = new Collect();
        stream.Push(frames, b);
        Assert.Equal(a.Items.Select(i => i.Decision), b.Items.Select(i => i.Decision));
    }

    [Fact]
    public void PartialFramesAreRefused()
    {
        var stream = new StreamingClassifier(TrainedModels.Lda);
        Assert.Throws<ArgumentException>(() => stream.Push(new float[13], new Count()));
    }
}
