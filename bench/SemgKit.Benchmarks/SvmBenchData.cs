using SemgKit.Learning;

namespace SemgKit.Benchmarks;

/// <summary>
/// The 'emg4' set of the scikit-learn peer (bench/peers/bench_svm_peer.py, same as
/// /work/shared/peers/bench_sklearn.py): 20 000 training + 2 000 test vectors, F = 32, K = 4, Gaussian
/// clusters with centres N(0, 0.5²I) and unit noise. Read from the file the peer writes with
/// <c>--save</c> (SEMGKIT_SVM_DATA or /tmp/semgkit_svm_emg4.bin) so that both sides train on identical
/// values; otherwise generated here with the same distribution (different values).
/// </summary>
internal static class SvmBenchData
{
    public const int TrainRows = 20_000, TestRows = 2_000, Features = 32, Classes = 4;
    public const double Separation = 0.5;

    public static (FeatureMatrix Train, int[] TrainY, FeatureMatrix Test, int[] TestY, string Source) Load()
    {
        var path = Environment.GetEnvironmentVariable("SEMGKIT_SVM_DATA") ?? "/tmp/semgkit_svm_emg4.bin";
        if (File.Exists(path))
        {
            using var reader = new BinaryReader(File.OpenRead(path));
            int n = reader.ReadInt32(), nTest = reader.ReadInt32(), d = reader.ReadInt32();
            var x = ReadFloats(reader, n * d);
            var y = ReadInts(reader, n);
            var xt = ReadFloats(reader, nTest * d);
            var yt = ReadInts(reader, nTest);
            return (new FeatureMatrix(x, n, d), y, new FeatureMatrix(xt, nTest, d), yt, path);
        }
        var rng = new Random(0);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var centres = new double[Classes * Features];
        for (var i = 0; i < centres.Length; i++) centres[i] = Separation * Normal();
        var total = TrainRows + TestRows;
        var data = new float[total * Features];
        var labels = new int[total];
        for (var i = 0; i < total; i++)
        {
            labels[i] = rng.Next(Classes);
            for (var j = 0; j < Features; j++) data[i * Features + j] = (float)(centres[labels[i] * Features + j] + Normal());
        }
        return (new FeatureMatrix(data[..(TrainRows * Features)], TrainRows, Features), labels[..TrainRows],
                new FeatureMatrix(data[(TrainRows * Features)..], TestRows, Features), labels[TrainRows..], "generated (C#)");
    }

    private static float[] ReadFloats(BinaryReader reader, int count)
    {
        var v = new float[count];
        for (var i = 0; i < count; i++) v[i] = reader.ReadSingle();
        return v;
    }

    private static int[] ReadInts(BinaryReader reader, int count)
    {
        var v = new int[count];
        for (var i = 0; i < count; i++) v[i] = reader.ReadInt32();
        return v;
    }
}
