namespace SemgKit.Pipeline.Data;

/// <summary>How <see cref="MuscleBursts"/> finds and cuts contraction bursts (muscle-classification paper: TKEO onsets, 500 ms from onset).</summary>
public sealed record MuscleBurstOptions
{
    /// <summary>Burst length from onset, ms.</summary>
    public double BurstMs { get; init; } = 500;

    /// <summary>
    /// Signal kept after the burst, up to this much where the recording has it, ms (0: none). Training windows then also
    /// start later in the contraction, every encoder step (more examples of the same burst); <see cref="MuscleBursts.OnsetWindowOnly"/>
    /// cuts test bursts back to the onset window. It pays where contractions are held (the elderly isometric set: 96.1 % for an SVM
    /// in a Python check against 92.9 %) and not in gait (UCI: 78 % against 85 %, the later windows leave the burst).
    /// </summary>
    public double TrailingMs { get; init; }

    /// <summary>Signal kept before each onset so the causal filter of the pipeline settles (set the encoder's warm-up to this), ms.</summary>
    public double PreRollMs { get; init; } = 100;

    /// <summary>
    /// The bursts' sample rate, Hz: recordings at an integer multiple of it are first decimated
    /// (<see cref="Signal.Filters.Decimation"/>, zero-phase anti-alias low-pass at 0.8 × its Nyquist frequency), so sets
    /// recorded at different rates give bursts of the same length; recordings at other rates keep theirs; 0 always keeps
    /// the recording's rate. At 1000 Hz the anti-alias filter passes up to about 350 Hz flat and is −6 dB at 400 Hz, where
    /// surface EMG holds little power; it halves a 2 kHz set's network cost (in a Python check the elderly set's SVM scored 93.6 % at 2 kHz and 93.2 % decimated).
    /// </summary>
    public double SampleRateHz { get; init; } = 1000;

    /// <summary>Detection band-pass (zero-phase, detection only; the bursts keep the raw samples), Hz.</summary>
    public double DetectionLowHz { get; init; } = 20;

    /// <inheritdoc cref="DetectionLowHz"/>
    public double DetectionHighHz { get; init; } = 450;

    /// <summary>Centred moving average of |TKEO| before thresholding, ms.</summary>
    public double SmoothingMs { get; init; } = 25;

    /// <summary>The one global threshold per channel and recording: this factor × the mean of the smoothed |TKEO|.</summary>
    public double ThresholdFactor { get; init; } = 1.0;

    /// <summary>Minimum time above the threshold for an onset, ms.</summary>
    public double MinOnMs { get; init; } = 50;

    /// <summary>Minimum time at or below the threshold for an offset, ms.</summary>
    public double MinOffMs { get; init; } = 50;

    /// <summary>At most this many bursts per channel and recording (the first ones, in time order).</summary>
    public int MaxBurstsPerChannel { get; init; } = 60;
}
