using System;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace NetGen;

/// <summary>Work split into numbered parts that can run at the same time, each writing its own part of the output.</summary>
internal abstract class ParallelWork
{
    /// <summary>Runs part <paramref name="part"/>, from 0 to the number of parts − 1.</summary>
    public abstract void Run(int part);
}

/// <summary>
/// Persistent background threads that run parts of one <see cref="ParallelWork"/> beside the calling thread.
/// There are <see cref="Environment.ProcessorCount"/> − 1 workers, or NETGEN_THREADS − 1 when that variable asks for
/// fewer threads in all. A run allocates nothing: the events are created once, and a worker spins for a short while
/// after each part, because products come back to back during training and waking a blocked thread costs more than
/// a small product. One caller at a time uses the workers; a concurrent caller is told to run on its own thread.
/// </summary>
internal static class WorkerPool
{
    /// <summary>How long a thread spins for the next event before it blocks.</summary>
    private static readonly long SpinTicks = Stopwatch.Frequency / 5000;

    private static readonly Lock Gate = new();
    private static readonly ManualResetEventSlim Finished = new(false, 1);
    private static readonly Worker[] Workers = CreateWorkers();
    private static ParallelWork? current;
    private static int unfinished;
    private static ExceptionDispatchInfo? failure;

    /// <summary>The number of threads a run can use, the caller's included.</summary>
    public static int Parallelism => Workers.Length + 1;

    /// <summary>
    /// Runs parts 0 to <paramref name="parts"/> − 1 of <paramref name="work"/>, part 0 on the calling thread, and
    /// returns once all are done. Returns false, having run nothing, when another caller is using the workers.
    /// </summary>
    /// <param name="work">The work; its parts must write disjoint memory.</param>
    /// <param name="parts">From 2 to <see cref="Parallelism"/>.</param>
    public static bool TryRun(ParallelWork work, int parts)
    {
        Debug.Assert(parts >= 2 && parts <= Parallelism);
        if (!Gate.TryEnter())
        {
            return false;
        }

        try
        {
            current = work;
            failure = null;
            unfinished = parts - 1;
            Finished.Reset();
            for (var worker = 0; worker < parts - 1; worker++)
            {
                Workers[worker].Start.Set();
            }

            try
            {
                work.Run(0);
            }
            finally
            {
                // The parts use the caller's memory: wait for them even when part 0 failed.
                SpinThenWait(Finished);
                current = null;
            }

            failure?.Throw();
            return true;
        }
        finally
        {
            Gate.Exit();
        }
    }

    private static Worker[] CreateWorkers()
    {
        var threads = Environment.ProcessorCount;
        if (int.TryParse(Environment.GetEnvironmentVariable("NETGEN_THREADS"), out var limit) && limit > 0)
        {
            threads = Math.Min(threads, limit);
        }

        var workers = new Worker[threads - 1];
        for (var index = 0; index < workers.Length; index++)
        {
            workers[index] = new Worker(part: index + 1);
        }

        return workers;
    }

    /// <summary>Spins until <paramref name="signal"/> is set or <see cref="SpinTicks"/> pass, then blocks on it.</summary>
    private static void SpinThenWait(ManualResetEventSlim signal)
    {
        var deadline = Stopwatch.GetTimestamp() + SpinTicks;
        while (!signal.IsSet && Stopwatch.GetTimestamp() < deadline)
        {
            Thread.SpinWait(16);
        }

        signal.Wait();
    }

    /// <summary>A background thread that runs one fixed part of each run.</summary>
    private sealed class Worker
    {
        private readonly int part;

        public Worker(int part)
        {
            this.part = part;
            new Thread(Loop) { IsBackground = true, Name = $"NetGen worker {part}" }.Start();
        }

        /// <summary>Set by the caller to start this worker's part of <see cref="current"/>.</summary>
        public ManualResetEventSlim Start { get; } = new(false, 1);

        private void Loop()
        {
            while (true)
            {
                SpinThenWait(Start);
                Start.Reset();
                try
                {
                    current!.Run(part);
                }
                catch (Exception exception)
                {
                    failure = ExceptionDispatchInfo.Capture(exception);
                }

                if (Interlocked.Decrement(ref unfinished) == 0)
                {
                    Finished.Set();
                }
            }
        }
    }
}
