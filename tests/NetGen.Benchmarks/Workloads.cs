using System.Numerics;

namespace NetGen.Benchmarks;

/// <summary>One benchmark workload of the performance protocol (docs/architecture.md): a network architecture, a batch size and what one step does.</summary>
/// <param name="Name">The name shared with the peers' output (tools/bench/peers.py).</param>
/// <param name="Dims">The layer sizes n[0], …, n[L].</param>
/// <param name="M">The number of examples per step.</param>
/// <param name="Kind">What one step does.</param>
/// <param name="BFloat16">
/// Whether a prediction or serving step runs on a <see cref="BFloat16Predictor"/> copy of the network (single precision
/// only) instead of on the network.
/// </param>
public sealed record Workload(string Name, int[] Dims, int M, WorkloadKind Kind, bool BFloat16 = false)
{
    /// <summary>
    /// The workloads, those of the peers first and in their order (predict1-chains, a single example of chains' network,
    /// is passed to them as an extra shape), then serving, which has no peer, then predict1 and
    /// serving on a <see cref="BFloat16Predictor"/> copy of mlp's network (predict1-bf16 is compared with the peers'
    /// predict1), then the prediction workloads that ONNX Runtime is compared on (<c>--onnxruntime</c>): mlp's and tiny's
    /// networks predicting 1 and 256 examples.
    /// </summary>
    public static readonly IReadOnlyList<Workload> All =
    [
        new("tiny", [2, 4, 1], 400, WorkloadKind.GradientDescent),
        new("deep", [12288, 20, 7, 5, 1], 209, WorkloadKind.GradientDescent),
        new("mlp", [784, 128, 64, 1], 256, WorkloadKind.GradientDescent),
        new("wide", [1024, 1024, 1024, 1], 1024, WorkloadKind.GradientDescent),
        new("predict1", [784, 128, 64, 1], 1, WorkloadKind.Predict),
        new("chains", [4, 32, 16, 4], 10_000, WorkloadKind.Adam),
        new("predict1-chains", [4, 32, 16, 4], 1, WorkloadKind.Predict),
        new("serving", [784, 128, 64, 1], 1, WorkloadKind.Serve),
        new("predict1-bf16", [784, 128, 64, 1], 1, WorkloadKind.Predict, BFloat16: true),
        new("serving-bf16", [784, 128, 64, 1], 1, WorkloadKind.Serve, BFloat16: true),
        new("predict256", [784, 128, 64, 1], 256, WorkloadKind.Predict),
        new("tiny-predict1", [2, 4, 1], 1, WorkloadKind.Predict),
        new("tiny-predict256", [2, 4, 1], 256, WorkloadKind.Predict),
    ];

    /// <summary>The precisions the workload runs in: a bfloat16 copy is of a single-precision network.</summary>
    public IEnumerable<string> Precisions(IEnumerable<string> asked) => BFloat16 ? asked.Where(p => p == "f32") : asked;

    /// <summary>The learning rate of every gradient-descent step, as in the peers.</summary>
    public const double LearningRate = 0.0075;

    /// <summary>The learning rate of every Adam step (chains), as in the peers.</summary>
    public const double AdamLearningRate = 1e-3;

    /// <summary>The seed of the parameters and of the data, so that every run measures the same numbers.</summary>
    public const int Seed = 1;

    /// <summary>The workload called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No workload has that name.</exception>
    public static Workload Find(string name) =>
        All.FirstOrDefault(w => w.Name == name)
        ?? throw new ArgumentException($"Unknown workload '{name}': expected one of {string.Join(", ", All.Select(w => w.Name))}.", nameof(name));

    /// <summary>
    /// Floating-point operations per step, as peers.py counts them: 2 per multiply-accumulate forward and 4 backward
    /// (dW and dA[l-1]); a forward-only step (a prediction) counts a third of that.
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

            return 6.0 * macs * M / (Kind is WorkloadKind.Predict or WorkloadKind.Serve ? 3 : 1);
        }
    }

    /// <summary>
    /// Creates the network and the data, and returns one step: <c>TrainStep(X, Y, 0.0075)</c> on the full batch; for
    /// chains, forward, cost, backward and one Adam step (lr 1e-3) on the full batch; or <c>Predict(X, result)</c> into
    /// a preallocated result (for serving, <c>Predict(x, output)</c> of one example's spans, on one thread). The step
    /// allocates nothing of its own.
    /// </summary>
    /// <param name="precision">"f32" or "f64".</param>
    public Action CreateStep(string precision) => Kind == WorkloadKind.Serve ? CreateServing(precision)() : precision switch
    {
        "f32" => CreateStep(CreateNetwork<float>()),
        "f64" => CreateStep(CreateNetwork<double>()),
        _ => throw new ArgumentException($"Unknown precision '{precision}': expected f32 or f64.", nameof(precision)),
    };

    /// <summary>
    /// The serving pattern: creates one network and returns a factory of callers, each a step that predicts one example
    /// through <c>Predict(ReadOnlySpan, Span)</c> on that shared network, with its own input and output, for one thread.
    /// </summary>
    /// <param name="precision">"f32" or "f64".</param>
    public Func<Action> CreateServing(string precision) => precision switch
    {
        "f32" => CreateServing(CreateNetwork<float>()),
        "f64" => CreateServing(CreateNetwork<double>()),
        _ => throw new ArgumentException($"Unknown precision '{precision}': expected f32 or f64.", nameof(precision)),
    };

    /// <summary>The workload's network, its parameters drawn from <see cref="Seed"/>.</summary>
    public INetwork<T> CreateNetwork<T>()
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        // The prediction and serving workloads use mlp's, tiny's and chains' networks.
        object network = (Name, typeof(T) == typeof(double)) switch
        {
            ("tiny" or "tiny-predict1" or "tiny-predict256", false) => new TinyF32(Seed),
            ("tiny" or "tiny-predict1" or "tiny-predict256", true) => new TinyF64(Seed),
            ("deep", false) => new DeepF32(Seed),
            ("deep", true) => new DeepF64(Seed),
            ("mlp" or "predict1" or "predict256" or "serving" or "predict1-bf16" or "serving-bf16", false) => new MlpF32(Seed),
            ("mlp" or "predict1" or "predict256" or "serving", true) => new MlpF64(Seed),
            ("wide", false) => new WideF32(Seed),
            ("wide", true) => new WideF64(Seed),
            ("chains" or "predict1-chains", false) => new ChainsF32(Seed),
            ("chains" or "predict1-chains", true) => new ChainsF64(Seed),
            _ => throw new InvalidOperationException($"No network is declared for workload '{Name}'."),
        };
        return (INetwork<T>)network;
    }

    private Action CreateStep<T>(INetwork<T> network)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var (x, y) = CreateData(network);
        switch (Kind)
        {
            case WorkloadKind.Predict when BFloat16:
                return CreateServing(network)();
            case WorkloadKind.Predict:
                var result = new Matrix<T>(Dims[^1], M);
                return () => network.Predict(x, result);
            case WorkloadKind.Adam:
                var adam = new Adam(AdamLearningRate);
                return () =>
                {
                    network.Forward(x);
                    network.ComputeCost(y);
                    network.Backward(y);
                    adam.Step(network);
                };
            case WorkloadKind.GradientDescent:
                return () => network.TrainStep(x, y, LearningRate);
            case WorkloadKind.Serve:
                return CreateServing(network)();
            default:
                throw new InvalidOperationException($"Unknown workload kind {Kind}.");
        }
    }

    /// <summary>
    /// A factory of callers, each predicting the first example through <c>Predict(ReadOnlySpan, Span)</c> with an input
    /// and output of its own: on the network, or with <see cref="BFloat16"/> on one bfloat16 copy of it that all share.
    /// </summary>
    private Func<Action> CreateServing<T>(INetwork<T> network)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var (x, _) = CreateData(network);
        if (!BFloat16)
        {
            return () =>
            {
                var input = x.AsSpan().ToArray();
                var output = new T[Dims[^1]];
                return () => network.Predict(input, output);
            };
        }

        var predictor = new BFloat16Predictor(network as INetwork<float>
            ?? throw new ArgumentException($"Workload '{Name}' copies a single-precision network.", nameof(network)));
        return () =>
        {
            var input = (float[])(object)x.AsSpan().ToArray();
            var output = new float[Dims[^1]];
            return () => predictor.Predict(input, output);
        };
    }

    /// <summary>
    /// X uniform in [0, 1), and Y random 0/1 for cross-entropy or uniform in [0, 1) for squared error: the peers' data,
    /// from NetGen's own reproducible generator.
    /// </summary>
    public (Matrix<T> X, Matrix<T> Y) CreateData<T>(INetwork<T> network)
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
            var uniform = random.NextDouble();
            value = network.Loss == Loss.MeanSquaredError ? T.CreateTruncating(uniform) : uniform > 0.5 ? T.One : T.Zero;
        }

        return (x, y);
    }
}

/// <summary>What one step of a <see cref="Workload"/> does.</summary>
public enum WorkloadKind
{
    /// <summary>A full-batch training step of plain gradient descent: <c>TrainStep(X, Y, 0.0075)</c>.</summary>
    GradientDescent,

    /// <summary>A full-batch training step with Adam: forward, cost, backward and <c>Adam.Step</c>.</summary>
    Adam,

    /// <summary>A forward pass only: <c>Predict(X, result)</c>.</summary>
    Predict,

    /// <summary>Single-example predictions through <c>Predict(ReadOnlySpan, Span)</c> on one network shared by threads.</summary>
    Serve,
}
