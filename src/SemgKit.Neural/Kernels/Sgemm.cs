using System.Numerics.Tensors;

namespace SemgKit.Neural.Kernels;

/// <summary>
/// Single-precision general matrix multiply on row-major spans:
/// <c>C = alpha · op(A) · op(B) + beta · C</c>, where op(A) is M×K and op(B) is K×N.
/// </summary>
/// <remarks>
/// Leading dimensions are row strides (row-major): A is M×K with stride <c>lda ≥ K</c> (or K×M with <c>lda ≥ M</c> when transposed),
/// B is K×N with <c>ldb ≥ N</c> (or N×K with <c>ldb ≥ K</c> when transposed), C is M×N with <c>ldc ≥ N</c>.
/// When <c>beta</c> is 0, C is overwritten without being read (NaN in C does not propagate).
/// </remarks>
public static class Sgemm
{
    /// <param name="threads">Upper bound on worker threads (1 = run on the calling thread only).</param>
    public static void Multiply(
        bool transposeA, bool transposeB,
        int m, int n, int k,
        float alpha,
        ReadOnlySpan<float> a, int lda,
        ReadOnlySpan<float> b, int ldb,
        float beta,
        Span<float> c, int ldc,
        int threads = 1)
    {
        Validate(transposeA, transposeB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        for (int i = 0; i < m; i++)
        {
            var cRow = c.Slice(i * ldc, n);
            if (beta == 0) cRow.Clear();
            else if (beta != 1) TensorPrimitives.Multiply(cRow, beta, cRow);
            if (k == 0 || alpha == 0) continue;
            for (int p = 0; p < k; p++)
            {
                float aip = alpha * (transposeA ? a[p * lda + i] : a[i * lda + p]);
                if (aip == 0) continue;
                if (!transposeB)
                {
                    TensorPrimitives.MultiplyAdd(b.Slice(p * ldb, n), aip, cRow, cRow);
                }
                else
                {
                    for (int j = 0; j < n; j++)
                        cRow[j] += aip * b[j * ldb + p];
                }
            }
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> when the spans are too short for the given shapes and strides.</summary>
    internal static void Validate(bool transposeA, bool transposeB, int m, int n, int k, int aLength, int lda, int bLength, int ldb, int cLength, int ldc)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        int aRows = transposeA ? k : m, aCols = transposeA ? m : k;
        int bRows = transposeB ? n : k, bCols = transposeB ? k : n;
        if (aRows > 0 && aCols > 0 && (lda < aCols || (long)(aRows - 1) * lda + aCols > aLength))
            throw new ArgumentException($"A ({aRows}×{aCols}, lda {lda}) does not fit in {aLength} values.");
        if (bRows > 0 && bCols > 0 && (ldb < bCols || (long)(bRows - 1) * ldb + bCols > bLength))
            throw new ArgumentException($"B ({bRows}×{bCols}, ldb {ldb}) does not fit in {bLength} values.");
        if (m > 0 && n > 0 && (ldc < n || (long)(m - 1) * ldc + n > cLength))
            throw new ArgumentException($"C ({m}×{n}, ldc {ldc}) does not fit in {cLength} values.");
    }
}
