namespace SemgKit.Neural.Tests.Kernels;

/// <summary>Naive triple loop with double accumulation: the reference the fast SGEMM is compared with.</summary>
internal static class ReferenceSgemm
{
    /// <summary>Returns C = alpha·op(A)·op(B) + beta·C0 (beta = 0 ignores C0) and, per element, the magnitude scale
    /// |alpha|·Σ|a||b| + |beta·c0| used for relative tolerances.</summary>
    public static (double[] Values, double[] Scale) Multiply(
        bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        float[] a, int lda, float[] b, int ldb, float beta, float[] c0, int ldc)
    {
        var values = new double[m * n];
        var scale = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0, abs = 0;
                for (int p = 0; p < k; p++)
                {
                    double x = transposeA ? a[p * lda + i] : a[i * lda + p];
                    double y = transposeB ? b[j * ldb + p] : b[p * ldb + j];
                    sum += x * y;
                    abs += Math.Abs(x * y);
                }

                double cv = beta == 0 ? 0 : (double)beta * c0[i * ldc + j];
                values[i * n + j] = alpha * sum + cv;
                scale[i * n + j] = Math.Abs(alpha) * abs + Math.Abs(cv);
            }
        }

        return (values, scale);
    }
}
