namespace SemgKit.Pipeline.Encoders;

/// <summary>How a window of per-sample labels becomes one window label.</summary>
public enum WindowLabelRule
{
    /// <summary>The most frequent label in the window (ties: the smaller class index); unlabelled samples don't vote.</summary>
    Mode,

    /// <summary>The label of the window's last sample — what a live controller is deciding about.</summary>
    Last,

    /// <summary>The most frequent label, kept only when at least the purity threshold of the window's samples carry it.</summary>
    Pure,
}
