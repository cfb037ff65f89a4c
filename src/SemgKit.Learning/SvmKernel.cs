namespace SemgKit.Learning;

/// <summary>The SVM kernel K(u, v), as LIBSVM / sklearn <c>SVC(kernel=…)</c>.</summary>
public enum SvmKernel
{
    /// <summary>K = u·v.</summary>
    Linear,

    /// <summary>K = exp(−γ‖u − v‖²).</summary>
    Rbf,

    /// <summary>K = (γ u·v + r)^degree.</summary>
    Polynomial,

    /// <summary>K = tanh(γ u·v + r).</summary>
    Sigmoid,
}
