namespace SemgKit.Pipeline.Data;

/// <summary>What <see cref="ArmbandRotation.Recalibrate"/> found.</summary>
/// <param name="Rotation">The armband's rotation r in [0, C): electrode (c + r) mod C now lies where electrode c did.</param>
/// <param name="Match">The mean per-class correlation of the new session's channel patterns with the bundle's, with the rotation undone.</param>
/// <param name="UnrotatedMatch">The same, with the channels as recorded (equal to <paramref name="Match"/> when the rotation is 0).</param>
/// <param name="Unlabelled">True when the calibration carried none of the model's classes and its pooled pattern was matched.</param>
public sealed record ArmbandCalibration(int Rotation, double Match, double UnrotatedMatch, bool Unlabelled = false);
