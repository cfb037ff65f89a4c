namespace SemgKit.Signal.Transforms;

/// <summary>Per-segment detrending before windowing, as scipy's <c>detrend</c> argument.</summary>
public enum Detrend
{
    /// <summary>No detrending (scipy <c>detrend=False</c>).</summary>
    None,

    /// <summary>Subtract the segment mean (scipy <c>detrend='constant'</c>).</summary>
    Constant,
}
