using BenchmarkDotNet.Attributes;

namespace NetGen.Benchmarks;

/// <summary>
/// One step of every workload in both precisions, under BenchmarkDotNet: the rigorous counterpart of the quick mode,
/// with its memory diagnoser confirming that a step allocates nothing.
/// </summary>
[MemoryDiagnoser]
public class TrainingStepBenchmarks
{
    private Action step = () => { };

    /// <summary>The workload's name (docs/architecture.md, "Performance protocol").</summary>
    [ParamsSource(nameof(WorkloadNames))]
    public string Workload { get; set; } = "tiny";

    /// <summary>"f32" or "f64".</summary>
    [Params("f32", "f64")]
    public string Precision { get; set; } = "f32";

    /// <summary>The values of <see cref="Workload"/>.</summary>
    public static IEnumerable<string> WorkloadNames => Benchmarks.Workload.All.Select(w => w.Name);

    /// <summary>Creates the network and the data outside the measurement.</summary>
    [GlobalSetup]
    public void Setup() => step = Benchmarks.Workload.Find(Workload).CreateStep(Precision);

    /// <summary>A training step, or a prediction for predict1.</summary>
    [Benchmark]
    public void Step() => step();
}
