using SemgKit.Pipeline.Data;
using SemgKit.Pipeline.Encoders;
using SemgKit.Pipeline.Models;

namespace SemgKit.Pipeline.Evaluation;

/// <summary>Everything one feature-based evaluation needs.</summary>
/// <param name="Command">Command name recorded in results.json (e.g. "demo").</param>
/// <param name="TestFraction">Share of repetitions (repetition split) or of each recording (half split) held out.</param>
public sealed record FeatureEvaluationRequest(
    Dataset Dataset,
    FeatureEncoderOptions Encoder,
    SplitKind Split,
    IReadOnlyList<ClassifierSpec> Models,
    string Command,
    int Seed = 1,
    double TestFraction = 1.0 / 3.0);
