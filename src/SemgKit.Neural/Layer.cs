namespace SemgKit.Neural;

/// <summary>
/// A differentiable layer. <see cref="Forward"/> computes the output and caches only what <see cref="Backward"/> needs;
/// <see cref="Backward"/> accumulates (+=) into parameter gradients and returns the gradient with respect to the input
/// of the most recent <see cref="Forward"/>. There is no train/eval mode: <c>training</c> is an argument.
/// </summary>
/// <remarks>
/// <para>Buffers: a layer owns its output and input-gradient tensors and reuses them while the input shape is unchanged,
/// so the steady state allocates nothing. A returned tensor is valid until the next Forward/Backward call on that layer;
/// copy it to keep it. Layers cache a reference to their input, so the input must not change between Forward and Backward.</para>
/// <para>Recurrent layers take (N, T, F) and fit the same contract (Forward caches the sequence, Backward runs BPTT).</para>
/// </remarks>
public abstract class Layer
{
    private int _threads = 1;

    /// <summary>
    /// Upper bound on threads this layer's kernels may use (default 1 = the calling thread only). Results do not depend
    /// on it (the kernels split work so that every value is summed in the same order). Set it for a whole model with
    /// <see cref="SetThreads"/>.
    /// </summary>
    public int Threads => _threads;

    /// <summary>Sets <see cref="Threads"/> on this layer and, recursively, on its children.</summary>
    public void SetThreads(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threads);
        _threads = threads;
        foreach (var child in Children) child.Value.SetThreads(threads);
    }

    /// <summary>Computes the output for <paramref name="input"/>; <paramref name="training"/> selects batch statistics, dropout, etc.</summary>
    public abstract Tensor Forward(Tensor input, bool training);

    /// <summary>Given dLoss/dOutput of the last Forward, accumulates parameter gradients and returns dLoss/dInput.</summary>
    public abstract Tensor Backward(Tensor gradOutput);

    /// <summary>The output shape for an input of shape <paramref name="inputShape"/> (batch axis included); throws when the input does not fit.</summary>
    public abstract int[] OutputShape(ReadOnlySpan<int> inputShape);

    /// <summary>This layer's own trainable parameters (not its children's), with local names.</summary>
    protected virtual IEnumerable<Parameter> OwnParameters => [];

    /// <summary>This layer's own non-trainable state saved with the weights (e.g. BatchNorm running statistics).</summary>
    protected virtual IEnumerable<KeyValuePair<string, Tensor>> OwnBuffers => [];

    /// <summary>Child layers with their names (containers name them "0", "1", … like PyTorch).</summary>
    public virtual IEnumerable<KeyValuePair<string, Layer>> Children => [];

    /// <summary>Re-initialises this layer's own parameters (and random state) from <paramref name="rng"/>; children are handled by <see cref="Initialize(Rng)"/>.</summary>
    protected virtual void ResetParameters(Rng rng)
    {
    }

    /// <summary>Deterministically initialises every parameter in this layer and its children from <paramref name="seed"/>.</summary>
    public void Initialize(ulong seed) => Initialize(new Rng(seed));

    /// <summary>Initialises this layer, then its children in order, drawing from one generator.</summary>
    public void Initialize(Rng rng)
    {
        ResetParameters(rng);
        foreach (var child in Children) child.Value.Initialize(rng);
    }

    /// <summary>All trainable parameters (this layer's, then its children's, depth first).</summary>
    public IReadOnlyList<Parameter> Parameters() => [.. NamedParameters().Select(p => p.Value)];

    /// <summary>All trainable parameters with qualified names ("0.weight", "2.bias").</summary>
    public IReadOnlyList<KeyValuePair<string, Parameter>> NamedParameters()
    {
        var list = new List<KeyValuePair<string, Parameter>>();
        Collect(this, "", list, null);
        return list;
    }

    /// <summary>
    /// Every tensor that defines the model (parameter values and buffers) with qualified names, in a stable order:
    /// the state saved by <see cref="Serialization.WeightsFile"/>. The tensors are live: writing into them changes the layer.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, Tensor>> State()
    {
        var list = new List<KeyValuePair<string, Tensor>>();
        Collect(this, "", null, list);
        return list;
    }

    /// <summary>Zeroes every parameter gradient.</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters()) p.ZeroGrad();
    }

    /// <summary>Total number of trainable values.</summary>
    public long ParameterCount() => Parameters().Sum(p => (long)p.Value.Length);

    private static void Collect(Layer layer, string prefix, List<KeyValuePair<string, Parameter>>? parameters, List<KeyValuePair<string, Tensor>>? state)
    {
        foreach (var p in layer.OwnParameters)
        {
            parameters?.Add(new(prefix + p.Name, p));
            state?.Add(new(prefix + p.Name, p.Value));
        }
        if (state is not null)
            foreach (var b in layer.OwnBuffers) state.Add(new(prefix + b.Key, b.Value));
        foreach (var child in layer.Children)
            Collect(child.Value, prefix + child.Key + ".", parameters, state);
    }

    /// <summary>Throws a clear error when <paramref name="shape"/> does not have <paramref name="rank"/> dimensions.</summary>
    protected void RequireRank(ReadOnlySpan<int> shape, int rank, string layout)
    {
        if (shape.Length != rank)
            throw new ArgumentException($"{GetType().Name} expects a rank-{rank} input {layout}, got {Tensor.ShapeString(shape)}.");
    }

    /// <summary>Throws when Backward is called before Forward.</summary>
    protected T Cached<T>(T? value) where T : class =>
        value ?? throw new InvalidOperationException($"{GetType().Name}.Backward called before Forward.");

    /// <summary>Throws when the gradient's shape differs from the last output's.</summary>
    protected void RequireSameShape(Tensor gradOutput, Tensor output)
    {
        if (!gradOutput.HasShape(output.Shape))
            throw new ArgumentException($"{GetType().Name}: gradient shape {Tensor.ShapeString(gradOutput.Shape)} differs from output shape {Tensor.ShapeString(output.Shape)}.");
    }
}
