using System.Numerics;

namespace NetGen.Benchmarks;

/// <summary>One benchmark workload of the performance protocol (docs/architecture.md): a network architecture, a batch size and what one step does.</summary>
/// <param name="Name">The name shared with the peers' output (tools/bench/peers.py).</param>
/// <param name="Dims">The layer sizes n[0], …, n[L].</param>
/// <param name="M">The number of examples per step.</param>
/// <param name="PredictOnly">Whether one step is a forward pass only, rather than a full training step.</param>
public sealed record Workload(string Name, int[] Dims, int M, bool PredictOnly)
{
    /// <summary>
    /// The five workloads of the performance protocol, in the order the peers report them, then the prediction workloads
    /// that ONNX Runtime is compared on (<c>--onnxruntime</c>): mlp's and tiny's networks predicting 1 and 256 examples.
    /// </summary>
    public static readonly IReadOnlyList<Workload> All =
    [
        new("tiny", [2, 4, 1], 400, false),
        new("deep", [12288, 20, 7, 5, 1], 209, false),
        new("mlp", [784, 128, 64, 1], 256, false),
        new("wide", [1024, 1024, 1024, 1], 1024, false),
        new("predict1", [784, 128, 64, 1], 1, true),
        new("predict256", [784, 128, 64, 1], 256, true),
        new("tiny-predict1", [2, 4, 1], 1, true),
        new("tiny-predict256", [2, 4, 1], 256, true),
    ];

    /// <summary>The learning rate of every training step, as in the peers.</summary>
    public const double LearningRate = 0.0075;

    /// <summary>The seed of the parameters and of the data, so that every run measures the same numbers.</summary>
    public const int Seed = 1;

    /// <summary>The workload called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No workload has that name.</exception>
    public static Workload Find(string name) =>
        All.FirstOrDefault(w => w.Name == name)
        ?? throw new ArgumentException($"Unknown workload '{name}': expected one of {string.Join(", ", All.Select(w => w.Name))}.", nameof(name));

    /// <summary>
    /// Floating-point operations per step, as peers.py counts them: 2 per multiply-accumulate forward and 4 backward
    /// (dW and dA[l-1]); a forward-only step counts a third of that.
    /// </summary>
    public double FlopsPerStep
    {
        get
        {
            var macs = 0L;
            for (var l = 1; l < Dims.Length; l++)
            {
                macs += (long)Dims[l - 1] * Dims[l];
            }

            return 6.0 * macs * M / (PredictOnly ? 3 : 1);
        }
    }

    /// <summary>
    /// Creates the network and the data, and returns one step: <c>TrainStep(X, Y, 0.0075)</c> on the full batch, or
    /// <c>Predict(X, result)</c> into a preallocated result. The step allocates nothing of its own.
    /// </summary>
    /// <param name="precision">"f32" or "f64".</param>
    public Action CreateStep(string precision) => precision switch
    {
        "f32" => CreateStep(CreateNetwork<float>()),
        "f64" => CreateStep(CreateNetwork<double>()),
        _ => throw new ArgumentException($"Unknown precision '{precision}': expected f32 or f64.", nameof(precision)),
    };

    /// <summary>The workload's network, its parameters drawn from <see cref="Seed"/>.</summary>
    public INetwork<T> CreateNetwork<T>()
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        // The prediction workloads use mlp's and tiny's networks.
        object network = (Name, typeof(T) == typeof(double)) switch
        {
            ("tiny" or "tiny-predict1" or "tiny-predict256", false) => new TinyF32(Seed),
            ("tiny" or "tiny-predict1" or "tiny-predict256", true) => new TinyF64(Seed),
            ("deep", false) => new DeepF32(Seed),
            ("deep", true) => new DeepF64(Seed),
            ("mlp" or "predict1" or "predict256", false) => new MlpF32(Seed),
            ("mlp" or "predict1" or "predict256", true) => new MlpF64(Seed),
            ("wide", false) => new WideF32(Seed),
            ("wide", true) => new WideF64(Seed),
            _ => throw new InvalidOperationException($"No network is declared for workload '{Name}'."),
        };
        return (INetwork<T>)network;
    }

    private Action CreateStep<T>(INetwork<T> network)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var (x, y) = CreateData<T>();
        if (PredictOnly)
        {
            var result = new Matrix<T>(Dims[^1], M);
            return () => network.Predict(x, result);
        }

        return () => network.TrainStep(x, y, LearningRate);
    }

    /// <summary>X (n[0] × m) uniform in [0, 1) and Y (n[L] × m) random 0/1: the peers' data, from NetGen's own reproducible generator.</summary>
    public (Matrix<T> X, Matrix<T> Y) CreateData<T>()
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var random = new DeterministicRandom(Seed);
        var x = new Matrix<T>(Dims[0], M);
        foreach (ref var value in x.AsSpan())
        {
            value = T.CreateTruncating(random.NextDouble());
        }

        var y = new Matrix<T>(Dims[^1], M);
        foreach (ref var value in y.AsSpan())
        {
            value = random.NextDouble() > 0.5 ? T.One : T.Zero;
        }

        return (x, y);
    }
}
