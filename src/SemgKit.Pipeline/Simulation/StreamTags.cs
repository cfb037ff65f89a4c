namespace SemgKit.Pipeline.Simulation;

/// <summary>
/// First integer of every random sub-stream, so that each part of the model draws from its own
/// generator derived from (seed, tag, subject, class, repetition). Adding a new draw to one part never
/// changes the others, and recordings can be generated in any order or in parallel.
/// </summary>
internal static class StreamTags
{
    public const int Muscles = 1;
    public const int Patterns = 2;
    public const int Subject = 3;
    public const int Recording = 4;
    public const int SourceNoise = 5;
    public const int SensorNoise = 6;
}
