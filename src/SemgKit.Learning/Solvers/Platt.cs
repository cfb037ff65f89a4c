namespace SemgKit.Learning.Solvers;

/// <summary>
/// Probability estimates for SVMs as LIBSVM (svm.cpp <c>sigmoid_train</c>, <c>sigmoid_predict</c>,
/// <c>multiclass_probability</c>): Platt's sigmoid P(y = +1 | f) = 1 / (1 + exp(A·f + B)) fitted by the
/// Newton method with backtracking of Lin, Lin &amp; Weng (2007), "A note on Platt's probabilistic outputs
/// for support vector machines", Machine Learning 68; and pairwise coupling by method 2 of Wu, Lin &amp; Weng
/// (2004), "Probability estimates for multi-class classification by pairwise coupling", JMLR 5.
/// </summary>
internal static class Platt
{
    /// <summary>LIBSVM clamps pairwise probabilities to [1e-7, 1 − 1e-7] before coupling.</summary>
    public const double MinProbability = 1e-7;

    public static (double A, double B) SigmoidTrain(ReadOnlySpan<double> decisions, ReadOnlySpan<bool> positive)
    {
        var l = decisions.Length;
        double prior1 = 0, prior0;
        for (var i = 0; i < l; i++)
            if (positive[i]) prior1++;
        prior0 = l - prior1;
        const int maxIter = 100;
        const double minStep = 1e-10, sigma = 1e-12, eps = 1e-5;
        var hiTarget = (prior1 + 1.0) / (prior1 + 2.0);
        var loTarget = 1 / (prior0 + 2.0);
        var t = new double[l];
        for (var i = 0; i < l; i++) t[i] = positive[i] ? hiTarget : loTarget;
        double a = 0, b = Math.Log((prior0 + 1.0) / (prior1 + 1.0));
        var fval = Objective(decisions, t, a, b);
        for (var iter = 0; iter < maxIter; iter++)
        {
            double h11 = sigma, h22 = sigma, h21 = 0, g1 = 0, g2 = 0;
            for (var i = 0; i < l; i++)
            {
                var fApB = decisions[i] * a + b;
                double p, q;
                if (fApB >= 0)
                {
                    var e = Math.Exp(-fApB);
                    p = e / (1.0 + e);
                    q = 1.0 / (1.0 + e);
                }
                else
                {
                    var e = Math.Exp(fApB);
                    p = 1.0 / (1.0 + e);
                    q = e / (1.0 + e);
                }
                var d2 = p * q;
                h11 += decisions[i] * decisions[i] * d2;
                h22 += d2;
                h21 += decisions[i] * d2;
                var d1 = t[i] - p;
                g1 += decisions[i] * d1;
                g2 += d1;
            }
            if (Math.Abs(g1) < eps && Math.Abs(g2) < eps) break;
            var det = h11 * h22 - h21 * h21;
            var dA = -(h22 * g1 - h21 * g2) / det;
            var dB = -(-h21 * g1 + h11 * g2) / det;
            var gd = g1 * dA + g2 * dB;
            var step = 1.0;
            while (step >= minStep)
            {
                var newA = a + step * dA;
                var newB = b + step * dB;
                var newF = Objective(decisions, t, newA, newB);
                if (newF < fval + 0.0001 * step * gd)
                {
                    a = newA;
                    b = newB;
                    fval = newF;
                    break;
                }
                step /= 2.0;
            }
            if (step < minStep) break; // line search failed
        }
        return (a, b);
    }

    private static double Objective(ReadOnlySpan<double> decisions, double[] t, double a, double b)
    {
        double f = 0;
        for (var i = 0; i < decisions.Length; i++)
        {
            var fApB = decisions[i] * a + b;
            f += fApB >= 0 ? t[i] * fApB + Math.Log(1 + Math.Exp(-fApB)) : (t[i] - 1) * fApB + Math.Log(1 + Math.Exp(fApB));
        }
        return f;
    }

    public static double SigmoidPredict(double decision, double a, double b)
    {
        var fApB = decision * a + b;
        // 1 − p is 1 − 1 / (1 + exp(−fApB)) = exp(−fApB) / (1 + exp(−fApB)); written to avoid overflow.
        return fApB >= 0 ? Math.Exp(-fApB) / (1.0 + Math.Exp(-fApB)) : 1.0 / (1 + Math.Exp(fApB));
    }

    /// <summary>
    /// Wu–Lin–Weng method 2: the p minimising Σ_i Σ_{j≠i} (r_ji p_i − r_ij p_j)² on the simplex.
    /// <paramref name="r"/> is K × K row-major (r_ij ≈ P(i | i or j)); <paramref name="work"/> needs K² + K doubles.
    /// </summary>
    public static void MulticlassProbability(int k, ReadOnlySpan<double> r, Span<double> p, Span<double> work)
    {
        var q = work[..(k * k)];
        var qp = work.Slice(k * k, k);
        var maxIter = Math.Max(100, k);
        var eps = 0.005 / k;
        for (var t = 0; t < k; t++)
        {
            p[t] = 1.0 / k;
            q[t * k + t] = 0;
            for (var j = 0; j < t; j++)
            {
                q[t * k + t] += r[j * k + t] * r[j * k + t];
                q[t * k + j] = q[j * k + t];
            }
            for (var j = t + 1; j < k; j++)
            {
                q[t * k + t] += r[j * k + t] * r[j * k + t];
                q[t * k + j] = -r[j * k + t] * r[t * k + j];
            }
        }
        for (var iter = 0; iter < maxIter; iter++)
        {
            double pQp = 0;
            for (var t = 0; t < k; t++)
            {
                double s = 0;
                for (var j = 0; j < k; j++) s += q[t * k + j] * p[j];
                qp[t] = s;
                pQp += p[t] * s;
            }
            double maxError = 0;
            for (var t = 0; t < k; t++)
                maxError = Math.Max(maxError, Math.Abs(qp[t] - pQp));
            if (maxError < eps) break;
            for (var t = 0; t < k; t++)
            {
                var diff = (-qp[t] + pQp) / q[t * k + t];
                p[t] += diff;
                pQp = (pQp + diff * (diff * q[t * k + t] + 2 * qp[t])) / (1 + diff) / (1 + diff);
                for (var j = 0; j < k; j++)
                {
                    qp[j] = (qp[j] + diff * q[t * k + j]) / (1 + diff);
                    p[j] /= 1 + diff;
                }
            }
        }
    }
}
