using SemgKit.Pipeline.Data;
using SemgKit.Pipeline.Encoders;
using SemgKit.Pipeline.Models;
using SemgKit.Pipeline.PostProcessing;
using SemgKit.Pipeline.Simulation;
using SemgKit.Pipeline.Streaming.Sinks;
using SemgKit.Pipeline.Streaming.Sources;
using SemgKit.Pipeline.Training;

namespace SemgKit.Pipeline.Streaming;

/// <summary>
/// The README's streaming figures, reproducible with <c>semg bench stream</c>: (1) LDA on Hudgins features, 16 channels
/// at 2 kHz, 200 ms windows every 50 ms, one real-time stream over loopback TCP; (2) the same with the CNN-LSTM on the
/// raw windows; (3) N concurrent Myo-like streams (8 channels at 200 Hz); (4) bytes allocated per push through
/// parser → session → sink in steady state. Models are trained here on synthetic data (the CNN-LSTM for a few epochs:
/// latency does not depend on how well it is trained).
/// </summary>
public static class StreamBenchmark
{
    public sealed record Request(double Seconds = 10, int Streams = 100, int Seed = 1);

    /// <param name="BytesPerPush">Bytes allocated per packet through parser → session → sink in steady state.</param>
    /// <param name="TimesRealTime">Signal duration / wall time when the same loop runs as fast as possible on one thread.</param>
    /// <param name="CnnLstmBytesPerPush">The same for the CNN-LSTM bundle.</param>
    public sealed record Result(LoadTest.Result Emg16At2k, LoadTest.Result CnnLstm16At2k, LoadTest.Result MyoLike, double BytesPerPush, double TimesRealTime, double CnnLstmBytesPerPush);

    public static async Task<Result> RunAsync(Request request, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        progress?.Report("training LDA (Hudgins) on synthetic 16-channel 2 kHz data ...");
        var (big, bigRecording) = TrainSynthetic(16, 2000, request.Seed, cancellationToken);
        var (bytes, perDecision) = MeasurePushLoop(big, bigRecording);
        double timesRealTime = big.CreateEncoder().StepSamples / big.SampleRateHz * 1e6 / perDecision;
        // one unmeasured second through the whole live path first (sockets, receiver, session, sink): the JIT compiles and
        // promotes it there, so the figures are steady-state latency, not the first call's compilation
        progress?.Report("warm-up: 1 s through the live path (not measured) ...");
        await LoadTest.RunAsync(new LoadTest.Request(big, bigRecording, 1, 1), null, cancellationToken).ConfigureAwait(false);
        Quiesce();
        progress?.Report($"1 real-time stream, 16 channels at 2 kHz, {request.Seconds:0.#} s ...");
        var one = await LoadTest.RunAsync(new LoadTest.Request(big, bigRecording, 1, request.Seconds), progress, cancellationToken).ConfigureAwait(false);
        progress?.Report("training the CNN-LSTM on synthetic 16-channel 2 kHz raw windows ...");
        var cnnSpec = ClassifierSpec.Network(Neural.Models.CnnLstmModel.Name, new NetworkTrainingOptions { Epochs = 2, ValidationFraction = 0, Threads = Environment.ProcessorCount });
        var (cnn, cnnRecording) = TrainSynthetic(16, 2000, request.Seed, cancellationToken, cnnSpec);
        var (cnnBytes, _) = MeasurePushLoop(cnn, cnnRecording);
        progress?.Report($"1 real-time stream, CNN-LSTM, 16 channels at 2 kHz, {request.Seconds:0.#} s ...");
        Quiesce();
        var cnnOne = await LoadTest.RunAsync(new LoadTest.Request(cnn, cnnRecording, 1, request.Seconds), progress, cancellationToken).ConfigureAwait(false);
        progress?.Report("training LDA (Hudgins) on synthetic 8-channel 200 Hz data ...");
        var (myo, myoRecording) = TrainSynthetic(8, 200, request.Seed, cancellationToken);
        progress?.Report($"{request.Streams} real-time streams, 8 channels at 200 Hz, {request.Seconds:0.#} s ...");
        Quiesce();
        var many = await LoadTest.RunAsync(new LoadTest.Request(myo, myoRecording, request.Streams, request.Seconds), progress, cancellationToken).ConfigureAwait(false);
        return new Result(one, cnnOne, many, bytes, timesRealTime, cnnBytes);
    }

    /// <summary>Collects the garbage training left behind, so that no scenario pays for a collection it did not cause.</summary>
    private static void Quiesce()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
    }

    /// <summary>A synthetic dataset at the given layout, a model trained on it (LDA on Hudgins features unless <paramref name="model"/> says otherwise), and one of its recordings.</summary>
    public static (EmgModel Model, Recording Recording) TrainSynthetic(int channels, double sampleRateHz, int seed = 1, CancellationToken cancellationToken = default, ClassifierSpec? model = null)
    {
        var options = SyntheticEmgOptions.Default with
        {
            SubjectCount = 1,
            RepetitionCount = 2,
            ClassCount = 5,
            ChannelCount = channels,
            SampleRateHz = sampleRateHz,
            PeakFrequencyHz = Math.Min(SyntheticEmgOptions.Default.PeakFrequencyHz, sampleRateHz / 3),
        };
        var data = SyntheticEmg.Generate(options, seed, cancellationToken);
        var trained = ModelTrainer.Train(new ModelTrainer.Request(data, data.Recordings, new FeatureEncoderOptions(), model ?? ClassifierSpec.Lda, PostProcessingOptions.None, seed), cancellationToken).Model;
        return (trained, data.Recordings[data.Recordings.Count / 2]);
    }

    /// <summary>Bytes allocated per packet and wall time per decision (all the packets of one step included) for datagram parser → live session → JSON sink (to a null stream), after warm-up, on this thread.</summary>
    public static (double BytesPerPush, double MicrosecondsPerDecision) MeasurePushLoop(EmgModel model, Recording recording)
    {
        var frames = recording.ToFrameMajor();
        int channels = recording.ChannelCount;
        int chunk = Math.Max(1, (int)(recording.SampleRateHz / 100));
        var packets = new List<byte[]>();
        var buffer = new byte[FrameProtocol.MaxPacketBytes];
        for (int at = 0, seq = 0; at + chunk <= recording.SampleCount; at += chunk, seq += chunk)
        {
            int n = FrameProtocol.Write(buffer, frames.AsSpan(at * channels, chunk * channels), channels, (float)recording.SampleRateHz, SampleFormat.Float32, 1, (uint)seq);
            packets.Add(buffer.AsSpan(0, n).ToArray());
        }
        using var sink = new JsonLinesSink(Stream.Null, flushEachLine: false);
        var session = new LiveSession(model, sink, SystemClock.Instance);
        var parser = new FrameParser(channels, recording.SampleRateHz, session);
        session.OnStreamStart();
        // warm-up pass over every packet (JIT, escaped class names and commands cached), then a fresh stream is measured
        foreach (var p in packets) parser.ParseDatagram(p, SystemClock.Instance.NowMicroseconds);
        session.OnStreamStart();
        parser.Reset();
        int warm = 0;
        long decisionsBefore = session.Snapshot().Decisions;
        var watch = new System.Diagnostics.Stopwatch();
        long before = GC.GetAllocatedBytesForCurrentThread();
        watch.Start();
        for (int i = warm; i < packets.Count; i++) parser.ParseDatagram(packets[i], SystemClock.Instance.NowMicroseconds);
        watch.Stop();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        long decisions = session.Snapshot().Decisions - decisionsBefore;
        return ((double)allocated / (packets.Count - warm), decisions == 0 ? double.NaN : watch.Elapsed.TotalMicroseconds / decisions);
    }
}
