namespace SemgKit.Learning.Trees;

/// <summary>
/// One fitted CART tree in flat arrays. Internal node t: go left when x[Feature[t]] ≤ Threshold[t].
/// Leaf t: Feature[t] = −1 and Left[t] is the offset of its K class frequencies in Values.
/// </summary>
internal sealed record CartTree(int[] Feature, float[] Threshold, int[] Left, int[] Right, float[] Values);
