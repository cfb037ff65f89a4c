using SemgKit.Neural.Kernels;
using SemgKit.Neural.Layers;

namespace SemgKit.Neural.Tests.Kernels;

/// <summary>
/// The im2col-free stride-1 convolution (<see cref="ShiftedConvolution"/>) against the im2col + SGEMM path, itself checked
/// against direct loops in <see cref="ConvReferenceTests"/>: outputs, input gradients and weight and bias gradients at odd
/// sizes, edge tiles in every direction (channels and outputs not multiples of the tiles), dilation and asymmetric padding.
/// </summary>
public class ShiftedConvolutionTests
{
    public static TheoryData<int, int, int, int, int, int, int, int, int> Cases() => new()
    {
        // c, cout, h, w, kh, kw, ph, pw, d
        { 3, 5, 7, 9, 3, 3, 1, 1, 1 },
        { 16, 32, 13, 30, 3, 3, 1, 1, 1 },
        { 13, 25, 11, 6, 3, 3, 1, 1, 1 },
        { 2, 3, 9, 13, 5, 3, 2, 0, 1 },
        { 7, 14, 9, 11, 3, 2, 0, 2, 2 },
        { 5, 7, 15, 1, 3, 1, 1, 0, 1 },
        { 1, 1, 4, 4, 2, 2, 0, 0, 1 },
    };

    private static (Tensor Y, Tensor Dx, float[] Dw, float[] Db) Run(ConvolutionBase conv, Tensor x, Tensor dy, bool? shifted, int threads)
    {
        conv.ShiftedPath = shifted;
        conv.SetThreads(threads);
        conv.Weight.Grad.Span.Clear();
        conv.Bias!.Grad.Span.Clear();
        var y = conv.Forward(x, true).Clone();
        var dx = conv.Backward(dy).Clone();
        return (y, dx, conv.Weight.Grad.Span.ToArray(), conv.Bias.Grad.Span.ToArray());
    }

    private static void Compare(ConvolutionBase conv, int[] inputShape)
    {
        Assert.SkipUnless(ShiftedConvolution.IsSupported, "no AVX-512 on this machine: the shifted path does not run here");
        conv.Initialize(7);
        var x = RandomTensors.Normal(3, inputShape);
        var dy = RandomTensors.Normal(4, conv.OutputShape(inputShape));
        var reference = Run(conv, x, dy, false, 1);
        var shifted = Run(conv, x, dy, null, 1);
        Close.All(reference.Y.Span, shifted.Y.Span, 1e-4, "output");
        Close.All(reference.Dx.Span, shifted.Dx.Span, 1e-4, "input gradient");
        Close.All(reference.Dw, shifted.Dw, 1e-4, "weight gradient");
        Close.All(reference.Db, shifted.Db, 1e-4, "bias gradient");
        var twoThreads = Run(conv, x, dy, null, 2);
        Assert.Equal(shifted.Y.Span.ToArray(), twoThreads.Y.Span.ToArray());
        Assert.Equal(shifted.Dx.Span.ToArray(), twoThreads.Dx.Span.ToArray());
        Assert.Equal(shifted.Dw, twoThreads.Dw);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Conv2dMatchesIm2Col(int c, int cout, int h, int w, int kh, int kw, int ph, int pw, int d)
    {
        Compare(new Conv2d(c, cout, (kh, kw), (1, 1), new Padding(ph, pw), (d, d)), [5, c, h, w]);
        Compare(new Conv2d(c, cout, (kh, kw), (1, 1), new Padding(ph, pw), (d, d)), [1, c, h, w]);
    }

    [Theory]
    [InlineData(4, 64, 101, 3, 1)]
    [InlineData(64, 32, 50, 3, 1)]
    [InlineData(5, 10, 37, 5, 2)]
    public void Conv1dSameMatchesIm2Col(int c, int cout, int t, int k, int d) =>
        Compare(new Conv1d(c, cout, k, 1, Padding.Same, d), [3, c, t]);

    [Fact]
    public void SamePaddingWithAnEvenKernelMatchesIm2Col() =>
        Compare(new Conv2d(3, 4, (4, 2), (1, 1), Padding.Same, (1, 1)), [2, 3, 8, 7]);
}
