using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NetGen.Benchmarks;

/// <summary>
/// The quick mode (<c>--json</c>): times each workload exactly as tools/bench/peers.py does and prints one JSON line
/// per (system, workload) with the peers' fields, plus the bytes allocated per step and the kernels' vector width.
/// </summary>
public static partial class QuickMode
{
    private const string Usage =
        "usage: NetGen.Benchmarks --json [--workload NAME[,NAME]] [--threads N] [--seconds S] [--precision f32|f64|both] [--onnxruntime]";

    /// <summary>Runs the quick mode with the command-line <paramref name="args"/>.</summary>
    /// <returns>The process exit code.</returns>
    public static int Run(string[] args)
    {
        var workloads = Workload.All;
        var threads = 2; // peers.py's default, so that both report the same setting when neither is told
        var seconds = 2.0;
        string[] precisions = ["f32", "f64"];
        var onnxRuntime = false;
        try
        {
            for (var i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--json":
                        break;
                    case "--onnxruntime":
                        onnxRuntime = true;
                        break;
                    case "--workload" or "--workloads":
                        workloads = [.. Value(args, ++i).Split(',').Select(Workload.Find)];
                        break;
                    case "--threads":
                        threads = int.Parse(Value(args, ++i), CultureInfo.InvariantCulture);
                        break;
                    case "--seconds":
                        seconds = double.Parse(Value(args, ++i), CultureInfo.InvariantCulture);
                        break;
                    case "--precision":
                        precisions = Value(args, ++i) switch
                        {
                            "f32" => ["f32"],
                            "f64" => ["f64"],
                            "both" => ["f32", "f64"],
                            var other => throw new ArgumentException($"Unknown precision '{other}'."),
                        };
                        break;
                    default:
                        throw new ArgumentException($"Unknown option '{args[i]}'.");
                }
            }
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }

        // A knob for the runtime's kernels, set before any network exists; the runtime does not read it yet.
        Environment.SetEnvironmentVariable("NETGEN_THREADS", threads.ToString(CultureInfo.InvariantCulture));

        foreach (var workload in workloads)
        {
            foreach (var precision in workload.Precisions(precisions))
            {
                if (workload.Kind == WorkloadKind.Serve)
                {
                    Serve(workload, precision, threads, seconds);
                    continue;
                }

                var step = workload.CreateStep(precision);
                var (microseconds, samples, bytesPerStep) = Time(step, seconds);
                var result = new Result(
                    $"netgen-{precision}",
                    workload.Name,
                    workload.Dims,
                    workload.M,
                    threads,
                    Math.Round(microseconds, 2),
                    Math.Round(workload.FlopsPerStep / microseconds / 1e3, 2),
                    samples,
                    Math.Round(bytesPerStep, 2),
                    Acceleration.VectorBits);
                Console.WriteLine(JsonSerializer.Serialize(result, ResultJson.Default.Result));
                if (onnxRuntime && workload.Kind == WorkloadKind.Predict && !workload.BFloat16)
                {
                    var measured = false;
                    MeasureOnnxRuntime(workload, precision, threads, seconds, ref measured);
                    if (!measured)
                    {
                        Console.Error.WriteLine("--onnxruntime: this build has no ONNX Runtime; run NetGen.Benchmarks (the JIT build).");
                        return 2;
                    }
                }
            }
        }

        return 0;
    }

    /// <summary>
    /// With <c>--onnxruntime</c>, after NetGen's line for a prediction workload: the same network exported to ONNX and run
    /// by ONNX Runtime, one more JSON line (system <c>onnxruntime-f32</c> or <c>-f64</c>), and sets
    /// <paramref name="measured"/>. Implemented in QuickMode.OnnxRuntime.cs, which only NetGen.Benchmarks compiles: the
    /// Native AOT build (NetGen.Benchmarks.Aot) has no ONNX Runtime, so there the call does nothing.
    /// </summary>
    static partial void MeasureOnnxRuntime(Workload workload, string precision, int threads, double seconds, ref bool measured);

    /// <summary>
    /// peers.py's <c>timeit</c>: after a warm-up, samples until <paramref name="seconds"/> have passed and at least 5
    /// samples exist; a step shorter than 1 ms is repeated in a batch lasting about 1 ms, and a sample is the batch's
    /// time per step. Allocation is measured around the timed steps only, on every thread.
    /// </summary>
    /// <returns>The median microseconds per step, the number of samples and the bytes allocated per timed step.</returns>
    private static (double Microseconds, int Samples, double BytesPerStep) Time(Action step, double seconds)
    {
        WarmUp(step);
        var samples = new List<double>(1024);
        long steps = 0, bytes = 0;
        var end = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < end || samples.Count < 5)
        {
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var n = 1;
            var start = Stopwatch.GetTimestamp();
            step();
            var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
            if (elapsed < 1e-3)
            {
                n = Math.Max(1, (int)(1e-3 / Math.Max(elapsed, 1e-7)));
                start = Stopwatch.GetTimestamp();
                for (var i = 0; i < n; i++)
                {
                    step();
                }

                elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
                steps++; // the probing step above also ran
            }

            bytes += GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            steps += n;
            samples.Add(elapsed / n);
        }

        return (Median(samples) * 1e6, samples.Count, (double)bytes / steps);
    }

    /// <summary>
    /// peers.py runs two steps first. The .NET JIT also needs its tiers to settle: quick code, then instrumented code
    /// for dynamic PGO, then optimized code, compiled in the background, later still on a busy machine. So keep
    /// stepping, for at least two steps and a second, until no method has been compiled for half a second (at most 10 s).
    /// </summary>
    private static void WarmUp(Action step)
    {
        var start = Stopwatch.GetTimestamp();
        var compiled = JitInfo.GetCompiledMethodCount();
        var lastCompile = start;
        for (var steps = 1; ; steps++)
        {
            step();
            var now = Stopwatch.GetTimestamp();
            if (JitInfo.GetCompiledMethodCount() is var count && count != compiled)
            {
                (compiled, lastCompile) = (count, now);
            }

            var total = Stopwatch.GetElapsedTime(start, now).TotalSeconds;
            var settled = steps >= 2 && total >= 1 && Stopwatch.GetElapsedTime(lastCompile, now).TotalSeconds >= 0.5;
            if (settled || total >= 10)
            {
                return;
            }
        }
    }

    /// <summary>The median of <paramref name="values"/>, which it sorts.</summary>
    private static double Median(List<double> values)
    {
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    /// <summary>The value after an option, or an error naming the option.</summary>
    private static string Value(string[] args, int index) =>
        index < args.Length ? args[index] : throw new ArgumentException($"Option '{args[index - 1]}' needs a value.");

    /// <summary>One JSON line: peers.py's fields, in its order, plus the allocation per step and the vector width.</summary>
    private sealed record Result(
        string System,
        string Workload,
        int[] Dims,
        int M,
        int Threads,
        double UsPerStep,
        double Gflops,
        int Samples,
        double AllocBytesPerStep,
        int VectorBits);

    /// <summary>The serializer of <see cref="Result"/>, generated at compile time so that Native AOT needs no reflection.</summary>
    [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
    [JsonSerializable(typeof(Result))]
    private sealed partial class ResultJson : JsonSerializerContext;
}
