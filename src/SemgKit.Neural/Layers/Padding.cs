namespace SemgKit.Neural.Layers;

/// <summary>
/// Convolution padding: explicit zero padding per spatial axis (symmetric, like PyTorch's int/tuple padding), or
/// <see cref="Same"/> (stride 1 only): total d·(k−1) per axis, the odd extra value after (right/bottom), as PyTorch's
/// <c>padding="same"</c>. An <see cref="int"/> converts implicitly.
/// </summary>
public readonly record struct Padding(int H, int W, bool IsSame = false)
{
    public static Padding Same => new(0, 0, true);

    public static Padding Of(int both) => new(both, both);

    public static implicit operator Padding(int both) => new(both, both);

    /// <summary>Resolves to (before, after) for one axis.</summary>
    internal (int Before, int After) Resolve(int explicitPad, int kernel, int dilation, int stride)
    {
        if (!IsSame) return (explicitPad, explicitPad);
        if (stride != 1) throw new ArgumentException("padding=\"same\" requires stride 1 (as in PyTorch).");
        int total = dilation * (kernel - 1);
        return (total / 2, total - total / 2);
    }

    public override string ToString() => IsSame ? "same" : H == W ? $"{H}" : $"({H}, {W})";
}
