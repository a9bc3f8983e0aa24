using NetGen;

namespace NetGen.IntegrationTests;

/// <summary>
/// The generated backward propagation against central finite differences of the generated cost, in double precision,
/// over every parameter of networks of several shapes.
/// </summary>
public class GradientCheckTests(Xunit.Abstractions.ITestOutputHelper output)
{
    // Central differences err by O(ε²) ≈ 1e-12 from truncation and by ≈ 1e-16 / ε ≈ 1e-10 (relative) from rounding.
    private const double Epsilon = 1e-6;
    private const double Tolerance = 1e-7;

    /// <summary>Every output activation with every loss that fits it, and every hidden activation.</summary>
    public static TheoryData<string> Networks =>
    [
        "TwoTwoOne", "Logistic", "DeepReLU", "SigmoidHidden", "TwoOutputs",
        "LeakySoftmax", "TanhLinearRegression", "TanhSquaredError", "SigmoidSquaredError", "ReLUSquaredError", "LeakySquaredError",
        "SiLUSquaredError", "AcrossTheCutOver",
    ];

    /// <summary>A network that uses each activation, by name: a new <see cref="Activation"/> value needs its entry here.</summary>
    private static readonly Dictionary<Activation, string> NetworkUsing = new()
    {
        [Activation.ReLU] = "DeepReLU",
        [Activation.Sigmoid] = "SigmoidHidden",
        [Activation.Tanh] = "TanhSquaredError",
        [Activation.LeakyReLU] = "LeakySquaredError",
        [Activation.Softmax] = "LeakySoftmax",
        [Activation.Linear] = "TanhLinearRegression",
        [Activation.SiLU] = "SiLUSquaredError",
    };

    /// <summary>A network trained with each loss, by name: a new <see cref="Loss"/> value needs its entry here.</summary>
    private static readonly Dictionary<Loss, string> NetworkTrainedWith = new()
    {
        [Loss.BinaryCrossEntropy] = "DeepReLU",
        [Loss.CategoricalCrossEntropy] = "LeakySoftmax",
        [Loss.MeanSquaredError] = "TanhSquaredError",
    };

    public static TheoryData<Activation> EveryActivation => [.. Enum.GetValues<Activation>()];

    public static TheoryData<Loss> EveryLoss => [.. Enum.GetValues<Loss>()];

    [Theory]
    [MemberData(nameof(EveryActivation))]
    public void Every_activation_has_a_network_whose_gradients_match_finite_differences(Activation activation)
    {
        Assert.True(NetworkUsing.TryGetValue(activation, out var name), $"No network covers Activation.{activation}: add one to NetworkUsing.");
        Assert.Contains(Create(name, seed: 3).Layers, layer => layer.Activation == activation);

        AssertGradients(name, lambda: 0.3);
    }

    [Theory]
    [MemberData(nameof(EveryLoss))]
    public void Every_loss_has_a_network_whose_gradients_match_finite_differences(Loss loss)
    {
        Assert.True(NetworkTrainedWith.TryGetValue(loss, out var name), $"No network covers Loss.{loss}: add one to NetworkTrainedWith.");
        Assert.Equal(loss, Create(name, seed: 3).Loss);

        AssertGradients(name, lambda: 0.3);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Backward_matches_finite_differences(string name) => AssertGradients(name, lambda: 0);

    [Theory]
    [MemberData(nameof(Networks))]
    public void Backward_matches_finite_differences_with_L2_regularization(string name) => AssertGradients(name, lambda: 0.7);

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.7)]
    public void Backward_matches_finite_differences_with_dropout_under_a_fixed_mask(double lambda)
    {
        // The test's own check cannot hold the masks still, so this one uses the generated CheckGradients, which does;
        // the test below shows that CheckGradients agrees with the independent check where both apply.
        AssertGeneratedCheck(new DropoutNetwork(seed: 3) { L2Regularization = lambda }, lambda);
        AssertGeneratedCheck(new SiLUClassifier(seed: 3) { L2Regularization = lambda }, lambda);
    }

    private void AssertGeneratedCheck(INetwork<double> network, double lambda)
    {
        RandomizeBiases(network, seed: 3);
        var (X, Y) = TestData.For(network, examples: 7, seed: 11);

        var difference = network.CheckGradients(X, Y, 1e-7);

        output.WriteLine($"{network.GetType().Name}, λ = {lambda}: relative difference {difference:E2}");
        Assert.True(difference < Tolerance, $"‖grad − approx‖ / (‖grad‖ + ‖approx‖) = {difference:E2}, expected < {Tolerance:E0}");
    }

    [Fact]
    public void The_generated_CheckGradients_agrees_with_the_independent_check()
    {
        var network = Create("LeakySoftmax", seed: 5);
        network.L2Regularization = 0.3;
        var (X, Y) = TestData.For(network, examples: 6, seed: 2);

        var independent = RelativeDifference(network, X, Y);
        var generated = network.CheckGradients(X, Y, Epsilon);

        Assert.InRange(generated, 0, Tolerance);
        Assert.InRange(independent, 0, Tolerance);
    }

    [Fact]
    public void Single_precision_networks_pass_a_coarser_check()
    {
        // In float the cost is only good to about 1e-7, so ε = 1e-3 and the difference is about 1e-3 (documented).
        AssertSingle(new SingleSoftmax(seed: 3) { L2Regularization = 0.5 });
        AssertSingle(new SingleRegression(seed: 3) { L2Regularization = 0.5 });
    }

    private void AssertSingle(INetwork<float> network)
    {
        var (X, Y) = TestData.For(network, examples: 7, seed: 11);

        var difference = network.CheckGradients(X, Y, 1e-3);

        output.WriteLine($"{network.GetType().Name} (float): relative difference {difference:E2}");
        Assert.True(difference < 1e-2, $"float check of {network.GetType().Name} gave {difference:E2}");
    }

    private void AssertGradients(string name, double lambda)
    {
        var network = Create(name, seed: 3);
        network.L2Regularization = lambda;
        var (X, Y) = TestData.For(network, examples: 7, seed: 11);

        var difference = RelativeDifference(network, X, Y);

        output.WriteLine($"{name}, λ = {lambda}: relative difference {difference:E2}");
        Assert.True(difference < Tolerance, $"{name}: ‖grad − approx‖ / (‖grad‖ + ‖approx‖) = {difference:E2}, expected < {Tolerance:E0}");
    }

    [Fact]
    public void The_check_detects_a_wrong_gradient()
    {
        // The comparison above must be able to fail: corrupt one gradient entry and it does.
        var network = Create("DeepReLU", seed: 3);
        var (X, Y) = TestData.For(network, examples: 7, seed: 11);

        var difference = RelativeDifference(network, X, Y, corrupt: gradients => gradients[2][1, 1] += 1e-3);

        Assert.True(difference > Tolerance, $"a corrupted gradient gave {difference:E2}");
    }

    /// <summary>
    /// The network with nonzero biases, as in the middle of training. Freshly initialized biases are exactly 0, so an
    /// example whose previous layer is all switched off by ReLU would sit exactly on the kink of the next ReLU, where
    /// central differences are one-sided and disagree with any subgradient.
    /// </summary>
    private static INetwork<double> Create(string name, int seed)
    {
        INetwork<double> network = name switch
        {
            "TwoTwoOne" => new TwoTwoOne(seed),
            "Logistic" => new Logistic(seed),
            "DeepReLU" => new DeepReLU(seed),
            "SigmoidHidden" => new SigmoidHidden(seed),
            "TwoOutputs" => new TwoOutputs(seed),
            "LeakySoftmax" => new LeakySoftmax(seed),
            "TanhLinearRegression" => new TanhLinearRegression(seed),
            "AcrossTheCutOver" => new AcrossTheCutOver(seed),
            "TanhSquaredError" => new TanhSquaredError(seed),
            "SigmoidSquaredError" => new SigmoidSquaredError(seed),
            "ReLUSquaredError" => new ReLUSquaredError(seed),
            "LeakySquaredError" => new LeakySquaredError(seed),
            "SiLUSquaredError" => new SiLUSquaredError(seed),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };
        RandomizeBiases(network, seed);
        return network;
    }

    private static void RandomizeBiases(INetwork<double> network, int seed)
    {
        var random = new Random(seed);
        foreach (var bias in network.Parameters.Where((_, i) => i % 2 == 1))
        {
            foreach (ref var b in bias.AsSpan())
            {
                b = (random.NextDouble() - 0.5) * 0.2;
            }
        }
    }

    /// <summary>‖grad − approx‖ / (‖grad‖ + ‖approx‖) over every parameter, grad from Backward and approx from the cost.</summary>
    private static double RelativeDifference(INetwork<double> network, Matrix<double> X, Matrix<double> Y, Action<IReadOnlyList<Matrix<double>>>? corrupt = null)
    {
        network.Forward(X);
        network.Backward(Y);
        corrupt?.Invoke(network.Gradients);
        double differenceSquared = 0, gradientSquared = 0, approximationSquared = 0;
        for (var p = 0; p < network.Parameters.Count; p++)
        {
            var parameter = network.Parameters[p].AsSpan();
            var gradient = network.Gradients[p].AsSpan().ToArray();
            for (var i = 0; i < parameter.Length; i++)
            {
                var original = parameter[i];
                parameter[i] = original + Epsilon;
                network.Forward(X);
                var costPlus = network.ComputeCost(Y);
                parameter[i] = original - Epsilon;
                network.Forward(X);
                var costMinus = network.ComputeCost(Y);
                parameter[i] = original;

                var approximation = (costPlus - costMinus) / (2 * Epsilon);
                differenceSquared += (gradient[i] - approximation) * (gradient[i] - approximation);
                gradientSquared += gradient[i] * gradient[i];
                approximationSquared += approximation * approximation;
            }
        }

        return Math.Sqrt(differenceSquared) / (Math.Sqrt(gradientSquared) + Math.Sqrt(approximationSquared));
    }
}
