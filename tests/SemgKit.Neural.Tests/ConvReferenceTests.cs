using SemgKit.Neural.Kernels;
using SemgKit.Neural.Layers;

namespace SemgKit.Neural.Tests;

/// <summary>The im2col + SGEMM convolutions against direct-loop reference implementations at odd sizes.</summary>
public class ConvReferenceTests
{
    /// <summary>Direct convolution: y[n,o,i,j] = b[o] + Σ x[n,c,i·s−pt+ki·d, j·s−pl+kj·d]·w[o,c,ki,kj].</summary>
    private static float[] NaiveConv(float[] x, int n, int c, int h, int w, float[] weight, float[]? bias, int cout, int kh, int kw,
        int sh, int sw, int pt, int pl, int dh, int dw, int ho, int wo)
    {
        var y = new float[n * cout * ho * wo];
        for (int s = 0; s < n; s++)
            for (int o = 0; o < cout; o++)
                for (int i = 0; i < ho; i++)
                    for (int j = 0; j < wo; j++)
                    {
                        double sum = bias?[o] ?? 0;
                        for (int ci = 0; ci < c; ci++)
                            for (int ki = 0; ki < kh; ki++)
                                for (int kj = 0; kj < kw; kj++)
                                {
                                    int iy = i * sh - pt + ki * dh, ix = j * sw - pl + kj * dw;
                                    if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
                                    sum += x[((s * c + ci) * h + iy) * w + ix] * (double)weight[((o * c + ci) * kh + ki) * kw + kj];
                                }
                        y[((s * cout + o) * ho + i) * wo + j] = (float)sum;
                    }
        return y;
    }

    /// <summary>Direct transposed convolution: scatter x[n,c,i,j]·w[c,o,ki,kj] to y[n,o,i·s−p+ki·d, j·s−p+kj·d].</summary>
    private static float[] NaiveConvTranspose(float[] x, int n, int c, int h, int w, float[] weight, float[] bias, int cout, int kh, int kw,
        int sh, int sw, int ph, int pw, int dh, int dw, int ho, int wo)
    {
        var y = new double[n * cout * ho * wo];
        for (int s = 0; s < n; s++)
            for (int ci = 0; ci < c; ci++)
                for (int i = 0; i < h; i++)
                    for (int j = 0; j < w; j++)
                        for (int o = 0; o < cout; o++)
                            for (int ki = 0; ki < kh; ki++)
                                for (int kj = 0; kj < kw; kj++)
                                {
                                    int oy = i * sh - ph + ki * dh, ox = j * sw - pw + kj * dw;
                                    if (oy < 0 || oy >= ho || ox < 0 || ox >= wo) continue;
                                    y[((s * cout + o) * ho + oy) * wo + ox] += x[((s * c + ci) * h + i) * w + j] * (double)weight[((ci * cout + o) * kh + ki) * kw + kj];
                                }
        var r = new float[y.Length];
        for (int i = 0; i < r.Length; i++) r[i] = (float)(y[i] + bias[i / (ho * wo) % cout]);
        return r;
    }

    public static TheoryData<int, int, int, int, int, int, int, int, int, int, int> Conv2dCases() => new()
    {
        // c, cout, h, w, kh, kw, sh, sw, ph, pw, d
        { 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1 },
        { 3, 5, 7, 9, 3, 3, 1, 1, 1, 1, 1 },
        { 2, 3, 11, 13, 5, 3, 2, 3, 2, 1, 1 },
        { 3, 2, 9, 7, 3, 2, 1, 2, 0, 3, 2 },
        { 5, 7, 17, 3, 4, 1, 3, 1, 1, 0, 3 },
        { 4, 3, 6, 19, 2, 7, 2, 1, 1, 3, 1 },
    };

    [Theory]
    [MemberData(nameof(Conv2dCases))]
    public void Conv2dMatchesDirectLoops(int c, int cout, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw, int d)
    {
        var conv = new Conv2d(c, cout, (kh, kw), (sh, sw), new Padding(ph, pw), (d, d));
        conv.Initialize(42);
        var x = RandomTensors.Normal(1, 3, c, h, w);
        var y = conv.Forward(x, false);
        int ho = y.Dim(2), wo = y.Dim(3);
        Assert.Equal((h + 2 * ph - d * (kh - 1) - 1) / sh + 1, ho);
        var expected = NaiveConv(x.Data, 3, c, h, w, conv.Weight.Value.Data, conv.Bias!.Value.Data, cout, kh, kw, sh, sw, ph, pw, d, d, ho, wo);
        Close.All(expected, y.Span, 1e-4, "conv2d");
    }

    [Theory]
    [InlineData(1, 1, 1, 1, 1, 1)]
    [InlineData(3, 4, 17, 4, 1, 2)]
    [InlineData(2, 5, 31, 6, 1, 3)]
    [InlineData(5, 3, 23, 5, 2, 1)]
    public void Conv1dSameMatchesDirectLoops(int c, int cout, int t, int k, int stride, int dilation)
    {
        var padding = stride == 1 ? Padding.Same : 1;
        var conv = new Conv1d(c, cout, k, stride, padding, dilation);
        conv.Initialize(7);
        var x = RandomTensors.Normal(2, 2, c, t);
        var y = conv.Forward(x, false);
        int before = stride == 1 ? dilation * (k - 1) / 2 : 1;
        if (stride == 1) Assert.Equal(t, y.Dim(2));
        var expected = NaiveConv(x.Data, 2, c, 1, t, conv.Weight.Value.Data, conv.Bias!.Value.Data, cout, 1, k, 1, stride, 0, before, 1, dilation, 1, y.Dim(2));
        Close.All(expected, y.Span, 1e-4, "conv1d");
    }

    [Theory]
    [InlineData(2, 3, 5, 4, 3, 3, 2, 2, 1, 1, 1, 1)]
    [InlineData(3, 2, 7, 3, 2, 4, 3, 1, 0, 2, 2, 0)]
    [InlineData(1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0)]
    [InlineData(4, 5, 3, 6, 5, 3, 2, 3, 2, 1, 0, 2)]
    public void ConvTranspose2dMatchesDirectLoops(int c, int cout, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw, int oph, int opw)
    {
        var conv = new ConvTranspose2d(c, cout, (kh, kw), (sh, sw), (ph, pw), (oph, opw), (1, 1));
        conv.Initialize(9);
        var x = RandomTensors.Normal(3, 2, c, h, w);
        var y = conv.Forward(x, false);
        int ho = y.Dim(2), wo = y.Dim(3);
        Assert.Equal((h - 1) * sh - 2 * ph + kh + oph, ho);
        var expected = NaiveConvTranspose(x.Data, 2, c, h, w, conv.Weight.Value.Data, conv.Bias!.Value.Data, cout, kh, kw, sh, sw, ph, pw, 1, 1, ho, wo);
        Close.All(expected, y.Span, 1e-4, "conv transpose 2d");
    }

    public static TheoryData<int, int, int, int, int, int, int, int, int> SameGeometries() => new()
    {
        // h, w, kh, kw, dh, dw, padTop, padLeft, rows per chunk (stride 1, output width = w: the contiguous path)
        { 7, 9, 3, 3, 1, 1, 1, 1, 3 },
        { 5, 6, 5, 3, 1, 1, 2, 1, 2 },
        { 6, 8, 3, 3, 2, 2, 2, 2, 4 },
        { 4, 2, 5, 5, 1, 1, 2, 2, 1 },  // kernel wider than the image: some taps are all padding
        { 3, 5, 1, 3, 1, 1, 0, 0, 3 },  // no left padding: output narrower than input, general path
    };

    [Theory]
    [MemberData(nameof(SameGeometries))]
    public void RowRangeUnfoldAndFoldMatchNaiveLoops(int h, int w, int kh, int kw, int dh, int dw, int padTop, int padLeft, int chunk)
    {
        var g = new WindowGeometry(kh, kw, 1, 1, dh, dw, padTop, padLeft);
        int ch = 2, ho = h + 2 * padTop - dh * (kh - 1), wo = w + 2 * padLeft - dw * (kw - 1);
        var x = RandomTensors.Normal(11, ch, h, w).Span.ToArray();
        var folded = new float[ch * h * w];
        var expectedFold = new double[ch * h * w];
        for (int r0 = 0; r0 < ho; r0 += chunk)
        {
            int r1 = Math.Min(ho, r0 + chunk), cols = (r1 - r0) * wo, taps = ch * kh * kw;
            var col = new float[taps * cols];
            Im2Col.Unfold(x, ch, h, w, g, wo, r0, r1, col);
            var dcol = RandomTensors.Normal((ulong)(20 + r0), taps * cols).Span.ToArray();
            for (int c = 0, row = 0; c < ch; c++)
                for (int ki = 0; ki < kh; ki++)
                    for (int kj = 0; kj < kw; kj++, row++)
                        for (int oy = r0; oy < r1; oy++)
                            for (int ox = 0; ox < wo; ox++)
                            {
                                int iy = oy - padTop + ki * dh, ix = ox - padLeft + kj * dw, j = row * cols + (oy - r0) * wo + ox;
                                bool inside = iy >= 0 && iy < h && ix >= 0 && ix < w;
                                Assert.Equal(inside ? x[(c * h + iy) * w + ix] : 0f, col[j]);
                                if (inside) expectedFold[(c * h + iy) * w + ix] += dcol[j];
                            }
            Im2Col.FoldAddConsuming(dcol, ch, h, w, g, wo, r0, r1, folded);
        }
        Close.All(expectedFold, folded, 1e-5, "fold");
    }

    [Fact]
    public void FoldIsTheAdjointOfUnfold()
    {
        // <Unfold(x), c> = <x, Fold(c)> for every geometry
        var g = new WindowGeometry(3, 2, 2, 3, 1, 2, 1, 2);
        int ch = 2, h = 7, w = 9;
        int ho = (h + 2 - 2 - 1) / 2 + 1, wo = (w + 4 - 2 - 1) / 3 + 1;
        var x = RandomTensors.Normal(4, ch, h, w);
        var c = RandomTensors.Normal(5, ch * 6, ho * wo);
        var col = new float[ch * 6 * ho * wo];
        Im2Col.Unfold(x.Span, ch, h, w, g, ho, wo, col);
        var img = new float[ch * h * w];
        Im2Col.FoldAdd(c.Span, ch, h, w, g, ho, wo, img);
        double lhs = 0, rhs = 0;
        for (int i = 0; i < col.Length; i++) lhs += col[i] * (double)c.Data[i];
        for (int i = 0; i < img.Length; i++) rhs += img[i] * (double)x.Data[i];
        Assert.Equal(lhs, rhs, 1e-3);
    }
}
