using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using SemgKit.Neural.Kernels;

namespace SemgKit.Benchmarks;

/// <summary>
/// SGEMM throughput (C = A·op(B), beta = 0) on squares 64…1024 and on the shapes the models use, with 1 and 2 threads.
/// Extra columns: GFLOP/s (2·M·N·K / mean time) and % of the single-core FMA peak measured by <see cref="FmaPeak"/>
/// in the host process. Peer: <c>bench/sgemm_torch_peer.py</c> (PyTorch matmul on OpenBLAS, same shapes, 1 and 2 threads).
/// Run: <c>dotnet run -c Release --project bench/SemgKit.Benchmarks -- --filter '*SgemmBenchmarks*' --job short</c>
/// then <c>LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp /usr/bin/python3 bench/sgemm_torch_peer.py</c>.
/// </summary>
[Config(typeof(SgemmBenchmarkConfig))]
public class SgemmBenchmarks
{
    /// <summary>One product shape: op(A) is M×K, op(B) is K×N (stored N×K when <see cref="TransposeB"/>).</summary>
    public sealed record Shape(string Name, int M, int N, int K, bool TransposeB = false)
    {
        public double Flops => 2.0 * M * N * K;

        public override string ToString() => Name;
    }

    public static IEnumerable<Shape> Shapes() =>
    [
        new("0064³", 64, 64, 64),
        new("0128³", 128, 128, 128),
        new("0256³", 256, 256, 256),
        new("0512³", 512, 512, 512),
        new("1024³", 1024, 1024, 1024),
        new("conv im2col 64×1022×24", 64, 1022, 24),            // Conv1d C=8→64, kernel 3, T=1022: W(64×3C)·cols(3C×T)
        new("dense 1×1260→600", 1, 600, 1260),                 // batch-1 dense, weights stored in×out
        new("dense 1×1260→600 Wᵀ", 1, 600, 1260, true),        // batch-1 dense, weights stored out×in (PyTorch layout)
        new("dense 1×600→100", 1, 100, 600),
        new("dense 64×1260→600 Wᵀ", 64, 600, 1260, true),      // training mini-batch
    ];

    [ParamsSource(nameof(Shapes))]
    public Shape Size { get; set; } = null!;

    [Params(1, 2)]
    public int Threads { get; set; }

    private float[] _a = [], _b = [], _c = [];

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(42);
        _a = new float[Size.M * Size.K];
        _b = new float[Size.K * Size.N];
        _c = new float[Size.M * Size.N];
        for (int i = 0; i < _a.Length; i++) _a[i] = (float)(rng.NextDouble() - 0.5);
        for (int i = 0; i < _b.Length; i++) _b[i] = (float)(rng.NextDouble() - 0.5);
    }

    [Benchmark]
    public void Multiply()
    {
        var s = Size;
        Sgemm.Multiply(false, s.TransposeB, s.M, s.N, s.K, 1f, _a, s.K, _b, s.TransposeB ? s.K : s.N, 0f, _c, s.N, Threads);
    }
}

/// <summary>Adds the GFLOP/s and %-of-peak columns.</summary>
public sealed class SgemmBenchmarkConfig : ManualConfig
{
    public SgemmBenchmarkConfig()
    {
        AddColumn(new GflopsColumn(percentOfPeak: false), new GflopsColumn(percentOfPeak: true));
    }
}

/// <summary>GFLOP/s of a <see cref="SgemmBenchmarks"/> case, or that as a percentage of the single-core FMA peak.</summary>
public sealed class GflopsColumn(bool percentOfPeak) : IColumn
{
    private static readonly Lazy<double> SingleCorePeak = new(() => FmaPeak.MeasureGflops(1, TimeSpan.FromSeconds(1)));

    public string Id => percentOfPeak ? "PctOfPeak" : "Gflops";

    public string ColumnName => percentOfPeak ? "% of 1-core peak" : "GFLOP/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => percentOfPeak ? 1 : 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => percentOfPeak
        ? "GFLOP/s as a percentage of one core's measured FMA peak (FmaPeak.MeasureGflops(1, 1 s))"
        : "2·M·N·K / mean time, in 10^9 FLOP per second";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        if (report?.ResultStatistics is not { } stats || benchmarkCase.Parameters["Size"] is not SgemmBenchmarks.Shape shape)
            return "-";
        double gflops = shape.Flops / stats.Mean; // FLOP per ns = GFLOP/s
        return percentOfPeak ? $"{100 * gflops / SingleCorePeak.Value:F0} %" : $"{gflops:F1}";
    }
}
