using SemgKit.Signal.Wavelets;

namespace SemgKit.Signal.Features;

/// <summary>
/// Wavelet-packet node energies (WPE): the window is decomposed by <see cref="WaveletPacket"/> (pywt.WaveletPacket,
/// symmetric mode) to <see cref="Depth"/> levels and each of the 2^depth nodes gives Σ c² — optionally divided by the
/// total so the values sum to 1 (relative energy). Nodes in <see cref="Order"/>, frequency order by default
/// (lowest band first). ValuesPerChannel = 2^depth; columns ch1.WPE1 … ch1.WPE{2^depth}.
/// </summary>
public sealed class WaveletPacketEnergy : IFeature
{
    /// <summary>Node energies of <paramref name="wavelet"/> (e.g. db4) at <paramref name="depth"/> (1..10).</summary>
    public WaveletPacketEnergy(Wavelet wavelet, int depth, bool normalise = false, WaveletPacketOrder order = WaveletPacketOrder.Frequency)
    {
        ArgumentNullException.ThrowIfNull(wavelet);
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(depth, 10);
        Wavelet = wavelet;
        Depth = depth;
        Normalise = normalise;
        Order = order;
    }

    /// <summary>The wavelet.</summary>
    public Wavelet Wavelet { get; }

    /// <summary>The decomposition depth.</summary>
    public int Depth { get; }

    /// <summary>Whether energies are divided by their sum.</summary>
    public bool Normalise { get; }

    /// <summary>The node order.</summary>
    public WaveletPacketOrder Order { get; }

    /// <inheritdoc/>
    public string Code => "WPE";

    /// <inheritdoc/>
    public string Name => "Wavelet packet energy";

    /// <inheritdoc/>
    public int ValuesPerChannel => 1 << Depth;

    /// <inheritdoc/>
    public void Extract(ReadOnlySpan<float> channelWindow, Span<float> destination)
    {
        if (channelWindow.IsEmpty)
            throw new ArgumentException("The window is empty.", nameof(channelWindow));
        WaveletPacket.NodeEnergies(channelWindow, Wavelet, Depth, Order, Normalise, destination);
    }
}
