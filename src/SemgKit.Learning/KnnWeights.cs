namespace SemgKit.Learning;

/// <summary>How the k nearest neighbours vote (sklearn's <c>weights</c>).</summary>
public enum KnnWeights
{
    /// <summary>Each neighbour counts 1.</summary>
    Uniform,

    /// <summary>Each neighbour counts 1 / distance; neighbours at distance 0, if any, take all the weight (1 each).</summary>
    Distance,
}
