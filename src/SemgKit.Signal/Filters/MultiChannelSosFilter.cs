using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SemgKit.Signal.Filters;

/// <summary>
/// The same causal filter (<see cref="SosFilter"/>, i.e. <c>scipy.signal.sosfilt</c> along time) applied to
/// each of C channels, with independent double state per channel and section. Accepts channel-major blocks
/// (SemgKit's layout) and frame-major interleaved blocks (what devices stream). Any chunking of a signal
/// gives bit-identical output to one call; the output also equals one <see cref="SosFilter"/> per channel.
/// </summary>
/// <remarks>
/// Each block of up to 128 frames is widened to doubles in a frame-major scratch buffer with the channel
/// count padded to a whole number of vectors (8 lanes of <see cref="Vector512{T}"/> where AVX-512 is
/// accelerated, else 4 lanes of <see cref="Vector256{T}"/>); sections then run two at a time, the second one
/// frame behind the first, with their state in registers (see <c>SosKernels.ProcessLanes512</c>). The lanes
/// compute exactly the scalar recursion, so results equal <see cref="SosFilter"/>'s bit for bit.
/// Buffers are allocated once, in the constructor.
/// </remarks>
public sealed class MultiChannelSosFilter
{
    private const int BlockFrames = 128;

    private readonly SosSection[] _sections;
    private readonly bool _wide;
    private readonly int _padded;
    private readonly double[] _state;
    private readonly double[] _block;

    /// <summary>A filter for <paramref name="channelCount"/> channels with zero initial state.</summary>
    public MultiChannelSosFilter(Sos sos, int channelCount)
    {
        ArgumentNullException.ThrowIfNull(sos);
        ArgumentOutOfRangeException.ThrowIfLessThan(channelCount, 1);
        Sos = sos;
        ChannelCount = channelCount;
        _sections = sos.Sections.ToArray();
        _wide = Vector512.IsHardwareAccelerated;
        var lanes = _wide ? Vector512<double>.Count : Vector256<double>.Count;
        _padded = (channelCount + lanes - 1) / lanes * lanes;
        _state = new double[_padded * _sections.Length * 2];
        _block = new double[_padded * BlockFrames];
    }

    /// <summary>The coefficients.</summary>
    public Sos Sos { get; }

    /// <summary>C, the number of channels.</summary>
    public int ChannelCount { get; }

    /// <summary>
    /// Filters a channel-major block: channel c occupies <c>[c·T, (c+1)·T)</c> of <paramref name="input"/>,
    /// T = input.Length / C samples per channel. <paramref name="output"/> has the same layout and may be the same memory.
    /// </summary>
    /// <exception cref="ArgumentException">The length is not a multiple of C, or output is shorter than input.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // fully optimised from the first call: no tier-0/OSR phase in live use
    public void ProcessChannelMajor(ReadOnlySpan<float> input, Span<float> output)
    {
        var frames = CheckLengths(input, output);
        var padded = _padded;
        var channels = ChannelCount;
        for (var start = 0; start < frames; start += BlockFrames)
        {
            var n = Math.Min(BlockFrames, frames - start);
            // Frame by frame (contiguous scratch writes, C sequential read streams).
            ref var b = ref MemoryMarshal.GetArrayDataReference(_block);
            ref var src = ref Unsafe.Add(ref MemoryMarshal.GetReference(input), start);
            for (var t = 0; t < n; t++)
            {
                ref var row = ref Unsafe.Add(ref b, t * padded);
                ref var col = ref Unsafe.Add(ref src, t);
                for (var c = 0; c < channels; c++)
                    Unsafe.Add(ref row, c) = Unsafe.Add(ref col, c * frames);
            }
            Run(n);
            ref var dst = ref Unsafe.Add(ref MemoryMarshal.GetReference(output), start);
            for (var t = 0; t < n; t++)
            {
                ref var row = ref Unsafe.Add(ref b, t * padded);
                ref var col = ref Unsafe.Add(ref dst, t);
                for (var c = 0; c < channels; c++)
                    Unsafe.Add(ref col, c * frames) = (float)Unsafe.Add(ref row, c);
            }
        }
    }

    /// <summary>
    /// Filters a frame-major (interleaved) block: sample t of channel c at <c>t·C + c</c>.
    /// <paramref name="output"/> has the same layout and may be the same memory.
    /// </summary>
    /// <exception cref="ArgumentException">The length is not a multiple of C, or output is shorter than input.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // fully optimised from the first call: no tier-0/OSR phase in live use
    public void ProcessFrameMajor(ReadOnlySpan<float> input, Span<float> output)
    {
        var frames = CheckLengths(input, output);
        var padded = _padded;
        var channels = ChannelCount;
        var block = _block.AsSpan();
        for (var start = 0; start < frames; start += BlockFrames)
        {
            var n = Math.Min(BlockFrames, frames - start);
            var src = input.Slice(start * channels, n * channels);
            if (channels == padded)
            {
                Widen(src, block);
                Run(n);
                Narrow(block[..src.Length], output.Slice(start * channels, n * channels));
                continue;
            }
            for (var t = 0; t < n; t++)
            {
                var row = src.Slice(t * channels, channels);
                var dst = block.Slice(t * padded, channels);
                for (var c = 0; c < row.Length; c++)
                    dst[c] = row[c];
            }
            Run(n);
            var outBlock = output.Slice(start * channels, n * channels);
            for (var t = 0; t < n; t++)
            {
                var row = outBlock.Slice(t * channels, channels);
                var src2 = block.Slice(t * padded, channels);
                for (var c = 0; c < row.Length; c++)
                    row[c] = (float)src2[c];
            }
        }
    }

    private void Run(int frames)
    {
        if (_wide)
            SosKernels.ProcessLanes512(_sections, _state, _block, _padded, frames);
        else
            SosKernels.ProcessLanes256(_sections, _state, _block, _padded, frames);
    }

    // float → double and back, 8 values per step (TensorPrimitives.ConvertTruncating<double, float> is scalar in .NET 10,
    // which cost more than the filter itself).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // fully optimised from the first call: no tier-0/OSR phase in live use
    private static void Widen(ReadOnlySpan<float> source, Span<double> destination)
    {
        ref var src = ref MemoryMarshal.GetReference(source);
        ref var dst = ref MemoryMarshal.GetReference(destination);
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
            for (; i + 8 <= source.Length; i += 8)
            {
                var (lower, upper) = Vector256.Widen(Vector256.LoadUnsafe(ref src, (nuint)i));
                lower.StoreUnsafe(ref dst, (nuint)i);
                upper.StoreUnsafe(ref dst, (nuint)(i + 4));
            }
        for (; i < source.Length; i++)
            Unsafe.Add(ref dst, i) = Unsafe.Add(ref src, i);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // fully optimised from the first call: no tier-0/OSR phase in live use
    private static void Narrow(ReadOnlySpan<double> source, Span<float> destination)
    {
        ref var src = ref MemoryMarshal.GetReference(source);
        ref var dst = ref MemoryMarshal.GetReference(destination);
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
            for (; i + 8 <= source.Length; i += 8)
                Vector256.Narrow(Vector256.LoadUnsafe(ref src, (nuint)i), Vector256.LoadUnsafe(ref src, (nuint)(i + 4))).StoreUnsafe(ref dst, (nuint)i);
        for (; i < source.Length; i++)
            Unsafe.Add(ref dst, i) = (float)Unsafe.Add(ref src, i);
    }

    /// <summary>Clears the state of every channel, as for a new recording.</summary>
    public void Reset() => Array.Clear(_state);

    private int CheckLengths(ReadOnlySpan<float> input, Span<float> output)
    {
        if (input.Length % ChannelCount != 0)
            throw new ArgumentException($"The block length {input.Length} is not a multiple of the channel count {ChannelCount}.", nameof(input));
        if (output.Length < input.Length)
            throw new ArgumentException($"The output ({output.Length} values) is shorter than the input ({input.Length} values).", nameof(output));
        return input.Length / ChannelCount;
    }
}
