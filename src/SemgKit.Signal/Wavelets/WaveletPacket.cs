using System.Buffers;

namespace SemgKit.Signal.Wavelets;

/// <summary>
/// Full wavelet-packet decomposition matching <c>pywt.WaveletPacket(data, wavelet, mode='symmetric', maxlevel)</c>:
/// every node at level l is split by one <see cref="Dwt.Decompose"/> level into its 'a' (approximation) and
/// 'd' (detail) children, so level l has 2^l nodes of equal length (<see cref="NodeLength"/>). Nodes are returned
/// in <see cref="WaveletPacketOrder.Natural"/> or <see cref="WaveletPacketOrder.Frequency"/> order (as pywt's
/// <c>get_level(level, 'natural' | 'freq')</c>); the node data are never swapped, only reordered.
/// </summary>
public static class WaveletPacket
{
    /// <summary>The length of every node at <paramref name="level"/> for an input of <paramref name="inputSamples"/>.</summary>
    public static int NodeLength(int inputSamples, Wavelet wavelet, int level)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(level, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, 16);
        var n = inputSamples;
        for (var l = 0; l < level; l++)
            n = Dwt.OutputLength(n, wavelet);
        return n;
    }

    /// <summary>The natural index of the node at position <paramref name="position"/> in <paramref name="order"/>.</summary>
    public static int NaturalIndex(int position, WaveletPacketOrder order) => order == WaveletPacketOrder.Natural ? position : position ^ (position >> 1);

    /// <summary>pywt's path of the node at <paramref name="position"/> (e.g. "ada").</summary>
    public static string NodePath(int position, int level, WaveletPacketOrder order)
    {
        var natural = NaturalIndex(position, order);
        return string.Create(level, natural, (chars, bits) =>
        {
            for (var i = 0; i < chars.Length; i++)
                chars[i] = ((bits >> (chars.Length - 1 - i)) & 1) == 0 ? 'a' : 'd';
        });
    }

    /// <summary>The 2^level nodes at <paramref name="level"/>, in <paramref name="order"/>.</summary>
    public static double[][] Nodes(ReadOnlySpan<double> x, Wavelet wavelet, int level, WaveletPacketOrder order)
    {
        var length = NodeLength(x.Length, wavelet, level);
        var flat = new double[(1 << level) * length];
        Decompose(x, wavelet, level, order, flat);
        return [.. Enumerable.Range(0, 1 << level).Select(k => flat.AsSpan(k * length, length).ToArray())];
    }

    /// <summary>
    /// Writes the 2^level nodes at <paramref name="level"/> into <paramref name="destination"/>, node k (in
    /// <paramref name="order"/>) at k·<see cref="NodeLength"/>. Allocates nothing (per-thread scratch).
    /// </summary>
    /// <exception cref="ArgumentException">The destination is too short.</exception>
    public static void Decompose(ReadOnlySpan<double> x, Wavelet wavelet, int level, WaveletPacketOrder order, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(wavelet);
        var finalLength = NodeLength(x.Length, wavelet, level);
        var nodes = 1 << level;
        if (destination.Length < nodes * finalLength)
            throw new ArgumentException($"The destination has {destination.Length} values; {nodes} nodes × {finalLength} need {nodes * finalLength}.", nameof(destination));
        // The widest level holds max over l of 2^l·len_l values.
        var capacity = x.Length;
        var n = x.Length;
        for (var l = 1; l <= level; l++)
        {
            n = Dwt.OutputLength(n, wavelet);
            capacity = Math.Max(capacity, (1 << l) * n);
        }
        var scratch = ThreadScratch.Doubles(ThreadScratch.PacketLevel, 2 * capacity);
        var a = scratch.AsSpan(0, capacity);
        var b = scratch.AsSpan(capacity, capacity);
        x.CopyTo(a);
        var length = x.Length;
        for (var l = 0; l < level; l++)
        {
            var m = Dwt.OutputLength(length, wavelet);
            var count = 1 << l;
            for (var k = 0; k < count; k++)
            {
                Dwt.Convolve(a.Slice(k * length, length), wavelet.DecompositionLowPass, wavelet.DecompositionHighPass,
                    b.Slice(2 * k * m, m), b.Slice((2 * k + 1) * m, m));
            }
            var t = a;
            a = b;
            b = t;
            length = m;
        }
        for (var p = 0; p < nodes; p++)
            a.Slice(NaturalIndex(p, order) * length, length).CopyTo(destination.Slice(p * length, length));
    }

    /// <summary>
    /// Writes the energy Σ c² of each of the 2^level nodes of <paramref name="x"/> (in <paramref name="order"/>) to
    /// <paramref name="destination"/>; with <paramref name="normalise"/>, divided by their sum (relative energies,
    /// all 0 for an all-zero input). Allocates nothing (per-thread scratch).
    /// </summary>
    public static void NodeEnergies(ReadOnlySpan<float> x, Wavelet wavelet, int level, WaveletPacketOrder order, bool normalise, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(wavelet);
        var nodes = 1 << level;
        if (destination.Length < nodes)
            throw new ArgumentException($"The destination has {destination.Length} values; {nodes} nodes are needed.", nameof(destination));
        var length = NodeLength(x.Length, wavelet, level);
        var input = ThreadScratch.Doubles(ThreadScratch.PacketInput, x.Length);
        var coefficients = ThreadScratch.Doubles(ThreadScratch.PacketCoefficients, nodes * length);
        for (var i = 0; i < x.Length; i++)
            input[i] = x[i];
        Decompose(input.AsSpan(0, x.Length), wavelet, level, order, coefficients);
        var total = 0.0;
        Span<double> energies = nodes <= 256 ? stackalloc double[nodes] : new double[nodes];
        for (var k = 0; k < nodes; k++)
        {
            var e = 0.0;
            foreach (var c in coefficients.AsSpan(k * length, length))
                e += c * c;
            energies[k] = e;
            total += e;
        }
        for (var k = 0; k < nodes; k++)
            destination[k] = (float)(normalise ? (total > 0 ? energies[k] / total : 0) : energies[k]);
    }
}
