namespace SemgKit.Pipeline.Control;

/// <summary>What the device should do now.</summary>
/// <param name="Command">The command (the safe command in the safe state).</param>
/// <param name="Class">The class whose command this is; -1 in the safe state.</param>
/// <param name="Velocity">Proportional velocity in [0, 1]; 0 in the safe state.</param>
public readonly record struct ControlOutput(string Command, int Class, float Velocity)
{
    public bool IsSafe => Class < 0;
}
