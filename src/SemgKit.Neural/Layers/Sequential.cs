namespace SemgKit.Neural.Layers;

/// <summary>Layers applied in order; Backward runs them in reverse. Children are named "0", "1", … as in PyTorch.</summary>
public sealed class Sequential : Layer
{
    private readonly List<Layer> _layers;

    public Sequential(params IEnumerable<Layer> layers) => _layers = [.. layers];

    public IReadOnlyList<Layer> Layers => _layers;

    public Layer this[int index] => _layers[index];

    public int Count => _layers.Count;

    /// <summary>Appends a layer (builder style).</summary>
    public Sequential Add(Layer layer)
    {
        _layers.Add(layer);
        _timeSplitPlanned = false;
        _timeSplit = null;
        return this;
    }

    public override IEnumerable<KeyValuePair<string, Layer>> Children =>
        _layers.Select((l, i) => new KeyValuePair<string, Layer>(i.ToString(System.Globalization.CultureInfo.InvariantCulture), l));

    public override int[] OutputShape(ReadOnlySpan<int> inputShape)
    {
        var shape = inputShape.ToArray();
        foreach (var layer in _layers) shape = layer.OutputShape(shape);
        return shape;
    }

    public override Tensor Forward(Tensor input, bool training)
    {
        if (!training && Threads > 1 && TimeSplit is { } split && split.Applies(input)) // batch-1 (1, C, T) inputs only
            return split.Forward(input);
        var x = input;
        foreach (var layer in _layers) x = layer.Forward(x, training);
        return x;
    }

    private TimeSplitInference? _timeSplit;
    private bool _timeSplitPlanned;

    /// <summary>Batch-1 inference split over two cores by time, when the layers start with a 1-D conv stack feeding a dense layer.</summary>
    private TimeSplitInference? TimeSplit
    {
        get
        {
            if (!_timeSplitPlanned)
            {
                _timeSplit = TimeSplitInference.TryCreate(this);
                _timeSplitPlanned = true;
            }
            return _timeSplit;
        }
    }

    public override Tensor Backward(Tensor gradOutput)
    {
        var g = gradOutput;
        for (int i = _layers.Count - 1; i >= 0; i--) g = _layers[i].Backward(g);
        return g;
    }
}
