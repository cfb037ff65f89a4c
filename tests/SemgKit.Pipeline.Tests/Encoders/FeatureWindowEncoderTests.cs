using System.Collections.Concurrent;
using SemgKit.Pipeline.Data;
using SemgKit.Pipeline.Encoders;
using SemgKit.Pipeline.Tests.Models;

namespace SemgKit.Pipeline.Tests.Encoders;

public class FeatureWindowEncoderTests
{
    [Fact]
    public void CachedEncodingGivesTheSameWindowsAndEncodesEachRecordingOnce()
    {
        var data = TrainedModels.Data;
        var encoder = new FeatureWindowEncoder(new FeatureEncoderOptions { Features = "TDFD", WindowMs = 200, StepMs = 100 },
            data.SampleRateHz, data.ChannelCount, data.ClassNames.Count);
        var recordings = data.Recordings.Take(6).ToArray();
        // two overlapping lists in a different order, as leave-one-subject-out folds share recordings
        Recording[] first = [recordings[0], recordings[1], recordings[2], recordings[3]], second = [recordings[4], recordings[2], recordings[0], recordings[5]];
        var cache = new ConcurrentDictionary<Recording, WindowedFeatures>(ReferenceEqualityComparer.Instance);
        var ct = TestContext.Current.CancellationToken;
        WindowedFeatures? firstOfFirst = null;
        foreach (var list in new[] { first, second, first })
        {
            var plain = encoder.EncodeAll(list, ct);
            var cached = encoder.EncodeAll(list, ct, cache: cache);
            Assert.Equal(plain.Count, cached.Count);
            Assert.Equal(plain.Rows, cached.Rows);
            Assert.Equal(plain.Labels, cached.Labels);
            Assert.Equal(plain.RecordingIndex, cached.RecordingIndex); // indices into the list given, not into the cache
            Assert.Equal(Enumerable.Range(0, list.Length), plain.RecordingIndex.Distinct());
            firstOfFirst ??= cache[recordings[0]];
            Assert.Same(firstOfFirst, cache[recordings[0]]);
        }
        Assert.Equal(6, cache.Count);
    }
}
