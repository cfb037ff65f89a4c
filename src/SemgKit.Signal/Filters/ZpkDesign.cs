using System.Numerics;

namespace SemgKit.Signal.Filters;

/// <summary>
/// Zeros-poles-gain design steps ported from scipy.signal (<c>_filter_design.py</c>, scipy 1.10):
/// <c>buttap</c>, <c>lp2lp_zpk</c>, <c>lp2hp_zpk</c>, <c>lp2bp_zpk</c>, <c>lp2bs_zpk</c>, <c>bilinear_zpk</c>
/// and <c>zpk2sos</c> with <c>pairing='nearest'</c>. Normalised frequencies stay inside this class.
/// </summary>
internal static class ZpkDesign
{
    internal readonly record struct Zpk(Complex[] Z, Complex[] P, double K);

    /// <summary>scipy <c>buttap(N)</c>: p = -exp(jπm/(2N)), m = -N+1, -N+3, …, N-1; no zeros; k = 1.</summary>
    public static Zpk ButterworthPrototype(int order)
    {
        var p = new Complex[order];
        for (var i = 0; i < order; i++)
        {
            var m = -order + 1 + 2 * i;
            p[i] = -Complex.Exp(new Complex(0, Math.PI * m / (2.0 * order)));
        }
        return new Zpk([], p, 1.0);
    }

    public static Zpk LowPass(Zpk f, double wo)
    {
        var degree = f.P.Length - f.Z.Length;
        return new Zpk([.. f.Z.Select(z => wo * z)], [.. f.P.Select(p => wo * p)], f.K * Math.Pow(wo, degree));
    }

    public static Zpk HighPass(Zpk f, double wo)
    {
        var degree = f.P.Length - f.Z.Length;
        var z = f.Z.Select(v => wo / v).Concat(Enumerable.Repeat(Complex.Zero, degree)).ToArray();
        var p = f.P.Select(v => wo / v).ToArray();
        var k = f.K * (Prod(f.Z, v => -v) / Prod(f.P, v => -v)).Real;
        return new Zpk(z, p, k);
    }

    public static Zpk BandPass(Zpk f, double wo, double bw)
    {
        var degree = f.P.Length - f.Z.Length;
        var zlp = f.Z.Select(v => v * bw / 2).ToArray();
        var plp = f.P.Select(v => v * bw / 2).ToArray();
        var z = zlp.Select(v => v + Complex.Sqrt(v * v - wo * wo))
            .Concat(zlp.Select(v => v - Complex.Sqrt(v * v - wo * wo)))
            .Concat(Enumerable.Repeat(Complex.Zero, degree)).ToArray();
        var p = plp.Select(v => v + Complex.Sqrt(v * v - wo * wo))
            .Concat(plp.Select(v => v - Complex.Sqrt(v * v - wo * wo))).ToArray();
        return new Zpk(z, p, f.K * Math.Pow(bw, degree));
    }

    public static Zpk BandStop(Zpk f, double wo, double bw)
    {
        var degree = f.P.Length - f.Z.Length;
        var zhp = f.Z.Select(v => (bw / 2) / v).ToArray();
        var php = f.P.Select(v => (bw / 2) / v).ToArray();
        var z = zhp.Select(v => v + Complex.Sqrt(v * v - wo * wo))
            .Concat(zhp.Select(v => v - Complex.Sqrt(v * v - wo * wo)))
            .Concat(Enumerable.Repeat(new Complex(0, wo), degree))
            .Concat(Enumerable.Repeat(new Complex(0, -wo), degree)).ToArray();
        var p = php.Select(v => v + Complex.Sqrt(v * v - wo * wo))
            .Concat(php.Select(v => v - Complex.Sqrt(v * v - wo * wo))).ToArray();
        var k = f.K * (Prod(f.Z, v => -v) / Prod(f.P, v => -v)).Real;
        return new Zpk(z, p, k);
    }

    /// <summary>scipy <c>bilinear_zpk(z, p, k, fs)</c>.</summary>
    public static Zpk Bilinear(Zpk f, double fs)
    {
        var degree = f.P.Length - f.Z.Length;
        var fs2 = 2.0 * fs;
        var z = f.Z.Select(v => (fs2 + v) / (fs2 - v)).Concat(Enumerable.Repeat(new Complex(-1, 0), degree)).ToArray();
        var p = f.P.Select(v => (fs2 + v) / (fs2 - v)).ToArray();
        var k = f.K * (Prod(f.Z, v => fs2 - v) / Prod(f.P, v => fs2 - v)).Real;
        return new Zpk(z, p, k);
    }

    private static Complex Prod(Complex[] values, Func<Complex, Complex> map)
    {
        var r = Complex.One;
        foreach (var v in values)
            r *= map(v);
        return r;
    }

    /// <summary>scipy <c>_cplxreal</c>: one member (positive imaginary part) of each conjugate pair, then the reals.</summary>
    private static List<Complex> CplxReal(List<Complex> z)
    {
        if (z.Count == 0)
            return [];
        const double tol = 100 * 2.220446049250313e-16;
        // lexsort((abs(imag), real)): by real, then by |imag|; stable.
        var sorted = z.Select((v, i) => (v, i)).OrderBy(t => t.v.Real).ThenBy(t => Math.Abs(t.v.Imaginary)).ThenBy(t => t.i).Select(t => t.v).ToList();
        var reals = new List<Complex>();
        var complexes = new List<Complex>();
        foreach (var v in sorted)
        {
            if (Math.Abs(v.Imaginary) <= tol * v.Magnitude)
                reals.Add(new Complex(v.Real, 0));
            else
                complexes.Add(v);
        }
        if (complexes.Count == 0)
            return reals;
        var zp = complexes.Where(v => v.Imaginary > 0).ToList();
        var zn = complexes.Where(v => v.Imaginary < 0).ToList();
        if (zp.Count != zn.Count)
            throw new InvalidOperationException("Complex value with no matching conjugate.");
        // Runs of (approximately) the same real part are sorted by |imag|.
        var i0 = 0;
        while (i0 < zp.Count)
        {
            var i1 = i0;
            while (i1 + 1 < zp.Count && zp[i1 + 1].Real - zp[i1].Real <= tol * zp[i1].Magnitude)
                i1++;
            if (i1 > i0)
            {
                SortRunByImag(zp, i0, i1 - i0 + 1);
                SortRunByImag(zn, i0, i1 - i0 + 1);
            }
            i0 = i1 + 1;
        }
        var result = new List<Complex>(zp.Count + reals.Count);
        for (var i = 0; i < zp.Count; i++)
        {
            if ((zp[i] - Complex.Conjugate(zn[i])).Magnitude > tol * zn[i].Magnitude)
                throw new InvalidOperationException("Complex value with no matching conjugate.");
            result.Add((zp[i] + Complex.Conjugate(zn[i])) / 2);
        }
        result.AddRange(reals);
        return result;
    }

    private static void SortRunByImag(List<Complex> list, int start, int count)
    {
        var run = list.GetRange(start, count).Select((v, i) => (v, i)).OrderBy(t => Math.Abs(t.v.Imaginary)).ThenBy(t => t.i).Select(t => t.v).ToList();
        for (var i = 0; i < count; i++)
            list[start + i] = run[i];
    }

    private static bool IsReal(Complex v) => v.Imaginary == 0;

    private static int IdxWorst(List<Complex> p)
    {
        var best = 0;
        var bestValue = double.PositiveInfinity;
        for (var i = 0; i < p.Count; i++)
        {
            var d = Math.Abs(1 - p[i].Magnitude);
            if (d < bestValue)
            {
                bestValue = d;
                best = i;
            }
        }
        return best;
    }

    private enum Which { Real, Complex, Any }

    /// <summary>scipy <c>_nearest_real_complex_idx</c> (ties: lowest index).</summary>
    private static int NearestIdx(List<Complex> fro, Complex to, Which which)
    {
        var best = -1;
        var bestValue = double.PositiveInfinity;
        for (var i = 0; i < fro.Count; i++)
        {
            if (which == Which.Real && !IsReal(fro[i]))
                continue;
            if (which == Which.Complex && IsReal(fro[i]))
                continue;
            var d = (fro[i] - to).Magnitude;
            if (d < bestValue)
            {
                bestValue = d;
                best = i;
            }
        }
        if (best < 0)
            throw new InvalidOperationException("No zero of the requested kind left to pair.");
        return best;
    }

    private static Complex Take(List<Complex> list, int index)
    {
        var v = list[index];
        list.RemoveAt(index);
        return v;
    }

    /// <summary>scipy <c>_single_zpksos</c>: zpk2tf of up to two zeros and poles, right-aligned in the row.</summary>
    private static (double B0, double B1, double B2, double A0, double A1, double A2) Single(Complex[] z, Complex[] p)
    {
        var b = Poly(z);
        var a = Poly(p);
        var row = new double[6];
        for (var i = 0; i < b.Length; i++)
            row[3 - b.Length + i] = b[i];
        for (var i = 0; i < a.Length; i++)
            row[6 - a.Length + i] = a[i];
        return (row[0], row[1], row[2], row[3], row[4], row[5]);
    }

    /// <summary>numpy <c>poly</c> of up to two roots (real part; roots come in conjugate pairs or are real).</summary>
    private static double[] Poly(Complex[] roots)
    {
        Complex[] c = [Complex.One];
        foreach (var r in roots)
        {
            var next = new Complex[c.Length + 1];
            for (var i = 0; i < c.Length; i++)
            {
                next[i] += c[i];
                next[i + 1] += -r * c[i];
            }
            c = next;
        }
        return [.. c.Select(v => v.Real)];
    }

    /// <summary>scipy <c>zpk2sos(z, p, k, pairing='nearest')</c> for a digital filter.</summary>
    public static SosSection[] ToSos(Zpk f)
    {
        var z = new List<Complex>(f.Z);
        var p = new List<Complex>(f.P);
        var k = f.K;
        if (z.Count == 0 && p.Count == 0)
            return [new SosSection(k, 0, 0, 0, 0)];
        while (p.Count < z.Count)
            p.Add(Complex.Zero);
        while (z.Count < p.Count)
            z.Add(Complex.Zero);
        var nSections = (Math.Max(p.Count, z.Count) + 1) / 2;
        if (p.Count % 2 == 1)
        {
            p.Add(Complex.Zero);
            z.Add(Complex.Zero);
        }
        z = CplxReal(z);
        p = CplxReal(p);

        var rows = new (double B0, double B1, double B2, double A0, double A1, double A2)[nSections];
        for (var si = nSections - 1; si >= 0; si--)
        {
            var p1 = Take(p, IdxWorst(p));
            var realPolesLeft = p.Count(IsReal);
            if (IsReal(p1) && realPolesLeft == 0)
            {
                // Special case (1): last remaining real pole.
                var z1 = Take(z, NearestIdx(z, p1, Which.Real));
                rows[si] = Single([z1, Complex.Zero], [p1, Complex.Zero]);
            }
            else if (p.Count + 1 == z.Count && !IsReal(p1) && realPolesLeft == 1 && z.Count(IsReal) == 1)
            {
                // Special case (2): one real pole and one real zero left; pair with a complex zero.
                var z1 = Take(z, NearestIdx(z, p1, Which.Complex));
                rows[si] = Single([z1, Complex.Conjugate(z1)], [p1, Complex.Conjugate(p1)]);
            }
            else
            {
                Complex p2;
                if (IsReal(p1))
                {
                    var realIdx = Enumerable.Range(0, p.Count).Where(i => IsReal(p[i])).ToList();
                    var worst = IdxWorst([.. realIdx.Select(i => p[i])]);
                    p2 = Take(p, realIdx[worst]);
                }
                else
                {
                    p2 = Complex.Conjugate(p1);
                }
                if (z.Count > 0)
                {
                    var z1 = Take(z, NearestIdx(z, p1, Which.Any));
                    if (!IsReal(z1))
                    {
                        rows[si] = Single([z1, Complex.Conjugate(z1)], [p1, p2]);
                    }
                    else if (z.Count > 0)
                    {
                        var z2 = Take(z, NearestIdx(z, p1, Which.Real));
                        rows[si] = Single([z1, z2], [p1, p2]);
                    }
                    else
                    {
                        rows[si] = Single([z1], [p1, p2]);
                    }
                }
                else
                {
                    rows[si] = Single([], [p1, p2]);
                }
            }
        }
        if (p.Count != 0 || z.Count != 0)
            throw new InvalidOperationException("zpk2sos did not consume every pole and zero.");

        var sections = new SosSection[nSections];
        for (var s = 0; s < nSections; s++)
        {
            var r = rows[s];
            var g = s == 0 ? k : 1.0;
            // a0 is 1 for every row built from monic polynomials.
            sections[s] = new SosSection(g * r.B0 / r.A0, g * r.B1 / r.A0, g * r.B2 / r.A0, r.A1 / r.A0, r.A2 / r.A0);
        }
        return sections;
    }
}
