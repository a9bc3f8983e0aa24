using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NetGen.Benchmarks;

/// <summary>The quick mode's serving workload: single-example predictions on one network shared by 1 and by 2 threads.</summary>
public static partial class QuickMode
{
    /// <summary>The numbers of threads predicting at once, one JSON line each.</summary>
    private static readonly int[] CallerThreads = [1, 2];

    /// <summary>Predictions per timed batch: about 0.3 ms of a 5 µs prediction, short enough for a fine median.</summary>
    private const int ServingBatch = 64;

    /// <summary>
    /// Times the serving pattern on one network: for each number of <see cref="CallerThreads"/>, every thread warms up
    /// on its own example as <see cref="Time"/> does, then all predict together for <paramref name="seconds"/>, in
    /// batches of <see cref="ServingBatch"/> timed one by one. Prints one JSON line per number of threads: the predictions
    /// per second of all threads together (predictions made over the wall-clock time from the common start to the last
    /// thread's end), the median over every thread's batches of the time per prediction, and the throughput relative to
    /// one thread. <see cref="Time"/>'s sampler is not reused: it measures the allocation of the whole process around
    /// every batch (<c>GC.GetTotalAllocatedBytes(precise: true)</c>), which stops every thread and, with the worker
    /// pool's threads spinning, cost about 1 ms per batch here, halving the throughput measured; the allocation is
    /// measured once around the timed window instead.
    /// </summary>
    private static void Serve(Workload workload, string precision, int threads, double seconds)
    {
        var createCaller = workload.CreateServing(precision);
        var onOneThread = double.NaN;
        foreach (var callers in CallerThreads)
        {
            var steps = Enumerable.Range(0, callers).Select(_ => createCaller()).ToArray();

            // Room for batches of 64 predictions of at least 1 µs each: no list grows while the others are timed.
            var batches = steps.Select(_ => new List<double>((int)(seconds * 1e6 / ServingBatch) + 16)).ToArray();
            var predictions = new long[callers];
            using var barrier = new Barrier(callers + 1);
            var workers = steps.Select((step, i) => new Thread(() =>
            {
                WarmUp(step);
                barrier.SignalAndWait();
                var end = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
                for (var batchStart = Stopwatch.GetTimestamp(); batchStart < end || batches[i].Count < 5;)
                {
                    for (var n = 0; n < ServingBatch; n++)
                    {
                        step();
                    }

                    var batchEnd = Stopwatch.GetTimestamp();
                    batches[i].Add(Stopwatch.GetElapsedTime(batchStart, batchEnd).TotalSeconds / ServingBatch);
                    batchStart = batchEnd;
                }

                predictions[i] = (long)batches[i].Count * ServingBatch;
                barrier.SignalAndWait();
            })).ToArray();
            foreach (var worker in workers)
            {
                worker.Start();
            }

            barrier.SignalAndWait(); // every thread has warmed up
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var start = Stopwatch.GetTimestamp();
            barrier.SignalAndWait(); // every thread has finished
            var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            foreach (var worker in workers)
            {
                worker.Join();
            }

            var perSecond = predictions.Sum() / elapsed;
            onOneThread = callers == 1 ? perSecond : onOneThread;
            var latencies = batches.SelectMany(b => b).ToList();
            var result = new ServingResult(
                $"netgen-{precision}",
                workload.Name,
                workload.Dims,
                workload.M,
                threads,
                callers,
                Math.Round(Median(latencies) * 1e6, 3),
                Math.Round(perSecond),
                Math.Round(perSecond / onOneThread, 2),
                latencies.Count,
                Math.Round((double)allocated / predictions.Sum(), 2),
                Acceleration.VectorBits);
            Console.WriteLine(JsonSerializer.Serialize(result, ServingResultJson.Default.ServingResult));
        }
    }

    /// <summary>
    /// One JSON line of the serving workload: <c>us_per_step</c> is the median time of one prediction over every
    /// thread's batches, <c>predictions_per_s</c> the throughput of all <c>caller_threads</c> together, and
    /// <c>scaling</c> that throughput over the throughput of one thread. <c>threads</c> is NETGEN_THREADS, as in
    /// <see cref="Result"/>.
    /// </summary>
    private sealed record ServingResult(
        string System,
        string Workload,
        int[] Dims,
        int M,
        int Threads,
        int CallerThreads,
        double UsPerStep,
        double PredictionsPerS,
        double Scaling,
        int Samples,
        double AllocBytesPerStep,
        int VectorBits);

    /// <summary>The serializer of <see cref="ServingResult"/>, generated at compile time for Native AOT.</summary>
    [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
    [JsonSerializable(typeof(ServingResult))]
    private sealed partial class ServingResultJson : JsonSerializerContext;
}
