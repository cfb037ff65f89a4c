using System.Runtime.Intrinsics;

namespace SemgKit.Learning.Solvers;

/// <summary>
/// LIBSVM's SMO solver (svm.cpp <c>Solver</c>, version 3.x) for the C-SVC dual
/// min ½αᵀQα − eᵀα subject to yᵀα = 0, 0 ≤ α_i ≤ C_i, with the second-order working-set selection of
/// Fan, Chen &amp; Lin (2005), "Working set selection using second order information for training SVM",
/// JMLR 6, and LIBSVM's shrinking heuristic. Method names follow svm.cpp
/// (<see cref="SelectWorkingSet"/>, <see cref="DoShrinking"/>, <see cref="BeShrunk"/>,
/// <see cref="ReconstructGradient"/>, <see cref="CalculateRho"/>, <see cref="SwapIndex"/>).
/// α and the gradient are double; Q rows are float (LIBSVM's <c>Qfloat</c>).
/// </summary>
internal sealed class SmoSolver
{
    private const double Tau = 1e-12;
    private const byte LowerBound = 0, UpperBound = 1, Free = 2;

    private readonly int _l;
    private readonly SvcQ _q;
    private readonly sbyte[] _y;
    private readonly double[] _alpha;
    private readonly byte[] _alphaStatus;
    private readonly double[] _g;
    private readonly double[] _gBar;
    private readonly double[] _p;
    private readonly int[] _activeSet;
    private readonly double[] _qd;
    private readonly double _cp, _cn, _eps;
    private int _activeSize;
    private bool _unshrink;

    private SmoSolver(SvcQ q, sbyte[] y, double cp, double cn, double eps)
    {
        _l = y.Length;
        _q = q;
        _y = y;
        _cp = cp;
        _cn = cn;
        _eps = eps;
        _qd = q.QD;
        _alpha = new double[_l];
        _alphaStatus = new byte[_l];
        _g = new double[_l];
        _gBar = new double[_l];
        _p = new double[_l];
        _activeSet = new int[_l];
    }

    /// <summary>The result of one binary C-SVC: signed coefficients y_i·α_i in the input order, and ρ.</summary>
    public readonly record struct Solution(double[] Coefficients, double Rho, long Iterations);

    /// <summary>
    /// LIBSVM's <c>solve_c_svc</c>: trains one binary problem. <paramref name="x"/> (l × F, copied by the
    /// caller: it is permuted in place), <paramref name="positive"/>[i] is whether row i has y = +1;
    /// C₊ = <paramref name="cp"/>, C₋ = <paramref name="cn"/>.
    /// </summary>
    public static Solution SolveCSvc(float[] x, int f, bool[] positive, double cp, double cn, KernelParameters kernel,
        double eps, bool shrinking, long cacheBytes, CancellationToken cancellationToken)
    {
        var l = positive.Length;
        var y = new sbyte[l];
        for (var i = 0; i < l; i++) y[i] = positive[i] ? (sbyte)1 : (sbyte)-1;
        var q = new SvcQ(x, f, y, kernel, cacheBytes / sizeof(float));
        var solver = new SmoSolver(q, y, cp, cn, eps);
        var (alpha, rho, iterations) = solver.Solve(shrinking, cancellationToken);
        // y was permuted by the solver; the alphas are back in input order: coefficient = y_i·α_i.
        for (var i = 0; i < l; i++)
            if (!positive[i]) alpha[i] = -alpha[i];
        return new Solution(alpha, rho, iterations);
    }

    private double GetC(int i) => _y[i] > 0 ? _cp : _cn;

    private void UpdateAlphaStatus(int i)
    {
        if (_alpha[i] >= GetC(i)) _alphaStatus[i] = UpperBound;
        else if (_alpha[i] <= 0) _alphaStatus[i] = LowerBound;
        else _alphaStatus[i] = Free;
    }

    private bool IsUpperBound(int i) => _alphaStatus[i] == UpperBound;
    private bool IsLowerBound(int i) => _alphaStatus[i] == LowerBound;
    private bool IsFree(int i) => _alphaStatus[i] == Free;

    private (double[] Alpha, double Rho, long Iterations) Solve(bool shrinking, CancellationToken cancellationToken)
    {
        var l = _l;
        // α = 0, p = −e: G = p, Ḡ = 0.
        for (var i = 0; i < l; i++)
        {
            _p[i] = -1;
            _g[i] = -1;
            _activeSet[i] = i;
            UpdateAlphaStatus(i);
        }
        _activeSize = l;
        _unshrink = false;

        long iter = 0;
        var maxIter = Math.Max(10_000_000L, 100L * l);
        var counter = Math.Min(l, 1000) + 1;
        while (iter < maxIter)
        {
            if (--counter == 0)
            {
                counter = Math.Min(l, 1000);
                if (shrinking) DoShrinking();
                cancellationToken.ThrowIfCancellationRequested();
            }
            if (!SelectWorkingSet(out var i, out var j))
            {
                ReconstructGradient();
                _activeSize = l;
                if (!SelectWorkingSet(out i, out j)) break;
                counter = 1; // shrink at the next iteration
            }
            iter++;

            var qI = _q.GetQ(i, _activeSize);
            var qJ = _q.GetQ(j, _activeSize);
            double cI = GetC(i), cJ = GetC(j);
            double oldAlphaI = _alpha[i], oldAlphaJ = _alpha[j];
            if (_y[i] != _y[j])
            {
                var quadCoef = _qd[i] + _qd[j] + 2 * qI[j];
                if (quadCoef <= 0) quadCoef = Tau;
                var delta = (-_g[i] - _g[j]) / quadCoef;
                var diff = _alpha[i] - _alpha[j];
                _alpha[i] += delta;
                _alpha[j] += delta;
                if (diff > 0)
                {
                    if (_alpha[j] < 0) { _alpha[j] = 0; _alpha[i] = diff; }
                }
                else if (_alpha[i] < 0) { _alpha[i] = 0; _alpha[j] = -diff; }
                if (diff > cI - cJ)
                {
                    if (_alpha[i] > cI) { _alpha[i] = cI; _alpha[j] = cI - diff; }
                }
                else if (_alpha[j] > cJ) { _alpha[j] = cJ; _alpha[i] = cJ + diff; }
            }
            else
            {
                var quadCoef = _qd[i] + _qd[j] - 2 * qI[j];
                if (quadCoef <= 0) quadCoef = Tau;
                var delta = (_g[i] - _g[j]) / quadCoef;
                var sum = _alpha[i] + _alpha[j];
                _alpha[i] -= delta;
                _alpha[j] += delta;
                if (sum > cI)
                {
                    if (_alpha[i] > cI) { _alpha[i] = cI; _alpha[j] = sum - cI; }
                }
                else if (_alpha[j] < 0) { _alpha[j] = 0; _alpha[i] = sum; }
                if (sum > cJ)
                {
                    if (_alpha[j] > cJ) { _alpha[j] = cJ; _alpha[i] = sum - cJ; }
                }
                else if (_alpha[i] < 0) { _alpha[i] = 0; _alpha[j] = sum; }
            }

            // Update G.
            var deltaAlphaI = _alpha[i] - oldAlphaI;
            var deltaAlphaJ = _alpha[j] - oldAlphaJ;
            UpdateGradient(_g, qI, deltaAlphaI, qJ, deltaAlphaJ, _activeSize);

            // Update the alpha status and Ḡ.
            var wasUpperI = IsUpperBound(i);
            var wasUpperJ = IsUpperBound(j);
            UpdateAlphaStatus(i);
            UpdateAlphaStatus(j);
            if (wasUpperI != IsUpperBound(i))
            {
                qI = _q.GetQ(i, l);
                var s = wasUpperI ? -cI : cI;
                for (var k = 0; k < l; k++) _gBar[k] += s * qI[k];
            }
            if (wasUpperJ != IsUpperBound(j))
            {
                qJ = _q.GetQ(j, l);
                var s = wasUpperJ ? -cJ : cJ;
                for (var k = 0; k < l; k++) _gBar[k] += s * qJ[k];
            }
        }
        if (iter >= maxIter && _activeSize < l)
        {
            ReconstructGradient();
            _activeSize = l;
        }

        var rho = CalculateRho();
        var alpha = new double[l];
        for (var i = 0; i < l; i++) alpha[_activeSet[i]] = _alpha[i];
        return (alpha, rho, iter);
    }

    /// <summary>G[k] += Q_i[k]·Δα_i + Q_j[k]·Δα_j for k &lt; n (float rows widened to double).</summary>
    private static void UpdateGradient(double[] g, float[] qI, double dI, float[] qJ, double dJ, int n)
    {
        var k = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var vI = Vector512.Create(dI);
            var vJ = Vector512.Create(dJ);
            for (; k <= n - 16; k += 16)
            {
                var (iLo, iHi) = Vector512.Widen(Vector512.LoadUnsafe(ref qI[0], (nuint)k));
                var (jLo, jHi) = Vector512.Widen(Vector512.LoadUnsafe(ref qJ[0], (nuint)k));
                var gLo = Vector512.LoadUnsafe(ref g[0], (nuint)k);
                var gHi = Vector512.LoadUnsafe(ref g[0], (nuint)(k + 8));
                gLo = Vector512.FusedMultiplyAdd(jLo, vJ, Vector512.FusedMultiplyAdd(iLo, vI, gLo));
                gHi = Vector512.FusedMultiplyAdd(jHi, vJ, Vector512.FusedMultiplyAdd(iHi, vI, gHi));
                gLo.StoreUnsafe(ref g[0], (nuint)k);
                gHi.StoreUnsafe(ref g[0], (nuint)(k + 8));
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var vI = Vector256.Create(dI);
            var vJ = Vector256.Create(dJ);
            for (; k <= n - 8; k += 8)
            {
                var (iLo, iHi) = Vector256.Widen(Vector256.LoadUnsafe(ref qI[0], (nuint)k));
                var (jLo, jHi) = Vector256.Widen(Vector256.LoadUnsafe(ref qJ[0], (nuint)k));
                var gLo = Vector256.LoadUnsafe(ref g[0], (nuint)k);
                var gHi = Vector256.LoadUnsafe(ref g[0], (nuint)(k + 4));
                gLo = Vector256.FusedMultiplyAdd(jLo, vJ, Vector256.FusedMultiplyAdd(iLo, vI, gLo));
                gHi = Vector256.FusedMultiplyAdd(jHi, vJ, Vector256.FusedMultiplyAdd(iHi, vI, gHi));
                gLo.StoreUnsafe(ref g[0], (nuint)k);
                gHi.StoreUnsafe(ref g[0], (nuint)(k + 4));
            }
        }
        for (; k < n; k++) g[k] += qI[k] * dI + qJ[k] * dJ;
    }

    /// <summary>
    /// WSS 2 of Fan, Chen &amp; Lin: i maximises −y_t∇f_t over I_up; j minimises the second-order
    /// decrease −b²/a over I_low with −y_j∇f_j &lt; −y_i∇f_i. Returns false when the maximal violation
    /// m(α) − M(α) is below ε (optimal).
    /// </summary>
    private bool SelectWorkingSet(out int outI, out int outJ)
    {
        var gMax = double.NegativeInfinity;
        var gMax2 = double.NegativeInfinity;
        var gMaxIdx = -1;
        var gMinIdx = -1;
        var objDiffMin = double.PositiveInfinity;
        var n = _activeSize;
        for (var t = 0; t < n; t++)
        {
            if (_y[t] > 0)
            {
                if (!IsUpperBound(t) && -_g[t] >= gMax) { gMax = -_g[t]; gMaxIdx = t; }
            }
            else if (!IsLowerBound(t) && _g[t] >= gMax) { gMax = _g[t]; gMaxIdx = t; }
        }
        var i = gMaxIdx;
        float[]? qI = i != -1 ? _q.GetQ(i, n) : null;
        for (var j = 0; j < n; j++)
        {
            if (_y[j] > 0)
            {
                if (!IsLowerBound(j))
                {
                    var gradDiff = gMax + _g[j];
                    if (_g[j] >= gMax2) gMax2 = _g[j];
                    if (gradDiff > 0)
                    {
                        var quadCoef = _qd[i] + _qd[j] - 2.0 * _y[i] * qI![j];
                        var objDiff = -(gradDiff * gradDiff) / (quadCoef > 0 ? quadCoef : Tau);
                        if (objDiff <= objDiffMin) { gMinIdx = j; objDiffMin = objDiff; }
                    }
                }
            }
            else if (!IsUpperBound(j))
            {
                var gradDiff = gMax - _g[j];
                if (-_g[j] >= gMax2) gMax2 = -_g[j];
                if (gradDiff > 0)
                {
                    var quadCoef = _qd[i] + _qd[j] + 2.0 * _y[i] * qI![j];
                    var objDiff = -(gradDiff * gradDiff) / (quadCoef > 0 ? quadCoef : Tau);
                    if (objDiff <= objDiffMin) { gMinIdx = j; objDiffMin = objDiff; }
                }
            }
        }
        outI = gMaxIdx;
        outJ = gMinIdx;
        return !(gMax + gMax2 < _eps || gMinIdx == -1);
    }

    private bool BeShrunk(int i, double gMax1, double gMax2)
    {
        if (IsUpperBound(i))
            return _y[i] > 0 ? -_g[i] > gMax1 : -_g[i] > gMax2;
        if (IsLowerBound(i))
            return _y[i] > 0 ? _g[i] > gMax2 : _g[i] > gMax1;
        return false;
    }

    private void DoShrinking()
    {
        var gMax1 = double.NegativeInfinity; // max { −y_i ∇f_i | i ∈ I_up }
        var gMax2 = double.NegativeInfinity; // max {  y_i ∇f_i | i ∈ I_low }
        for (var i = 0; i < _activeSize; i++)
        {
            if (_y[i] > 0)
            {
                if (!IsUpperBound(i) && -_g[i] >= gMax1) gMax1 = -_g[i];
                if (!IsLowerBound(i) && _g[i] >= gMax2) gMax2 = _g[i];
            }
            else
            {
                if (!IsUpperBound(i) && -_g[i] >= gMax2) gMax2 = -_g[i];
                if (!IsLowerBound(i) && _g[i] >= gMax1) gMax1 = _g[i];
            }
        }
        if (!_unshrink && gMax1 + gMax2 <= _eps * 10)
        {
            _unshrink = true;
            ReconstructGradient();
            _activeSize = _l;
        }
        for (var i = 0; i < _activeSize; i++)
        {
            if (!BeShrunk(i, gMax1, gMax2)) continue;
            _activeSize--;
            while (_activeSize > i)
            {
                if (!BeShrunk(_activeSize, gMax1, gMax2))
                {
                    SwapIndex(i, _activeSize);
                    break;
                }
                _activeSize--;
            }
        }
    }

    private void ReconstructGradient()
    {
        // Reconstruct the inactive elements of G from Ḡ and the free variables.
        if (_activeSize == _l) return;
        var nrFree = 0;
        for (var j = _activeSize; j < _l; j++) _g[j] = _gBar[j] + _p[j];
        for (var j = 0; j < _activeSize; j++)
            if (IsFree(j)) nrFree++;
        if ((long)nrFree * _l > 2L * _activeSize * (_l - _activeSize))
        {
            for (var i = _activeSize; i < _l; i++)
            {
                var qI = _q.GetQ(i, _activeSize);
                for (var j = 0; j < _activeSize; j++)
                    if (IsFree(j)) _g[i] += _alpha[j] * qI[j];
            }
        }
        else
        {
            for (var i = 0; i < _activeSize; i++)
            {
                if (!IsFree(i)) continue;
                var qI = _q.GetQ(i, _l);
                var alphaI = _alpha[i];
                for (var j = _activeSize; j < _l; j++) _g[j] += alphaI * qI[j];
            }
        }
    }

    private void SwapIndex(int i, int j)
    {
        _q.SwapIndex(i, j); // also swaps y (shared) and QD
        (_alphaStatus[i], _alphaStatus[j]) = (_alphaStatus[j], _alphaStatus[i]);
        (_alpha[i], _alpha[j]) = (_alpha[j], _alpha[i]);
        (_g[i], _g[j]) = (_g[j], _g[i]);
        (_p[i], _p[j]) = (_p[j], _p[i]);
        (_activeSet[i], _activeSet[j]) = (_activeSet[j], _activeSet[i]);
        (_gBar[i], _gBar[j]) = (_gBar[j], _gBar[i]);
    }

    private double CalculateRho()
    {
        var nrFree = 0;
        double ub = double.PositiveInfinity, lb = double.NegativeInfinity, sumFree = 0;
        for (var i = 0; i < _activeSize; i++)
        {
            var yG = _y[i] * _g[i];
            if (IsUpperBound(i))
            {
                if (_y[i] < 0) ub = Math.Min(ub, yG);
                else lb = Math.Max(lb, yG);
            }
            else if (IsLowerBound(i))
            {
                if (_y[i] > 0) ub = Math.Min(ub, yG);
                else lb = Math.Max(lb, yG);
            }
            else
            {
                nrFree++;
                sumFree += yG;
            }
        }
        return nrFree > 0 ? sumFree / nrFree : (ub + lb) / 2;
    }
}
