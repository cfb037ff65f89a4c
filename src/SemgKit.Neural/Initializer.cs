namespace SemgKit.Neural;

/// <summary>
/// A weight initialisation scheme, matching <c>torch.nn.init</c>. Fans follow PyTorch's
/// <c>_calculate_fan_in_and_fan_out</c>: fan_in = shape[1]·receptive, fan_out = shape[0]·receptive, where receptive is
/// the product of the dimensions after the second (kernel size). Values come from the caller's seeded <see cref="Rng"/>,
/// so they are identical on every machine (but not equal to PyTorch's own random numbers).
/// </summary>
public abstract class Initializer
{
    public abstract void Initialize(Tensor weight, Rng rng);

    /// <summary>Uniform(−bound, bound).</summary>
    public static Initializer Uniform(double bound) => new UniformInit(_ => bound);

    /// <summary>Xavier/Glorot uniform: bound = gain·√(6 / (fan_in + fan_out)).</summary>
    public static Initializer XavierUniform(double gain = 1) =>
        new UniformInit(s => { var (fi, fo) = Fans(s); return gain * Math.Sqrt(6.0 / (fi + fo)); });

    /// <summary>Xavier/Glorot normal: std = gain·√(2 / (fan_in + fan_out)).</summary>
    public static Initializer XavierNormal(double gain = 1) =>
        new NormalInit(s => { var (fi, fo) = Fans(s); return gain * Math.Sqrt(2.0 / (fi + fo)); });

    /// <summary>He/Kaiming uniform: bound = √3 · gain / √fan, gain = √(2 / (1 + a²)) (leaky_relu with slope a; a = 0 is ReLU).</summary>
    public static Initializer KaimingUniform(double a = 0, bool fanOut = false) =>
        new UniformInit(s => Math.Sqrt(3.0) * KaimingStd(s, a, fanOut));

    /// <summary>He/Kaiming normal: std = gain / √fan, gain = √(2 / (1 + a²)).</summary>
    public static Initializer KaimingNormal(double a = 0, bool fanOut = false) =>
        new NormalInit(s => KaimingStd(s, a, fanOut));

    /// <summary>(Semi-)orthogonal rows or columns of the weight flattened to (shape[0], rest), scaled by <paramref name="gain"/> (torch.nn.init.orthogonal_).</summary>
    public static Initializer Orthogonal(double gain = 1) => new OrthogonalInit(gain);

    /// <summary>
    /// PyTorch's default for Linear and Conv weights: <c>kaiming_uniform_(a=√5)</c>, i.e. Uniform(±1/√fan_in).
    /// Biases of those layers use Uniform(±1/√fan_in) as well (see the layers).
    /// </summary>
    public static Initializer PyTorchDefault { get; } = KaimingUniform(Math.Sqrt(5));

    public static (int FanIn, int FanOut) Fans(ReadOnlySpan<int> shape)
    {
        if (shape.Length < 2)
            throw new ArgumentException("Fan in and fan out need at least two dimensions.");
        int receptive = 1;
        for (int i = 2; i < shape.Length; i++) receptive *= shape[i];
        return (shape[1] * receptive, shape[0] * receptive);
    }

    private static double KaimingStd(ReadOnlySpan<int> shape, double a, bool fanOut)
    {
        var (fi, fo) = Fans(shape);
        double gain = Math.Sqrt(2.0 / (1 + a * a));
        return gain / Math.Sqrt(fanOut ? fo : fi);
    }

    internal delegate double Scale(ReadOnlySpan<int> shape);

    private sealed class UniformInit(Scale bound) : Initializer
    {
        public override void Initialize(Tensor weight, Rng rng)
        {
            double b = bound(weight.Shape);
            var span = weight.Span;
            for (int i = 0; i < span.Length; i++) span[i] = (float)rng.NextUniform(-b, b);
        }
    }

    private sealed class NormalInit(Scale std) : Initializer
    {
        public override void Initialize(Tensor weight, Rng rng)
        {
            double s = std(weight.Shape);
            var span = weight.Span;
            for (int i = 0; i < span.Length; i++) span[i] = (float)(s * rng.NextNormal());
        }
    }

    private sealed class OrthogonalInit(double gain) : Initializer
    {
        public override void Initialize(Tensor weight, Rng rng)
        {
            if (weight.Rank < 2) throw new ArgumentException("Orthogonal initialisation needs at least two dimensions.");
            int rows = weight.Dim(0), cols = weight.Length / rows;
            bool transpose = rows < cols;
            int r = transpose ? cols : rows, c = transpose ? rows : cols; // work on r×c with r ≥ c: orthonormal columns
            var a = new double[r * c];
            for (int i = 0; i < a.Length; i++) a[i] = rng.NextNormal();
            // Modified Gram–Schmidt on the columns: Q with positive diag(R), as PyTorch's q·sign(diag(r)).
            for (int j = 0; j < c; j++)
            {
                for (int p = 0; p < j; p++)
                {
                    double dot = 0;
                    for (int i = 0; i < r; i++) dot += a[i * c + p] * a[i * c + j];
                    for (int i = 0; i < r; i++) a[i * c + j] -= dot * a[i * c + p];
                }
                double norm = 0;
                for (int i = 0; i < r; i++) norm += a[i * c + j] * a[i * c + j];
                norm = Math.Sqrt(norm);
                for (int i = 0; i < r; i++) a[i * c + j] /= norm;
            }
            var w = weight.Span;
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < cols; j++)
                    w[i * cols + j] = (float)(gain * (transpose ? a[j * c + i] : a[i * c + j]));
        }
    }
}
