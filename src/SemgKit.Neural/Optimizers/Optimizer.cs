namespace SemgKit.Neural.Optimizers;

/// <summary>Updates parameters from their accumulated gradients. <see cref="LearningRate"/> is set by schedules between steps.</summary>
public abstract class Optimizer
{
    private protected Optimizer(IReadOnlyList<Parameter> parameters, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(learningRate >= 0)) throw new ArgumentOutOfRangeException(nameof(learningRate));
        Parameters = parameters;
        LearningRate = learningRate;
        InitialLearningRate = learningRate;
    }

    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>The current learning rate (schedules change it).</summary>
    public double LearningRate { get; set; }

    /// <summary>The learning rate given at construction (schedules scale from it).</summary>
    public double InitialLearningRate { get; }

    /// <summary>Number of <see cref="Step"/> calls so far.</summary>
    public int StepCount { get; private set; }

    /// <summary>Applies one update using the current gradients.</summary>
    public void Step()
    {
        StepCount++;
        for (int i = 0; i < Parameters.Count; i++) Update(i, Parameters[i].Value.Span, Parameters[i].Grad.Span);
    }

    /// <summary>Zeroes every parameter gradient.</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters) p.ZeroGrad();
    }

    /// <summary>Updates parameter <paramref name="index"/> in place; <see cref="StepCount"/> is already incremented.</summary>
    private protected abstract void Update(int index, Span<float> value, ReadOnlySpan<float> grad);

    private protected float[][] StateLike() => [.. Parameters.Select(p => new float[p.Value.Length])];
}

/// <summary>
/// Stochastic gradient descent, <c>torch.optim.SGD</c> semantics (dampening 0): g ← grad + λ·θ; with momentum μ,
/// b ← g on the first step, then b ← μ·b + g; g ← g + μ·b (Nesterov) or g ← b; θ ← θ − lr·g.
/// </summary>
public sealed class Sgd : Optimizer
{
    private readonly float[][] _momentum;

    public Sgd(IReadOnlyList<Parameter> parameters, double learningRate, double momentum = 0, double weightDecay = 0, bool nesterov = false)
        : base(parameters, learningRate)
    {
        if (nesterov && momentum <= 0) throw new ArgumentException("Nesterov momentum requires momentum > 0 (as in PyTorch).");
        Momentum = momentum;
        WeightDecay = weightDecay;
        Nesterov = nesterov;
        _momentum = momentum > 0 ? StateLike() : [];
    }

    public double Momentum { get; }
    public double WeightDecay { get; }
    public bool Nesterov { get; }

    private protected override void Update(int index, Span<float> value, ReadOnlySpan<float> grad)
    {
        float lr = (float)LearningRate, wd = (float)WeightDecay, mu = (float)Momentum;
        bool first = StepCount == 1;
        for (int i = 0; i < value.Length; i++)
        {
            float g = grad[i];
            if (wd != 0) g += wd * value[i];
            if (mu != 0)
            {
                var buf = _momentum[index];
                buf[i] = first ? g : mu * buf[i] + g;
                g = Nesterov ? g + mu * buf[i] : buf[i];
            }
            value[i] -= lr * g;
        }
    }
}

/// <summary>
/// Adam, <c>torch.optim.Adam</c> (1.13, amsgrad off): g ← grad + λ·θ; m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²;
/// θ ← θ − (lr / (1−β₁ᵗ)) · m / (√v / √(1−β₂ᵗ) + ε). <see cref="AdamW"/> decays the weights instead (decoupled).
/// </summary>
public class Adam : Optimizer
{
    private readonly float[][] _m, _v;

    public Adam(IReadOnlyList<Parameter> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, double weightDecay = 0)
        : this(parameters, learningRate, beta1, beta2, epsilon, weightDecay, decoupled: false)
    {
    }

    private protected Adam(IReadOnlyList<Parameter> parameters, double learningRate, double beta1, double beta2, double epsilon, double weightDecay, bool decoupled)
        : base(parameters, learningRate)
    {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) throw new ArgumentOutOfRangeException(nameof(beta1), "Betas must be in [0, 1).");
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        WeightDecay = weightDecay;
        Decoupled = decoupled;
        _m = StateLike();
        _v = StateLike();
    }

    public double Beta1 { get; }
    public double Beta2 { get; }
    public double Epsilon { get; }
    public double WeightDecay { get; }

    /// <summary>True for AdamW: θ ← θ·(1 − lr·λ) before the Adam update, and no λ·θ in the gradient.</summary>
    public bool Decoupled { get; }

    private protected override void Update(int index, Span<float> value, ReadOnlySpan<float> grad)
    {
        int t = StepCount;
        double bc1 = 1 - Math.Pow(Beta1, t), bc2 = 1 - Math.Pow(Beta2, t);
        float stepSize = (float)(LearningRate / bc1), sqrtBc2 = (float)Math.Sqrt(bc2);
        float b1 = (float)Beta1, b2 = (float)Beta2, eps = (float)Epsilon, wd = (float)WeightDecay;
        float decay = Decoupled ? (float)(1 - LearningRate * WeightDecay) : 1f;
        var m = _m[index];
        var v = _v[index];
        for (int i = 0; i < value.Length; i++)
        {
            float g = grad[i];
            if (Decoupled) value[i] *= decay;
            else if (wd != 0) g += wd * value[i];
            m[i] = b1 * m[i] + (1 - b1) * g;
            v[i] = b2 * v[i] + (1 - b2) * g * g;
            float denom = MathF.Sqrt(v[i]) / sqrtBc2 + eps;
            value[i] -= stepSize * m[i] / denom;
        }
    }
}

/// <summary><c>torch.optim.AdamW</c> (1.13): decoupled weight decay θ ← θ·(1 − lr·λ), default λ = 0.01, then the Adam step.</summary>
public sealed class AdamW(IReadOnlyList<Parameter> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, double weightDecay = 0.01)
    : Adam(parameters, learningRate, beta1, beta2, epsilon, weightDecay, decoupled: true);

/// <summary>Gradient clipping, <c>torch.nn.utils.clip_grad_norm_</c>.</summary>
public static class GradientClipping
{
    /// <summary>
    /// Scales all gradients by maxNorm / (‖g‖ + 1e-6) when the global L2 norm ‖g‖ exceeds <paramref name="maxNorm"/>.
    /// Returns the norm before clipping.
    /// </summary>
    public static double ClipByGlobalNorm(IReadOnlyList<Parameter> parameters, double maxNorm)
    {
        double sq = 0;
        foreach (var p in parameters)
            foreach (var g in p.Grad.Span) sq += (double)g * g;
        double norm = Math.Sqrt(sq);
        double coef = maxNorm / (norm + 1e-6);
        if (coef < 1)
            foreach (var p in parameters) System.Numerics.Tensors.TensorPrimitives.Multiply(p.Grad.Span, (float)coef, p.Grad.Span);
        return norm;
    }
}
