using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace SemgKit.Neural.Kernels;

/// <summary>One part of a <see cref="ForkJoin"/> job: parts partition the work, so any thread may run any part.</summary>
internal interface IForkJoinBody
{
    void Run(int part, int parts);
}

/// <summary>
/// Fork-join for kernels that take tens of microseconds (a batch-1 layer), where <c>Parallel.For</c>'s thread-pool
/// wake-up and allocations cost as much as the work. Dedicated helper threads spin for a short while after each job before
/// they block, as OpenMP runtimes do, so the layers of one inference, run back to back, reach a helper that is already
/// awake. The caller claims parts too, so a helper that is slow to wake (a descheduled virtual CPU) only means the caller
/// does more of the work: nothing waits for a part that has not been started.
/// </summary>
/// <remarks>
/// One job runs at a time; a caller that finds the helpers busy (another thread's job, or a part that itself forks) runs
/// every part inline. Bodies must therefore give the same result whichever thread runs a part, which is the case when
/// parts write disjoint outputs with the same arithmetic. The helpers are an implementation detail like the thread pool's
/// threads: background threads created on first use, at most <c>ProcessorCount − 1</c>. An exception in a part is
/// rethrown on the caller once every part has finished.
/// </remarks>
internal static unsafe class ForkJoin
{
    /// <summary>How long an idle helper spins for the next job before it blocks.</summary>
    private static readonly long SpinTicks = Stopwatch.Frequency / 5000; // 200 µs

    private static readonly object CreateLock = new();
    private static Helper[] _helpers = [];
    private static int _busy;

    // The job being run: written by the caller before the generation is published, read by a thread only after it has
    // claimed one of its parts (the caller cannot start the next job before that part has finished).
    private static int _generation;
    private static long _ticket; // (generation << 32) | next unclaimed part
    private static int _parts, _finished, _helping;
    private static delegate*<void*, int, int, void> _invoke;
    private static void* _body;
    private static Exception? _error;

    /// <summary>
    /// 0 on a thread that is not a helper (a job's caller), 1 + i on helper i: which of a job's concurrently running parts'
    /// per-thread buffers a part should use, so that each core keeps writing the buffers already in its own cache (parts
    /// are claimed by whichever thread comes first, so a part's index says nothing about the core).
    /// </summary>
    public static int WorkerSlot => _slot;

    [ThreadStatic] private static int _slot;

    /// <summary>Every part on the caller, with the forked path's contract: all parts run, then the first exception is rethrown wrapped.</summary>
    private static void RunInline<TBody>(int parts, ref TBody body) where TBody : struct, IForkJoinBody
    {
        if (parts == 1)
        {
            body.Run(0, 1);
            return;
        }
        Exception? first = null;
        for (int p = 0; p < parts; p++)
        {
            try
            {
                body.Run(p, parts);
            }
            catch (Exception e)
            {
                first ??= e;
            }
        }
        if (first is not null) throw new AggregateException(first);
    }

    /// <summary>Runs <c>body.Run(part, parts)</c> for every part on the caller and up to <c>workers − 1</c> helpers.</summary>
    /// <remarks>The body is passed by value: the helpers reach this call's copy on the caller's stack.</remarks>
    public static void Run<TBody>(int parts, TBody body, int workers = int.MaxValue) where TBody : struct, IForkJoinBody
    {
        if (parts <= 1 || workers <= 1 || Environment.ProcessorCount < 2 || Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            RunInline(parts, ref body);
            return;
        }
        try
        {
            var helpers = Helpers();
            _invoke = &Invoke<TBody>;
            _body = Unsafe.AsPointer(ref body);
            _parts = parts;
            _finished = 0;
            _error = null;
            int helping = Math.Min(Math.Min(parts, workers) - 1, helpers.Length);
            _helping = helping;
            int generation = _generation + 1;
            Volatile.Write(ref _ticket, (long)generation << 32);
            Interlocked.Exchange(ref _generation, generation); // full fence: the job is visible before any helper is woken
            for (int i = 0; i < helping; i++) helpers[i].Wake();
            Work(generation);
            for (int polls = 1; Volatile.Read(ref _finished) < parts; polls++) PollDelay(polls);
            if (_error is { } error) throw new AggregateException(error);
        }
        finally
        {
            _body = null;
            Volatile.Write(ref _busy, 0);
        }
    }

    /// <summary>
    /// A short wait between two polls, without the PAUSE instruction: a hypervisor with pause-loop exiting (KVM's default)
    /// takes a virtual CPU that runs PAUSE in a loop off its core, and getting it back cost about 50 µs on the 2-core test host,
    /// which is what a batch-1 layer takes. Every 256th poll yields the CPU, in case the thread waited for shares its CPU
    /// (a woken helper can be placed on its waker's CPU until the scheduler balances them).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void PollDelay(int polls)
    {
        if ((polls & 255) == 0)
        {
            Thread.Yield();
            return;
        }
        for (int i = 0; i < 16; i++) _ = Volatile.Read(ref _generation);
    }

    private static void Invoke<TBody>(void* body, int part, int parts) where TBody : struct, IForkJoinBody =>
        Unsafe.AsRef<TBody>(body).Run(part, parts);

    /// <summary>Claims and runs parts of <paramref name="generation"/> until none is left.</summary>
    private static void Work(int generation)
    {
        while (true)
        {
            long ticket = Volatile.Read(ref _ticket);
            int part = (int)ticket;
            if ((int)(ticket >> 32) != generation || part >= Volatile.Read(ref _parts)) return;
            if (Interlocked.CompareExchange(ref _ticket, ticket + 1, ticket) != ticket) continue;
            try
            {
                _invoke(_body, part, _parts);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _error, e, null);
            }
            Interlocked.Increment(ref _finished);
        }
    }

    private static Helper[] Helpers()
    {
        var helpers = Volatile.Read(ref _helpers);
        if (helpers.Length > 0) return helpers;
        lock (CreateLock)
        {
            if (_helpers.Length == 0)
            {
                var created = new Helper[Environment.ProcessorCount - 1];
                for (int i = 0; i < created.Length; i++) created[i] = new Helper(i);
                Volatile.Write(ref _helpers, created);
            }
            return _helpers;
        }
    }

    private sealed class Helper
    {
        private readonly SemaphoreSlim _signal = new(0);
        private readonly int _index;
        private int _sleeping;

        public Helper(int index)
        {
            _index = index;
            var thread = new Thread(Loop) { IsBackground = true, Name = $"SemgKit fork-join {index + 1}" };
            thread.Start();
        }

        /// <summary>Called after a new generation is published: releases the helper if it is blocked.</summary>
        public void Wake()
        {
            if (Volatile.Read(ref _sleeping) == 1 && Interlocked.Exchange(ref _sleeping, 0) == 1) _signal.Release();
        }

        private void Loop()
        {
            _slot = _index + 1;
            int seen = Volatile.Read(ref _generation);
            while (true)
            {
                long deadline = Stopwatch.GetTimestamp() + SpinTicks;
                int generation, polls = 0;
                while ((generation = Volatile.Read(ref _generation)) == seen)
                {
                    if (Stopwatch.GetTimestamp() > deadline)
                    {
                        Sleep(seen);
                        deadline = Stopwatch.GetTimestamp() + SpinTicks;
                    }
                    else
                    {
                        PollDelay(++polls);
                    }
                }
                seen = generation;
                if (_index < Volatile.Read(ref _helping)) Work(generation); // a spinning helper joins only jobs that want it
            }
        }

        // The flag and the generation are each written with a full fence before the other is read (here and in Run/Wake),
        // so either the caller sees the helper asleep and releases it, or the helper sees the new generation: no lost wake-up.
        private void Sleep(int seen)
        {
            Interlocked.Exchange(ref _sleeping, 1);
            if (Volatile.Read(ref _generation) != seen && Interlocked.Exchange(ref _sleeping, 0) == 1) return;
            _signal.Wait(); // blocked, or consuming the release of a caller that claimed the flag first
        }
    }
}
