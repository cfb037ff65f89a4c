using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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

    // m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  θ ← θ − stepSize·m / (√v / √bc₂ + ε), Vector512/256/128 then scalar tail.
    private static void AdamSimd(Span<float> value, ReadOnlySpan<float> grad, Span<float> m, Span<float> v,
        float b1, float b2, float stepSize, float sqrtBc2, float eps)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated && value.Length >= Vector512<float>.Count)
        {
            var vb1 = Vector512.Create(b1);
            var vc1 = Vector512.Create(1 - b1);
            var vb2 = Vector512.Create(b2);
            var vc2 = Vector512.Create(1 - b2);
            var vs = Vector512.Create(stepSize);
            var vq = Vector512.Create(sqrtBc2);
            var ve = Vector512.Create(eps);
            ref float pv = ref MemoryMarshal.GetReference(value);
            ref float pg = ref MemoryMarshal.GetReference(grad);
            ref float pm = ref MemoryMarshal.GetReference(m);
            ref float pw = ref MemoryMarshal.GetReference(v);
            for (; i + Vector512<float>.Count <= value.Length; i += Vector512<float>.Count)
            {
                var g = Vector512.LoadUnsafe(ref pg, (nuint)i);
                var mi = vb1 * Vector512.LoadUnsafe(ref pm, (nuint)i) + vc1 * g;
                var vi = vb2 * Vector512.LoadUnsafe(ref pw, (nuint)i) + vc2 * g * g;
                mi.StoreUnsafe(ref pm, (nuint)i);
                vi.StoreUnsafe(ref pw, (nuint)i);
                var denom = Vector512.Sqrt(vi) / vq + ve;
                (Vector512.LoadUnsafe(ref pv, (nuint)i) - vs * mi / denom).StoreUnsafe(ref pv, (nuint)i);
            }
        }
        for (; i < value.Length; i++)
        {
            float g = grad[i];
            m[i] = b1 * m[i] + (1 - b1) * g;
            v[i] = b2 * v[i] + (1 - b2) * g * g;
            float denom = MathF.Sqrt(v[i]) / sqrtBc2 + eps;
            value[i] -= stepSize * m[i] / denom;
        }
    }
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
        var m = _m[index].AsSpan(0, value.Length);
        var v = _v[index].AsSpan(0, value.Length);
        if (Decoupled || wd == 0)
        {
            if (Decoupled) TensorPrimitives.Multiply(value, decay, value);
            AdamSimd(value, grad, m, v, b1, b2, stepSize, sqrtBc2, eps);
            return;
        }
        for (int i = 0; i < value.Length; i++)
        {
            float g = grad[i] + wd * value[i];
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
