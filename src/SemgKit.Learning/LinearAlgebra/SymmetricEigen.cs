namespace SemgKit.Learning.LinearAlgebra;

/// <summary>
/// Eigen-decomposition A = V diag(λ) Vᵀ of a small dense symmetric matrix in double by the cyclic
/// Jacobi method (Golub &amp; Van Loan, Matrix Computations, §8.5; rotations as in Numerical Recipes
/// <c>jacobi</c>). Jacobi is slow for large F (O(F³) per sweep, ~6–10 sweeps) but very accurate,
/// including for tiny eigenvalues, which is what the LDA pseudo-inverse needs.
/// </summary>
internal static class SymmetricEigen
{
    /// <summary>
    /// Decomposes the row-major n × n symmetric <paramref name="a"/> (destroyed) into
    /// <paramref name="eigenvalues"/> (n, unordered) and <paramref name="vectors"/> (n × n, row-major, column j is the j-th eigenvector).
    /// </summary>
    public static void Decompose(double[] a, int n, double[] eigenvalues, double[] vectors)
    {
        Array.Clear(vectors);
        for (var i = 0; i < n; i++) vectors[i * n + i] = 1.0;

        for (var sweep = 0; sweep < 100; sweep++)
        {
            double off = 0, total = 0;
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    var v = a[i * n + j] * a[i * n + j];
                    total += v;
                    if (i != j) off += v;
                }
            }
            if (off == 0 || off <= 1e-32 * total) break;

            for (var p = 0; p < n - 1; p++)
            {
                for (var q = p + 1; q < n; q++)
                {
                    var apq = a[p * n + q];
                    if (apq == 0) continue;
                    var theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
                    var t = Math.Sign(theta) == 0 ? 1.0 : Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    if (double.IsInfinity(theta * theta)) t = 1 / (2 * theta);
                    var c = 1 / Math.Sqrt(t * t + 1);
                    var s = t * c;
                    for (var k = 0; k < n; k++)
                    {
                        var akp = a[k * n + p];
                        var akq = a[k * n + q];
                        a[k * n + p] = c * akp - s * akq;
                        a[k * n + q] = s * akp + c * akq;
                    }
                    for (var k = 0; k < n; k++)
                    {
                        var apk = a[p * n + k];
                        var aqk = a[q * n + k];
                        a[p * n + k] = c * apk - s * aqk;
                        a[q * n + k] = s * apk + c * aqk;
                    }
                    a[p * n + q] = 0;
                    a[q * n + p] = 0;
                    for (var k = 0; k < n; k++)
                    {
                        var vkp = vectors[k * n + p];
                        var vkq = vectors[k * n + q];
                        vectors[k * n + p] = c * vkp - s * vkq;
                        vectors[k * n + q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        for (var i = 0; i < n; i++) eigenvalues[i] = a[i * n + i];
    }

    /// <summary>
    /// Minimum-norm least-squares solutions X = A⁺ B of a symmetric positive semi-definite A (n × n) for
    /// m right-hand sides given as the rows of <paramref name="b"/> (m × n); returns the solutions as rows (m × n).
    /// Eigenvalues λ ≤ n·ε·max|λ| (numpy's <c>matrix_rank</c> tolerance) are treated as zero, so a singular
    /// A (a constant feature, fewer samples than features) gives the pseudo-inverse solution, which equals
    /// <c>scipy.linalg.lstsq</c>'s for exactly singular A.
    /// </summary>
    public static double[] PseudoInverseSolve(double[] a, int n, double[] b, int m)
    {
        var work = (double[])a.Clone();
        var lambda = new double[n];
        var v = new double[n * n];
        Decompose(work, n, lambda, v);
        var max = 0.0;
        foreach (var l in lambda) max = Math.Max(max, Math.Abs(l));
        var tolerance = n * 2.220446049250313e-16 * max;

        var x = new double[m * n];
        var projected = new double[n];
        for (var r = 0; r < m; r++)
        {
            // projected = diag(1/λ) Vᵀ b_r, then x_r = V projected
            for (var j = 0; j < n; j++)
            {
                if (lambda[j] <= tolerance) { projected[j] = 0; continue; }
                double dot = 0;
                for (var i = 0; i < n; i++) dot += v[i * n + j] * b[r * n + i];
                projected[j] = dot / lambda[j];
            }
            for (var i = 0; i < n; i++)
            {
                double sum = 0;
                for (var j = 0; j < n; j++) sum += v[i * n + j] * projected[j];
                x[r * n + i] = sum;
            }
        }
        return x;
    }
}
