using SemgKit.Signal.Wavelets;
using SemgKit.Signal.Windows;

namespace SemgKit.Signal.Images;

/// <summary>
/// The wavelet-packet image paired with <see cref="EmgImage"/>: either one wavelet-packet statistic per frame and
/// channel ((F, C), <see cref="WaveletPacketImageKind.FrameEnergyEntropy"/> or
/// <see cref="WaveletPacketImageKind.FrameTotalEnergy"/>), or per channel the 2^depth node energies of the whole window
/// ((2^depth, C), <see cref="WaveletPacketImageKind.NodeEnergies"/>, optionally normalised to sum 1). Row-major: row r,
/// channel c at r·C + c. Decomposition as <see cref="WaveletPacket"/> (pywt.WaveletPacket, symmetric mode).
/// </summary>
public sealed class WaveletPacketImage
{
    private WaveletPacketImage(WaveletPacketImageKind kind, Wavelet wavelet, int depth, int frameCount, int frameSamples, bool normalise)
    {
        ArgumentNullException.ThrowIfNull(wavelet);
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(depth, 10);
        Kind = kind;
        Wavelet = wavelet;
        Depth = depth;
        FrameCount = frameCount;
        FrameSamples = frameSamples;
        Normalise = normalise;
    }

    /// <summary>A per-frame image (F, C) of <paramref name="kind"/> (a Frame… kind).</summary>
    public static WaveletPacketImage PerFrame(WaveletPacketImageKind kind, Wavelet wavelet, int depth, int frameCount, int frameSamples)
    {
        if (kind == WaveletPacketImageKind.NodeEnergies)
            throw new ArgumentException("Use NodeEnergies(...) for the node-energy image.", nameof(kind));
        ArgumentOutOfRangeException.ThrowIfLessThan(frameCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(frameSamples, 1);
        return new WaveletPacketImage(kind, wavelet, depth, frameCount, frameSamples, false);
    }

    /// <summary>A node-energy image (2^depth, C) over windows of <paramref name="windowSamples"/>.</summary>
    public static WaveletPacketImage NodeEnergies(Wavelet wavelet, int depth, int windowSamples, bool normalise = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(windowSamples, 1);
        return new WaveletPacketImage(WaveletPacketImageKind.NodeEnergies, wavelet, depth, 1, windowSamples, normalise);
    }

    /// <summary>The kind.</summary>
    public WaveletPacketImageKind Kind { get; }

    /// <summary>The wavelet.</summary>
    public Wavelet Wavelet { get; }

    /// <summary>The decomposition depth.</summary>
    public int Depth { get; }

    /// <summary>F (1 for node energies).</summary>
    public int FrameCount { get; }

    /// <summary>Samples per frame (the whole window for node energies).</summary>
    public int FrameSamples { get; }

    /// <summary>Whether node energies are normalised to sum 1.</summary>
    public bool Normalise { get; }

    /// <summary>The window length expected.</summary>
    public int WindowSamples => FrameCount * FrameSamples;

    /// <summary>Rows: F, or 2^depth for node energies.</summary>
    public int Rows => Kind == WaveletPacketImageKind.NodeEnergies ? 1 << Depth : FrameCount;

    /// <summary>Rows · C.</summary>
    public int ValuesPerImage(int channelCount) => checked(Rows * channelCount);

    /// <summary>Writes the (Rows, C) image of <paramref name="window"/>. Allocates nothing.</summary>
    public void Extract(MultiChannelWindow window, Span<float> destination)
    {
        if (window.LengthSamples != WindowSamples)
            throw new ArgumentException($"The window has {window.LengthSamples} samples; {WindowSamples} are expected.", nameof(window));
        var c = window.ChannelCount;
        if (destination.Length < Rows * c)
            throw new ArgumentException($"The destination has {destination.Length} values; {Rows} × {c} are needed.", nameof(destination));
        var nodes = 1 << Depth;
        Span<float> energies = stackalloc float[nodes];
        for (var ch = 0; ch < c; ch++)
        {
            var x = window.Channel(ch);
            if (Kind == WaveletPacketImageKind.NodeEnergies)
            {
                WaveletPacket.NodeEnergies(x, Wavelet, Depth, WaveletPacketOrder.Frequency, Normalise, energies);
                for (var k = 0; k < nodes; k++)
                    destination[k * c + ch] = energies[k];
                continue;
            }
            for (var f = 0; f < FrameCount; f++)
            {
                WaveletPacket.NodeEnergies(x.Slice(f * FrameSamples, FrameSamples), Wavelet, Depth, WaveletPacketOrder.Frequency, false, energies);
                var total = 0.0;
                foreach (var e in energies)
                    total += e;
                double value;
                if (Kind == WaveletPacketImageKind.FrameTotalEnergy)
                {
                    value = total;
                }
                else
                {
                    value = 0;
                    if (total > 0)
                    {
                        foreach (var e in energies)
                        {
                            var p = e / total;
                            if (p > 0)
                                value -= p * Math.Log(p);
                        }
                    }
                }
                destination[f * c + ch] = (float)value;
            }
        }
    }
}
