using SemgKit.Pipeline.Data;
using SemgKit.Pipeline.Encoders;
using SemgKit.Pipeline.Evaluation;
using SemgKit.Pipeline.Models;

namespace SemgKit.Pipeline.Experiments;

/// <summary>One evaluation of a recipe: a dataset, a signal path, a split and the models compared under it.</summary>
/// <param name="Name">Folder-safe name (e.g. "uci-loso").</param>
/// <param name="Description">One line for the report.</param>
/// <param name="Data">The dataset (opened lazily, so a recipe plans before it reads).</param>
/// <param name="Paper">The papers' figures for this run.</param>
public sealed record ExperimentPlan(
    string Name,
    string Description,
    Func<CancellationToken, Dataset> Data,
    FeatureEncoderOptions Encoder,
    SplitSpec Split,
    IReadOnlyList<ClassifierSpec> Models,
    IReadOnlyList<PaperFigure> Paper)
{
    /// <summary>A change to every fold's training recordings (e.g. a scarce patient group); null for none.</summary>
    public FoldRecordings? Training { get; init; }

    /// <summary>A change to every fold's test recordings (e.g. a burst's onset window only); null for none.</summary>
    public FoldRecordings? Test { get; init; }
}
