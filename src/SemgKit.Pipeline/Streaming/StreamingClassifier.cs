using SemgKit.Pipeline.Models;
using SemgKit.Pipeline.PostProcessing;
using SemgKit.Signal.Filters;
using SemgKit.Signal.Windows;

namespace SemgKit.Pipeline.Streaming;

/// <summary>
/// Live classification from one saved <see cref="EmgModel"/>: <see cref="Push"/> frame-major samples in chunks of any
/// size; a decision is made each time a window ends — windows of <c>WindowSamples</c> starting every <c>StepSamples</c>
/// from sample 0, skipping those that start inside the warm-up, exactly like the offline encoder. Causal filter state,
/// ring buffers, post-processing and a private copy of the classifier live here; no clock, no threads, and no allocation
/// per push after construction. One instance per stream; instances built from the same model may run concurrently.
/// </summary>
public sealed class StreamingClassifier
{
    private readonly EmgModel _model;
    private readonly Learning.IClassifier _classifier; // own copy: classifiers keep scratch buffers, so streams must not share one
    private readonly Encoders.WindowRepresentation _representation; // own instance: plans and scratch per stream
    private readonly MultiChannelSosFilter _filter;
    private readonly DecisionSmoother _smoother;
    private readonly int _channels;
    private readonly int _window;
    private readonly int _step;
    private readonly float[] _ring;        // [c * window + (t mod window)], filtered samples
    private readonly float[] _windowBuffer; // channel-major copy of the current window
    private readonly float[] _filtered;     // filtered frames of one block
    private readonly float[] _features;
    private readonly float[] _probabilities;
    private readonly long _firstWindow;     // index of the first window starting at or after the warm-up
    private long _samples;

    public StreamingClassifier(EmgModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        _classifier = model.CopyClassifier();
        var encoder = model.CreateEncoder();
        _channels = model.ChannelCount;
        _window = encoder.WindowSamples;
        _step = encoder.StepSamples;
        _firstWindow = (encoder.WarmupSamples + _step - 1) / _step;
        _representation = encoder.CreateRepresentation();
        _filter = new MultiChannelSosFilter(encoder.Filter, _channels);
        _smoother = new DecisionSmoother(model.Manifest.PostProcessing, model.ClassNames.Count);
        _ring = new float[_channels * _window];
        _windowBuffer = new float[_channels * _window];
        _filtered = new float[_channels * _step];
        _features = new float[encoder.FeatureCount];
        _probabilities = new float[model.ClassNames.Count];
    }

    public EmgModel Model => _model;

    public int ChannelCount => _channels;

    public int WindowSamples => _window;

    public int StepSamples => _step;

    /// <summary>
    /// The band-pass filtered samples of the window being decided, channel-major (<c>[c * WindowSamples + t]</c>).
    /// Valid only during <see cref="IDecisionHandler.OnDecision"/> (e.g. for proportional velocity from amplitude).
    /// </summary>
    public ReadOnlySpan<float> CurrentWindow => _windowBuffer;

    /// <summary>Samples per channel received since construction or <see cref="Reset"/>.</summary>
    public long SamplesReceived => _samples;

    /// <summary>
    /// Feeds frame-major samples (<c>frames[t * channels + c]</c>, a whole number of frames) and calls
    /// <paramref name="handler"/> for every window that ends inside them. Returns the number of decisions made.
    /// </summary>
    public int Push(ReadOnlySpan<float> frames, IDecisionHandler handler)
    {
        if (frames.Length % _channels != 0)
            throw new ArgumentException($"{frames.Length} values are not a whole number of {_channels}-channel frames.", nameof(frames));
        int decisions = 0;
        int total = frames.Length / _channels;
        int done = 0;
        while (done < total)
        {
            // process up to the next window end (or the block size), so the ring holds exactly the window at a decision
            long next = NextDecisionEnd();
            int block = (int)Math.Min(Math.Min(total - done, _step), next - _samples);
            var input = frames.Slice(done * _channels, block * _channels);
            var output = _filtered.AsSpan(0, block * _channels);
            _filter.ProcessFrameMajor(input, output);
            for (int t = 0; t < block; t++)
            {
                int slot = (int)((_samples + t) % _window);
                for (int c = 0; c < _channels; c++)
                    _ring[c * _window + slot] = output[t * _channels + c];
            }
            _samples += block;
            done += block;
            if (_samples == next)
            {
                Decide(handler);
                decisions++;
            }
        }
        return decisions;
    }

    /// <summary>Starts a new stream: filter state, buffers, post-processing and the sample count are cleared.</summary>
    public void Reset()
    {
        _filter.Reset();
        _smoother.Reset();
        Array.Clear(_ring);
        _samples = 0;
    }

    /// <summary>End sample of the first decision after the current position.</summary>
    private long NextDecisionEnd()
    {
        // window k covers [k·step, k·step + window) and is used when k·step ≥ warm-up; we want the first end > _samples
        long needed = _samples + 1 - _window;
        long k = needed <= 0 ? 0 : (needed + _step - 1) / _step;
        return Math.Max(k, _firstWindow) * _step + _window;
    }

    private void Decide(IDecisionHandler handler)
    {
        long start = _samples - _window;
        int head = (int)(start % _window);
        for (int c = 0; c < _channels; c++)
        {
            var ring = _ring.AsSpan(c * _window, _window);
            var dest = _windowBuffer.AsSpan(c * _window, _window);
            ring[head..].CopyTo(dest);
            ring[..head].CopyTo(dest[(_window - head)..]);
        }
        _representation.Extract(MultiChannelWindow.OverBlock(_windowBuffer, _channels), _features);
        int raw = _classifier.Predict(_features, _probabilities);
        float confidence = _probabilities[raw];
        int output = _smoother.Next(raw, confidence);
        handler.OnDecision(new StreamDecision(_samples, raw, output, confidence), _probabilities);
    }
}
