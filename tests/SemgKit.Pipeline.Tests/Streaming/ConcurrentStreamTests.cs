using SemgKit.Pipeline.Streaming;
using SemgKit.Pipeline.Tests.Models;

namespace SemgKit.Pipeline.Tests.Streaming;

public class ConcurrentStreamTests
{
    /// <summary>Classifiers keep scratch buffers; each stream must own one, or concurrent streams corrupt each other's decisions.</summary>
    [Fact]
    public void StreamsOfOneModelRunConcurrentlyWithoutInterfering()
    {
        var model = TrainedModels.Lda;
        var frames = TrainedModels.Data.Recordings[4].ToFrameMajor();
        var expected = Reference.Decisions(model, frames).Select(d => (d.EndSample, d.Class, d.Confidence)).ToArray();
        var results = new (long, int, float)[8][];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = TestContext.Current.CancellationToken }, i =>
        {
            var decisions = new List<(long, int, float)>();
            var stream = new StreamingClassifier(model);
            var handler = new Handler(decisions);
            for (int repeat = 0; repeat < 10; repeat++)
            {
                stream.Reset();
                decisions.Clear();
                for (int at = 0; at < frames.Length; at += 8 * 16)
                    stream.Push(frames.AsSpan(at, Math.Min(8 * 16, frames.Length - at)), handler);
            }
            results[i] = [.. decisions];
        });
        Assert.All(results, r => Assert.Equal(expected, r));
    }

    private sealed class Handler(List<(long, int, float)> decisions) : IDecisionHandler
    {
        public void OnDecision(in StreamDecision decision, ReadOnlySpan<float> probabilities) =>
            decisions.Add((decision.EndSample, decision.Class, decision.Confidence));
    }
}
