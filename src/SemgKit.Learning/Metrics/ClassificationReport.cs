namespace SemgKit.Learning.Metrics;

/// <summary>
/// The scores of one set of predictions, computed by <see cref="ClassificationMetrics.Compute"/>.
/// Immutable. Conventions follow scikit-learn 1.2 with <c>zero_division=0</c>:
/// <list type="bullet">
/// <item>Macro averages run over the classes that occur in the truth or the predictions (sklearn's
/// default <c>labels</c>); a class absent from both is listed in <see cref="PerClass"/> with zeros but
/// not averaged.</item>
/// <item><see cref="BalancedAccuracy"/> is the mean recall over classes with support &gt; 0.</item>
/// <item>Weighted averages weight by support.</item>
/// <item><see cref="CohenKappa"/> is NaN when chance agreement is 1 (truth and predictions are all one
/// same class), as sklearn's 0/0.</item>
/// </list>
/// </summary>
public sealed class ClassificationReport
{
    internal ClassificationReport(ConfusionMatrix confusion, IReadOnlyList<ClassMetrics> perClass, double accuracy,
        double balancedAccuracy, double macroPrecision, double macroRecall, double macroF1,
        double weightedPrecision, double weightedRecall, double weightedF1, double cohenKappa)
    {
        Confusion = confusion;
        PerClass = perClass;
        Accuracy = accuracy;
        BalancedAccuracy = balancedAccuracy;
        MacroPrecision = macroPrecision;
        MacroRecall = macroRecall;
        MacroF1 = macroF1;
        WeightedPrecision = weightedPrecision;
        WeightedRecall = weightedRecall;
        WeightedF1 = weightedF1;
        CohenKappa = cohenKappa;
    }

    /// <summary>K.</summary>
    public int ClassCount => Confusion.ClassCount;

    /// <summary>N.</summary>
    public int SampleCount => Confusion.Total;

    /// <summary>Counts: rows true class, columns predicted class.</summary>
    public ConfusionMatrix Confusion { get; }

    /// <summary>Per class k = 0..K−1.</summary>
    public IReadOnlyList<ClassMetrics> PerClass { get; }

    /// <summary>Fraction of correct predictions.</summary>
    public double Accuracy { get; }

    /// <summary>Mean recall over classes present in the truth (sklearn's <c>balanced_accuracy_score</c>).</summary>
    public double BalancedAccuracy { get; }

    /// <summary>Unweighted mean precision over present classes.</summary>
    public double MacroPrecision { get; }

    /// <summary>Unweighted mean recall over present classes.</summary>
    public double MacroRecall { get; }

    /// <summary>Unweighted mean F1 over present classes.</summary>
    public double MacroF1 { get; }

    /// <summary>Support-weighted mean precision.</summary>
    public double WeightedPrecision { get; }

    /// <summary>Support-weighted mean recall (equals <see cref="Accuracy"/>).</summary>
    public double WeightedRecall { get; }

    /// <summary>Support-weighted mean F1.</summary>
    public double WeightedF1 { get; }

    /// <summary>Cohen's κ = (p_o − p_e) / (1 − p_e), sklearn's <c>cohen_kappa_score</c>.</summary>
    public double CohenKappa { get; }
}
