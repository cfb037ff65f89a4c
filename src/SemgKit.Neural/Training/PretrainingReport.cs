namespace SemgKit.Neural.Training;

/// <summary>Result of <see cref="AutoencoderPretraining.Pretrain"/>: the pre-trained convolutions in model order and the total time.</summary>
public sealed record PretrainingReport(IReadOnlyList<PretrainedLayerReport> Layers, TimeSpan Elapsed);
