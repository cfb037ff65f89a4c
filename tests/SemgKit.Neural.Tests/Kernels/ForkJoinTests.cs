using SemgKit.Neural.Kernels;

namespace SemgKit.Neural.Tests.Kernels;

public class ForkJoinTests
{
    /// <summary>Counts, per part, how often it ran; optionally forks again inside a part or throws in one.</summary>
    private readonly struct Counting(int[] runs, int[] threads, int nestedParts = 0, int throwIn = -1) : IForkJoinBody
    {
        public void Run(int part, int parts)
        {
            Interlocked.Increment(ref runs[part]);
            threads[part] = Environment.CurrentManagedThreadId;
            if (part == throwIn) throw new InvalidOperationException($"part {part}");
            if (nestedParts > 0)
            {
                var inner = new int[nestedParts];
                ForkJoin.Run(nestedParts, new Counting(inner, new int[nestedParts]));
                Assert.All(inner, count => Assert.Equal(1, count));
            }
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(17)]
    public void EveryPartRunsExactlyOnce(int parts)
    {
        for (int repeat = 0; repeat < 2000; repeat++)
        {
            var runs = new int[parts];
            ForkJoin.Run(parts, new Counting(runs, new int[parts]));
            Assert.All(runs, count => Assert.Equal(1, count));
        }
    }

    /// <summary>Records, per part, the worker slot of the thread that ran it.</summary>
    private readonly struct Slots(int[] slots, int[] threads) : IForkJoinBody
    {
        public void Run(int part, int parts)
        {
            slots[part] = ForkJoin.WorkerSlot;
            threads[part] = Environment.CurrentManagedThreadId;
            Thread.SpinWait(20_000); // long enough for a helper to claim a part
        }
    }

    [Fact]
    public void TheCallerIsSlotZeroAndEachHelperKeepsItsOwnSlot()
    {
        int caller = Environment.CurrentManagedThreadId, workers = Math.Min(Environment.ProcessorCount, 4);
        Assert.Equal(0, ForkJoin.WorkerSlot);
        var slotOf = new Dictionary<int, int>();
        for (int repeat = 0; repeat < 200; repeat++)
        {
            var slots = new int[workers];
            var threads = new int[workers];
            ForkJoin.Run(workers, new Slots(slots, threads), workers);
            for (int p = 0; p < workers; p++)
            {
                Assert.InRange(slots[p], 0, workers - 1);
                Assert.Equal(threads[p] == caller, slots[p] == 0);
                Assert.Equal(slotOf.GetValueOrDefault(threads[p], slots[p]), slots[p]); // a thread's slot never changes
                slotOf[threads[p]] = slots[p];
            }
        }
    }

    [Fact]
    public void OneWorkerRunsEveryPartOnTheCaller()
    {
        var runs = new int[4];
        var threads = new int[4];
        ForkJoin.Run(4, new Counting(runs, threads), workers: 1);
        Assert.All(runs, count => Assert.Equal(1, count));
        Assert.All(threads, id => Assert.Equal(Environment.CurrentManagedThreadId, id));
    }

    [Fact]
    public void APartThatForksRunsItsInnerPartsInline()
    {
        var runs = new int[2];
        ForkJoin.Run(2, new Counting(runs, new int[2], nestedParts: 3));
        Assert.All(runs, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task ConcurrentCallersEachGetTheirPartsRun()
    {
        var tasks = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (int repeat = 0; repeat < 500; repeat++)
            {
                var runs = new int[5];
                ForkJoin.Run(5, new Counting(runs, new int[5]));
                Assert.All(runs, count => Assert.Equal(1, count));
            }
        }, TestContext.Current.CancellationToken)).ToArray();
        await Task.WhenAll(tasks);
    }

    [Fact]
    public void AnExceptionInAPartReachesTheCallerAfterTheOtherParts()
    {
        var runs = new int[6];
        var error = Assert.Throws<AggregateException>(() => ForkJoin.Run(6, new Counting(runs, new int[6], throwIn: 4)));
        Assert.Equal("part 4", Assert.IsType<InvalidOperationException>(error.InnerException).Message);
        Assert.All(runs, count => Assert.Equal(1, count));
        // The helpers are free again.
        var again = new int[3];
        ForkJoin.Run(3, new Counting(again, new int[3]));
        Assert.All(again, count => Assert.Equal(1, count));
    }

    [Fact]
    public void TheInlinePathKeepsTheSameContractForExceptions()
    {
        // workers: 1 runs every part on the caller, as when another job holds the helpers
        var runs = new int[6];
        var error = Assert.Throws<AggregateException>(() => ForkJoin.Run(6, new Counting(runs, new int[6], throwIn: 4), workers: 1));
        Assert.Equal("part 4", Assert.IsType<InvalidOperationException>(error.InnerException).Message);
        Assert.All(runs, count => Assert.Equal(1, count));
    }
}
