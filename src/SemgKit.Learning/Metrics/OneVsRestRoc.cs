namespace SemgKit.Learning.Metrics;

/// <summary>One-vs-rest ROC curves of a K-class scorer, from <see cref="RocCurve.OneVsRest"/>.</summary>
public sealed class OneVsRestRoc
{
    internal OneVsRestRoc(IReadOnlyList<RocCurve> curves)
    {
        Curves = curves;
        double sum = 0;
        var defined = 0;
        foreach (var curve in curves)
        {
            if (double.IsNaN(curve.Auc)) continue;
            sum += curve.Auc;
            defined++;
        }
        MacroAuc = defined > 0 ? sum / defined : double.NaN;
    }

    /// <summary>Curve k treats class k as positive and every other class as negative.</summary>
    public IReadOnlyList<RocCurve> Curves { get; }

    /// <summary>
    /// Mean AUC over classes whose AUC is defined (a class with no samples has AUC NaN and is skipped,
    /// where sklearn raises instead); NaN if no class has one.
    /// </summary>
    public double MacroAuc { get; }
}
