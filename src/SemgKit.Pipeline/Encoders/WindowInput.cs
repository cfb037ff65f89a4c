namespace SemgKit.Pipeline.Encoders;

/// <summary>
/// What a window of C channels × T samples becomes before the classifier sees it. Every kind is one float row per
/// window (so feature learners and networks share one pipeline); networks read it with the shape of
/// <see cref="WindowRepresentation.Shape"/>.
/// </summary>
public enum WindowInput
{
    /// <summary>A feature row of <see cref="FeatureEncoderOptions.Features"/> (shape [F]); for LDA, SVM, ….</summary>
    Features,

    /// <summary>The filtered window itself, channel-major (shape [C, T]); for 1-D CNNs and CNN-LSTMs.</summary>
    Raw,

    /// <summary>Per-channel STFT spectrograms (Hann, <see cref="FeatureEncoderOptions.SegmentSamples"/>, overlap, PSD, dB), shape [C, F, T'] for 2-D CNNs.</summary>
    Spectrogram,

    /// <summary>Per-frame features of consecutive frames (<see cref="FeatureEncoderOptions.FrameMs"/>), shape [frames, C·k] for an LSTM.</summary>
    FrameFeatures,

    /// <summary>The EMG image: a one-value feature per frame and channel, shape [1, frames, C].</summary>
    EmgImage,

    /// <summary>The EMG image and the wavelet-packet image (per-frame packet-energy entropy) as two planes, shape [2, frames, C].</summary>
    EmgWaveletImage,
}
