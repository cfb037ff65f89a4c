namespace SemgKit.Learning.LinearAlgebra;

/// <summary>Covariance estimators in double, as scikit-learn's <c>sklearn.covariance</c> computes them.</summary>
internal static class Covariance
{
    /// <summary>
    /// <c>empirical_covariance(X)</c> (= <c>np.cov(X.T, bias=1)</c>) of the n × f row-major block
    /// <paramref name="x"/>, which is centred in place; writes the f × f result into <paramref name="cov"/>.
    /// </summary>
    public static void EmpiricalCentring(double[] x, int n, int f, double[] cov)
    {
        var mean = new double[f];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < f; j++) mean[j] += x[i * f + j];
        for (var j = 0; j < f; j++) mean[j] /= n;
        for (var i = 0; i < n; i++)
            for (var j = 0; j < f; j++) x[i * f + j] -= mean[j];

        Array.Clear(cov, 0, f * f);
        for (var i = 0; i < n; i++)
        {
            var o = i * f;
            for (var p = 0; p < f; p++)
            {
                var xp = x[o + p];
                if (xp == 0) continue;
                var row = p * f;
                for (var q = p; q < f; q++) cov[row + q] += xp * x[o + q];
            }
        }
        for (var p = 0; p < f; p++)
        {
            for (var q = p; q < f; q++)
            {
                var v = cov[p * f + q] / n;
                cov[p * f + q] = v;
                cov[q * f + p] = v;
            }
        }
    }

    /// <summary><c>shrunk_covariance(emp, s)</c>: (1 − s)·emp + s·(trace(emp)/f)·I, in place.</summary>
    public static void Shrink(double[] cov, int f, double shrinkage)
    {
        double trace = 0;
        for (var j = 0; j < f; j++) trace += cov[j * f + j];
        var mu = trace / f;
        for (var i = 0; i < f * f; i++) cov[i] *= 1.0 - shrinkage;
        for (var j = 0; j < f; j++) cov[j * f + j] += shrinkage * mu;
    }

    /// <summary>
    /// <c>ledoit_wolf_shrinkage(X)</c> for an already centred n × f block <paramref name="xc"/> whose
    /// empirical covariance is <paramref name="cov"/>. Returns the shrinkage in [0, 1].
    /// </summary>
    public static double LedoitWolfShrinkage(double[] xc, int n, int f, double[] cov)
    {
        if (f == 1) return 0.0;
        // emp_cov_trace_j = Σ_n x²/n = cov_jj; mu = Σ_j emp_cov_trace_j / f
        double traceSum = 0;
        for (var j = 0; j < f; j++) traceSum += cov[j * f + j];
        var mu = traceSum / f;
        // beta_ = Σ_ij (X2ᵀ X2)_ij = Σ_n (Σ_j x_nj²)²; delta_ = Σ_ij (Xᵀ X)_ij² / n² = Σ_ij cov_ij²
        double betaSum = 0;
        for (var i = 0; i < n; i++)
        {
            double rowSq = 0;
            for (var j = 0; j < f; j++) rowSq += xc[i * f + j] * xc[i * f + j];
            betaSum += rowSq * rowSq;
        }
        double deltaSum = 0;
        for (var i = 0; i < f * f; i++) deltaSum += cov[i] * cov[i];
        var beta = 1.0 / ((double)f * n) * (betaSum / n - deltaSum);
        var delta = (deltaSum - 2.0 * mu * traceSum + f * mu * mu) / f;
        beta = Math.Min(beta, delta);
        return beta == 0 ? 0.0 : beta / delta;
    }

    /// <summary>
    /// sklearn's LDA <c>_cov(X, shrinkage='auto')</c>: standardise X with StandardScaler, Ledoit-Wolf
    /// shrunk covariance of the standardised data, rescaled by the scales: s_ij·σ_i·σ_j.
    /// <paramref name="x"/> (n × f) is overwritten.
    /// </summary>
    public static void LedoitWolfStandardized(double[] x, int n, int f, double[] cov)
    {
        var mean = new double[f];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < f; j++) mean[j] += x[i * f + j];
        for (var j = 0; j < f; j++) mean[j] /= n;
        var scale = new double[f];
        var corr = new double[f];
        var sq = new double[f];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < f; j++)
            {
                var d = x[i * f + j] - mean[j];
                corr[j] += d;
                sq[j] += d * d;
            }
        }
        for (var j = 0; j < f; j++)
        {
            var variance = (sq[j] - corr[j] * corr[j] / n) / n;
            scale[j] = Standardizer.IsConstant(variance, mean[j], n) ? 1.0 : Math.Sqrt(variance);
        }
        for (var i = 0; i < n; i++)
            for (var j = 0; j < f; j++) x[i * f + j] = (x[i * f + j] - mean[j]) / scale[j];

        EmpiricalCentring(x, n, f, cov);
        var shrinkage = LedoitWolfShrinkage(x, n, f, cov);
        Shrink(cov, f, shrinkage);
        for (var p = 0; p < f; p++)
            for (var q = 0; q < f; q++) cov[p * f + q] *= scale[p] * scale[q];
    }
}
