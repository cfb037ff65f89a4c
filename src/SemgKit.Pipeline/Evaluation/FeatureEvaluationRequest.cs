using SemgKit.Pipeline.Data;
using SemgKit.Pipeline.Encoders;
using SemgKit.Pipeline.Models;

namespace SemgKit.Pipeline.Evaluation;

/// <summary>Everything one feature-based evaluation needs.</summary>
/// <param name="Command">Command name recorded in results.json (e.g. "demo").</param>
/// <param name="Training">Applied to every fold's training recordings after splitting (null: train on them as split).</param>
/// <param name="Test">Applied to every fold's test recordings after splitting (null: test them as split).</param>
public sealed record FeatureEvaluationRequest(
    Dataset Dataset,
    FeatureEncoderOptions Encoder,
    SplitSpec Split,
    IReadOnlyList<ClassifierSpec> Models,
    string Command,
    int Seed = 1,
    FoldRecordings? Training = null,
    FoldRecordings? Test = null);
