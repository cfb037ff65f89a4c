using System.Numerics.Tensors;

namespace SemgKit.Learning.Solvers;

/// <summary>A resolved kernel: type, γ, r (coef0) and degree.</summary>
internal readonly record struct KernelParameters(SvmKernel Kernel, double Gamma, double Coef0, int Degree)
{
    /// <summary>
    /// Turns dot products into kernel values in place: <paramref name="values"/>[j] holds x·x_j on entry;
    /// <paramref name="norms"/>[j] = ‖x_j‖² and <paramref name="norm"/> = ‖x‖² (used by RBF only).
    /// </summary>
    public void Apply(Span<float> values, double norm, ReadOnlySpan<float> norms)
    {
        switch (Kernel)
        {
            case SvmKernel.Linear:
                return;
            case SvmKernel.Rbf when values.Length >= 64:
            {
                // exp(−γ·max(0, ‖x‖² + ‖x_j‖² − 2x·x_j)), vectorised in float.
                TensorPrimitives.MultiplyAdd(values, -2f, norms, values);
                TensorPrimitives.Add(values, (float)norm, values);
                TensorPrimitives.Max(values, 0f, values);
                TensorPrimitives.Multiply(values, (float)-Gamma, values);
                TensorPrimitives.Exp(values, values);
                return;
            }
            case SvmKernel.Rbf:
            {
                var g = Gamma;
                for (var j = 0; j < values.Length; j++)
                {
                    var d = norm + norms[j] - 2.0 * values[j];
                    values[j] = (float)(-g * (d > 0 ? d : 0));
                }
                TensorPrimitives.Exp(values, values);
                return;
            }
            case SvmKernel.Polynomial:
                for (var j = 0; j < values.Length; j++)
                    values[j] = (float)Math.Pow(Gamma * values[j] + Coef0, Degree);
                return;
            case SvmKernel.Sigmoid:
                for (var j = 0; j < values.Length; j++)
                    values[j] = (float)Math.Tanh(Gamma * values[j] + Coef0);
                return;
            default:
                throw new InvalidOperationException($"Unknown kernel {Kernel}.");
        }
    }

    /// <summary>K(x, x) given x·x.</summary>
    public double Self(double dot) => Kernel switch
    {
        SvmKernel.Linear => dot,
        SvmKernel.Rbf => 1.0,
        SvmKernel.Polynomial => Math.Pow(Gamma * dot + Coef0, Degree),
        _ => Math.Tanh(Gamma * dot + Coef0),
    };
}
