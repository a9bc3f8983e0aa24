using System;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace NetGen.CompilerServices;

/// <summary>Work split into numbered parts that can run at the same time, each writing its own part of the output.</summary>
internal abstract class ParallelWork
{
    /// <summary>Runs part <paramref name="part"/>, from 0 to the number of parts − 1.</summary>
    public abstract void Run(int part);
}

/// <summary>
/// Persistent background threads that run parts of one <see cref="ParallelWork"/> beside the calling thread.
/// There are <see cref="Environment.ProcessorCount"/> − 1 workers, or NETGEN_THREADS − 1 when that variable asks for
/// fewer threads in all. Every thread, the caller included, claims parts from a shared counter until none are left,
/// so a worker that wakes late costs nothing: the caller has run its parts by then. A run allocates nothing: the
/// events are created once, and a worker spins for a short while after each run, because products come back to back
/// during training and waking a blocked thread costs more than a small product. One caller at a time uses the
/// workers; a concurrent caller is told to run on its own thread.
/// </summary>
internal static class WorkerPool
{
    /// <summary>How long a thread spins for the next event before it blocks.</summary>
    private static readonly long SpinTicks = Stopwatch.Frequency / 5000;

    private static readonly Lock Gate = new();
    private static readonly ManualResetEventSlim Finished = new(false, 1);
    private static readonly Worker[] Workers = CreateWorkers();
    private static ParallelWork? current;
    private static int parts;
    private static int claimed;
    private static int unfinished;
    private static ExceptionDispatchInfo? failure;

    /// <summary>The number of threads a run can use, the caller's included.</summary>
    public static int Parallelism => Workers.Length + 1;

    /// <summary>Stripes of the count of running predictions: threads are spread over them by their managed ID.</summary>
    private static readonly int PredictionStripes = 2 * Environment.ProcessorCount;

    /// <summary>Each stripe on a cache line of its own (16 counters, 128 bytes).</summary>
    private const int PredictionStride = 16;

    /// <summary>
    /// The running predictions, counted in stripes: a thread counts its own in its stripe, so that threads predicting at
    /// once do not take turns owning one cache line twice per prediction (see <see cref="WorkspacePool{TWorkspace}"/>).
    /// </summary>
    private static readonly int[] predictions = new int[PredictionStripes * PredictionStride];

    /// <summary>
    /// How long after two predictions last overlapped the predictions keep to their threads, in <see cref="Stopwatch"/>
    /// ticks: a millisecond (tests set it).
    /// </summary>
    internal static long OverlapWindow { get; set; } = Stopwatch.Frequency / 1000;

    /// <summary>When two predictions were last seen running at once, in <see cref="Stopwatch"/> ticks.</summary>
    private static long lastOverlap = long.MinValue / 2;

    /// <summary>
    /// Whether more than one prediction is running now, or was within the last millisecond, on any network (the serving
    /// pattern). Each then keeps to its own thread: the other cores are busy with the other callers, and rows handed to a
    /// worker would only wait behind them (measured: 2 threads predicting single examples made 1.1–1.3× the predictions
    /// of one, 1.9–2× without splitting). The millisecond matters as much: a caller between two predictions is not
    /// counted, and a split made then leaves the worker spinning for its next run on the core the other caller needs
    /// (measured on serving-bf16: 2 callers made 1.3× the predictions of one with a worker, 2.1× without). Only the
    /// products large enough to split ask.
    /// </summary>
    public static bool SeveralPredictionsRunning
    {
        get
        {
            var running = 0;
            for (var stripe = 0; stripe < PredictionStripes; stripe++)
            {
                running += Volatile.Read(ref predictions[stripe * PredictionStride]);
            }

            var now = Stopwatch.GetTimestamp();
            var last = Volatile.Read(ref lastOverlap);
            if (running > 1)
            {
                // Written a few times per window at most, so that the callers do not take turns owning its line.
                if (now - last > OverlapWindow / 8)
                {
                    Volatile.Write(ref lastOverlap, now);
                }

                return true;
            }

            return now - last < OverlapWindow;
        }
    }

    /// <summary>Counts a prediction as running, until <see cref="EndPrediction"/> on the same thread.</summary>
    public static void BeginPrediction() => Interlocked.Increment(ref predictions[PredictionSlot]);

    /// <summary>Counts a prediction begun by <see cref="BeginPrediction"/> on this thread as finished.</summary>
    public static void EndPrediction() => Interlocked.Decrement(ref predictions[PredictionSlot]);

    private static int PredictionSlot => Environment.CurrentManagedThreadId % PredictionStripes * PredictionStride;

    /// <summary>
    /// Runs parts 0 to <paramref name="count"/> − 1 of <paramref name="work"/> on the calling thread and on up to
    /// <paramref name="count"/> − 1 workers, and returns once all are done. Returns false, having run nothing, when
    /// another caller is using the workers.
    /// </summary>
    /// <param name="work">The work; its parts must write disjoint memory.</param>
    /// <param name="count">The number of parts, from 2 to <see cref="Parallelism"/>.</param>
    public static bool TryRun(ParallelWork work, int count)
    {
        Debug.Assert(count >= 2 && count <= Parallelism);
        if (!Gate.TryEnter())
        {
            return false;
        }

        try
        {
            current = work;
            failure = null;
            parts = count;
            unfinished = count;
            Finished.Reset();

            // Opens the run: a worker still busy with the previous run's counter now claims parts of this one.
            Volatile.Write(ref claimed, 0);
            for (var worker = 0; worker < count - 1; worker++)
            {
                Workers[worker].Start.Set();
            }

            RunParts();

            // The parts use the caller's memory: wait for the workers' parts before returning.
            SpinThenWait(Finished);
            failure?.Throw();
            return true;
        }
        finally
        {
            Gate.Exit();
        }
    }

    /// <summary>Claims and runs parts of the current run until none are left.</summary>
    private static void RunParts()
    {
        int part;
        while ((part = Interlocked.Increment(ref claimed) - 1) < Volatile.Read(ref parts))
        {
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
            workers[index] = new Worker(index + 1);
        }

        return workers;
    }

    /// <summary>
    /// Spins until <paramref name="signal"/> is set or <see cref="SpinTicks"/> pass, then blocks on it. Each turn is one
    /// short pause: a split single example lasts about a microsecond, and sixteen pauses per look at the signal
    /// (a quarter to half a microsecond on Zen 5) made the split no faster than one thread (784 × 128: 3.1 µs either
    /// way, 1.9 µs with one pause).
    /// </summary>
    private static void SpinThenWait(ManualResetEventSlim signal)
    {
        var deadline = Stopwatch.GetTimestamp() + SpinTicks;
        while (!signal.IsSet && Stopwatch.GetTimestamp() < deadline)
        {
            Thread.SpinWait(1);
        }

        signal.Wait();
    }

    /// <summary>A background thread that joins runs when woken.</summary>
    private sealed class Worker
    {
        public Worker(int number)
        {
            new Thread(Loop) { IsBackground = true, Name = $"NetGen worker {number}" }.Start();
        }

        /// <summary>Set by the caller to have this worker claim parts of the current run.</summary>
        public ManualResetEventSlim Start { get; } = new(false, 1);

        private void Loop()
        {
            while (true)
            {
                SpinThenWait(Start);
                Start.Reset();
                RunParts();
            }
        }
    }
}
