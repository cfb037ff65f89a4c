namespace SemgKit.Pipeline.Simulation;

/// <summary>
/// The virtual muscles and the movement activation patterns. With the default 8 muscles these are the
/// main forearm muscles at approximate positions around a cross-section a third of the way down from the
/// elbow (angle in degrees from the volar midline towards the radius; 180° is the dorsal midline) and
/// approximate depths (0 = superficial, 1 = deep); the six named movements have textbook synergies
/// (activation as a fraction of maximum). Other muscle counts, and movements beyond the six, are drawn
/// from the dataset seed.
/// </summary>
internal static class ForearmAnatomy
{
    public const int AnatomicalMuscleCount = 8;

    // FDS, FCR, FCU, PT, ECR, SUP, ED, ECU
    public static readonly string[] MuscleCodes = ["FDS", "FCR", "FCU", "PT", "ECR", "SUP", "ED", "ECU"];
    private static readonly double[] AnglesDeg = [0, 40, 315, 75, 125, 160, 190, 240];
    private static readonly double[] Depths = [0.3, 0.1, 0.1, 0.4, 0.1, 0.6, 0.1, 0.1];

    private static readonly double[][] Templates =
    [
        //          FDS   FCR   FCU   PT    ECR   SUP   ED    ECU
        /* open  */ [0.05, 0.03, 0.03, 0.02, 0.30, 0.05, 0.80, 0.25],
        /* close */ [0.80, 0.30, 0.30, 0.05, 0.15, 0.02, 0.15, 0.10],
        /* flex  */ [0.35, 0.75, 0.70, 0.10, 0.03, 0.02, 0.05, 0.03],
        /* ext   */ [0.05, 0.03, 0.03, 0.02, 0.70, 0.05, 0.35, 0.70],
        /* pron  */ [0.10, 0.30, 0.05, 0.80, 0.05, 0.02, 0.03, 0.05],
        /* supin */ [0.03, 0.02, 0.05, 0.02, 0.25, 0.80, 0.20, 0.10],
    ];

    /// <summary>Nominal muscle angles (degrees) and depths (0..1) for <paramref name="muscleCount"/> muscles.</summary>
    public static (double[] AnglesDeg, double[] Depths) Muscles(int muscleCount, int seed)
    {
        if (muscleCount == AnatomicalMuscleCount)
            return ((double[])AnglesDeg.Clone(), (double[])Depths.Clone());
        var rng = Xoshiro256StarStar.ForStream(seed, StreamTags.Muscles);
        var angles = new double[muscleCount];
        var depths = new double[muscleCount];
        for (int m = 0; m < muscleCount; m++)
        {
            angles[m] = 360.0 * m / muscleCount + rng.Uniform(-10, 10);
            depths[m] = rng.Uniform(0, 0.6);
        }
        return (angles, depths);
    }

    /// <summary>
    /// Activation patterns of the movements (classes 1..K−1), <c>[movement][muscle]</c>, blended towards
    /// their common mean by <paramref name="overlap"/> (0..1).
    /// </summary>
    public static double[][] MovementPatterns(int classCount, int muscleCount, double overlap, int seed)
    {
        int movements = classCount - 1;
        var patterns = new double[movements][];
        var rng = Xoshiro256StarStar.ForStream(seed, StreamTags.Patterns);
        for (int j = 0; j < movements; j++)
        {
            if (muscleCount == AnatomicalMuscleCount && j < Templates.Length)
            {
                patterns[j] = (double[])Templates[j].Clone();
                continue;
            }
            var p = new double[muscleCount];
            for (int m = 0; m < muscleCount; m++)
                p[m] = rng.Uniform(0, 0.08);
            int primaries = Math.Min(muscleCount, 1 + rng.NextInt(2));
            int first = rng.NextInt(muscleCount);
            p[first] = rng.Uniform(0.55, 0.9);
            if (primaries == 2)
            {
                int second = (first + 1 + rng.NextInt(muscleCount - 1)) % muscleCount;
                p[second] = rng.Uniform(0.55, 0.9);
            }
            if (muscleCount > primaries)
            {
                int helper = rng.NextInt(muscleCount);
                if (p[helper] < 0.2)
                    p[helper] = rng.Uniform(0.2, 0.4);
            }
            patterns[j] = p;
        }

        var mean = new double[muscleCount];
        foreach (var p in patterns)
        {
            for (int m = 0; m < muscleCount; m++)
                mean[m] += p[m] / movements;
        }
        foreach (var p in patterns)
        {
            for (int m = 0; m < muscleCount; m++)
                p[m] = (1 - overlap) * p[m] + overlap * mean[m];
        }
        return patterns;
    }
}
