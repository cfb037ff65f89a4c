namespace SemgKit.Signal.Features;

/// <summary>
/// Per-extraction working memory shared by the features of one channel window: the one-sided power spectrum
/// (one FFT per channel window, whatever the number of spectral features) and a sorted copy of the samples
/// (L-scale, cardinality). <see cref="FeatureSet"/> calls <see cref="BeginChannel"/> before the features of each
/// channel, which invalidates both caches. Buffers grow on first use and are then reused: no allocation per window
/// after warm-up. Not thread-safe: one scratch per thread (<see cref="ForCurrentThread"/>).
/// </summary>
public sealed class FeatureScratch
{
    [ThreadStatic]
    private static FeatureScratch? t_current;

    private readonly PowerSpectrum _spectrum = new();
    private MultiChannelPowerSpectrum? _windowSpectrum;
    private MultiChannelPowerSpectrum? _shared;
    private int _sharedChannel;
    private TimeDomainSums[] _sums = [];
    private float[] _sorted = [];
    private float[] _work = [];
    private bool _spectrumValid;
    private bool _sortedValid;
    private bool _inChannel;

    /// <summary>The calling thread's scratch (created on first use).</summary>
    public static FeatureScratch ForCurrentThread => t_current ??= new FeatureScratch();

    /// <summary>Starts the features of a new channel window: cached results of the previous one are dropped.</summary>
    public void BeginChannel()
    {
        _spectrumValid = false;
        _sortedValid = false;
        _inChannel = true;
        _shared = null;
    }

    /// <summary>
    /// As <see cref="BeginChannel()"/> for channel <paramref name="channel"/> of a window whose spectra are already in
    /// <paramref name="windowSpectrum"/> (null: none): <see cref="Spectrum"/> then copies that channel's instead of computing it.
    /// </summary>
    internal void BeginChannelOfWindow(MultiChannelPowerSpectrum? windowSpectrum, int channel)
    {
        BeginChannel();
        _shared = windowSpectrum;
        _sharedChannel = channel;
    }

    /// <summary>The multi-channel spectrum that <see cref="FeatureSet"/> fills once per window (created on first use).</summary>
    internal MultiChannelPowerSpectrum WindowSpectrum => _windowSpectrum ??= new MultiChannelPowerSpectrum();

    /// <summary>Room for the <see cref="FusedTimeDomain"/> statistics of <paramref name="channelCount"/> channels.</summary>
    internal Span<TimeDomainSums> Sums(int channelCount)
    {
        if (_sums.Length < channelCount)
            _sums = new TimeDomainSums[channelCount];
        return _sums.AsSpan(0, channelCount);
    }

    /// <summary>Ends the current channel window: later calls recompute (their input may be another signal).</summary>
    public void EndChannel()
    {
        _spectrumValid = false;
        _sortedValid = false;
        _inChannel = false;
        _shared = null;
    }

    /// <summary>
    /// The power spectrum of <paramref name="x"/> (see <see cref="PowerSpectrum"/>). Between <see cref="BeginChannel"/>
    /// and <see cref="EndChannel"/> it is computed once and every caller must pass the same channel window.
    /// </summary>
    public PowerSpectrum Spectrum(ReadOnlySpan<float> x)
    {
        if (!_spectrumValid || _spectrum.WindowLength != x.Length)
        {
            if (_shared is not null && _shared.WindowLength == x.Length)
                _shared.CopyChannel(_sharedChannel, _spectrum);
            else
                _spectrum.Compute(x);
            _spectrumValid = _inChannel;
        }
        return _spectrum;
    }

    /// <summary>The samples of <paramref name="x"/> in ascending order (cached per channel window like <see cref="Spectrum"/>).</summary>
    public ReadOnlySpan<float> Sorted(ReadOnlySpan<float> x)
    {
        if (!_sortedValid || _sorted.Length < x.Length)
        {
            if (_sorted.Length < x.Length)
                _sorted = new float[x.Length];
            var s = _sorted.AsSpan(0, x.Length);
            x.CopyTo(s);
            s.Sort();
            _sortedValid = _inChannel;
        }
        return _sorted.AsSpan(0, x.Length);
    }

    /// <summary>A work buffer of at least <paramref name="length"/> floats, not cached (contents are the caller's).</summary>
    public Span<float> Work(int length)
    {
        if (_work.Length < length)
            _work = new float[length];
        return _work.AsSpan(0, length);
    }
}
