namespace SemgKit.Learning.Solvers;

/// <summary>
/// LIBSVM's <c>SVC_Q</c>: Q_ij = y_i·y_j·K(x_i, x_j) for one binary problem, rows computed on demand with
/// SIMD dot products against the (physically permuted, contiguous) float rows and kept in a
/// <see cref="KernelCache"/>. Swapping two indices swaps their rows, so a row of Q over the active set is
/// a contiguous matrix–vector product.
/// </summary>
internal sealed class SvcQ
{
    private readonly float[] _x;
    private readonly float[] _norms;
    private readonly sbyte[] _y;
    private readonly int _f;
    private readonly KernelParameters _kernel;
    private readonly KernelCache _cache;

    /// <param name="x">l × F rows (owned: permuted in place).</param>
    /// <param name="y">±1 labels (shared with the solver, swapped here).</param>
    public SvcQ(float[] x, int f, sbyte[] y, KernelParameters kernel, long cacheFloats)
    {
        _x = x;
        _f = f;
        _y = y;
        _kernel = kernel;
        var l = y.Length;
        _norms = new float[l];
        QD = new double[l];
        for (var i = 0; i < l; i++)
        {
            var row = x.AsSpan(i * f, f);
            var dot = Simd.Dot(row, row);
            _norms[i] = dot;
            QD[i] = kernel.Self(dot);
        }
        _cache = new KernelCache(l, cacheFloats);
    }

    /// <summary>Diagonal Q_ii = K(x_i, x_i).</summary>
    public double[] QD { get; }

    /// <summary>Row i of Q over columns [0, length).</summary>
    public float[] GetQ(int i, int length)
    {
        var start = _cache.GetData(i, length, out var data);
        if (start < length)
        {
            var f = _f;
            var xi = _x.AsSpan(i * f, f);
            var dst = data.AsSpan(start, length - start);
            Simd.MatVec(_x.AsSpan(start * f, (length - start) * f), length - start, xi, dst);
            _kernel.Apply(dst, _norms[i], _norms.AsSpan(start, length - start));
            if (_y[i] > 0)
            {
                for (var j = start; j < length; j++)
                    if (_y[j] < 0) data[j] = -data[j];
            }
            else
            {
                for (var j = start; j < length; j++)
                    if (_y[j] > 0) data[j] = -data[j];
            }
        }
        return data;
    }

    public void SwapIndex(int i, int j)
    {
        if (i == j) return;
        _cache.SwapIndex(i, j);
        var f = _f;
        var a = _x.AsSpan(i * f, f);
        var b = _x.AsSpan(j * f, f);
        Span<float> tmp = stackalloc float[Math.Min(f, 1024)];
        if (f <= 1024)
        {
            a.CopyTo(tmp);
            b.CopyTo(a);
            tmp.CopyTo(b);
        }
        else
        {
            for (var t = 0; t < f; t++) (a[t], b[t]) = (b[t], a[t]);
        }
        (_norms[i], _norms[j]) = (_norms[j], _norms[i]);
        (_y[i], _y[j]) = (_y[j], _y[i]);
        (QD[i], QD[j]) = (QD[j], QD[i]);
    }
}
