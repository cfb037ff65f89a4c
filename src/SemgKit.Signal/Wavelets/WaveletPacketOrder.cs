namespace SemgKit.Signal.Wavelets;

/// <summary>The order of the nodes of one wavelet-packet level, as pywt's <c>WaveletPacket.get_level(level, order)</c>.</summary>
public enum WaveletPacketOrder
{
    /// <summary>pywt 'natural': paths in lexicographic order with a before d (aaa, aad, ada, add, …); node index bits = path (a = 0, d = 1), first letter most significant.</summary>
    Natural,

    /// <summary>pywt 'freq': increasing frequency band; position k holds the natural node Gray(k) = k XOR (k &gt;&gt; 1) (aaa, aad, add, ada, …).</summary>
    Frequency,
}
