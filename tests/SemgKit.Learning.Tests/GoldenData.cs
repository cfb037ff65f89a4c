using SemgKit.TestSupport;

namespace SemgKit.Learning.Tests;

/// <summary>Datasets stored in the learners' fixture files ("datasets" → name → x, y, test, testY).</summary>
internal static class GoldenData
{
    public static (FeatureMatrix X, int[] Y, FeatureMatrix Test, int[]? TestY) Load(string file, string name)
    {
        var d = Golden.Root(file).GetProperty("datasets").GetProperty(name);
        var f = d.Int("featureCount");
        var testY = d.TryGetProperty("testY", out _) ? d.Ints("testY") : null;
        return (new FeatureMatrix(d.Floats("x"), d.Int("rowCount"), f), d.Ints("y"),
                new FeatureMatrix(d.Floats("test"), d.Int("testRowCount"), f), testY);
    }

    public static double Correlation(double[] a, double[] b)
    {
        double ma = a.Average(), mb = b.Average(), sab = 0, saa = 0, sbb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.Sqrt(saa * sbb);
    }

    /// <summary>Gaussian clusters as the fixtures and the peer benchmark: centres N(0, sep²I), unit noise.</summary>
    public static (FeatureMatrix X, int[] Y) Clusters(int seed, int n, int f, int k, double separation)
    {
        var rng = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var centres = new double[k * f];
        for (var i = 0; i < centres.Length; i++) centres[i] = separation * Normal();
        var data = new float[n * f];
        var y = new int[n];
        for (var i = 0; i < n; i++)
        {
            y[i] = i < k ? i : rng.Next(k);
            for (var j = 0; j < f; j++) data[i * f + j] = (float)(centres[y[i] * f + j] + Normal());
        }
        return (new FeatureMatrix(data, n, f), y);
    }

    public static T RoundTrip<T>(T model, Action<T, BinaryWriter> write, Func<BinaryReader, T> read)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) write(model, writer);
        stream.Position = 0;
        using var reader = new BinaryReader(stream);
        return read(reader);
    }

    public static byte[] Bytes<T>(T model, Action<T, BinaryWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream)) write(model, writer);
        return stream.ToArray();
    }

    public static InvalidDataException ReadFails<T>(byte[] bytes, Func<BinaryReader, T> read)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes));
        return Assert.Throws<InvalidDataException>(() => read(reader));
    }

    /// <summary>
    /// Bytes allocated on this thread by <paramref name="action"/> run <paramref name="times"/> times after one warm-up call,
    /// the fewest of 3 attempts (<see cref="Allocations.Fewest"/>).
    /// </summary>
    public static long Allocated(Action action, int times = 100)
    {
        action();
        return Allocations.Fewest(() =>
        {
            for (var i = 0; i < times; i++) action();
        });
    }
}
