using NetGen;

namespace NetGen.IntegrationTests;

/// <summary>What training does to a generated network: steps lower the cost, seeds reproduce, buffers are reused.</summary>
public class TrainingTests
{
    [Fact]
    public void A_step_lowers_the_cost()
    {
        var network = new Textbook(seed: 1);
        var (X, Y) = TestData.For(network, examples: 64, seed: 5);

        var before = network.TrainStep(X, Y, learningRate: 0.05f);
        network.Forward(X);
        var after = network.ComputeCost(Y);

        Assert.True(after < before, $"cost went from {before} to {after}");
    }

    [Fact]
    public void Fit_learns_a_separable_problem_and_reports_progress()
    {
        // Label: whether the first input exceeds the second; a ReLU network separates it easily.
        var network = new DeepReLU(seed: 2);
        var (X, Y) = TestData.For(network, examples: 200, seed: 8);
        for (var j = 0; j < X.Columns; j++)
        {
            Y[0, j] = X[0, j] > X[1, j] ? 1 : 0;
        }

        var reported = new List<int>();
        var cost = network.Fit(X, Y, iterations: 1500, learningRate: 0.5, progress: (iteration, _) => reported.Add(iteration), progressInterval: 500);

        Assert.Equal([0, 500, 1000, 1499], reported);
        Assert.True(cost < 0.1, $"final cost {cost}");
        var predictions = network.Predict(X);
        var correct = Enumerable.Range(0, X.Columns).Count(j => (predictions[0, j] > 0.5 ? 1 : 0) == Y[0, j]);
        Assert.True(correct >= 0.97 * X.Columns, $"{correct} of {X.Columns} correct");
    }

    [Fact]
    public void A_SiLU_network_learns_a_separable_problem()
    {
        // The same problem as above, through two SiLU hidden layers (one with dropout) and mini-batches.
        var network = new SiLUClassifier(seed: 2);
        var (X, Y) = TestData.For(network, examples: 200, seed: 8);
        for (var j = 0; j < X.Columns; j++)
        {
            Y[0, j] = X[0, j] > X[1, j] ? 1 : 0;
        }

        var cost = network.Fit(X, Y, new TrainingOptions { Optimizer = new Adam(0.01), Epochs = 150, BatchSize = 32 }).Epochs[^1].TrainingCost;

        Assert.True(cost < 0.15, $"final cost {cost}");
        var predictions = network.Predict(X);
        var correct = Enumerable.Range(0, X.Columns).Count(j => (predictions[0, j] > 0.5 ? 1 : 0) == Y[0, j]);
        Assert.True(correct >= 0.95 * X.Columns, $"{correct} of {X.Columns} correct");
    }

    [Fact]
    public void The_same_seed_gives_identical_parameters_and_training()
    {
        var first = new Textbook(seed: 42);
        var second = new Textbook(seed: 42);
        var (X, Y) = TestData.For(first, examples: 32, seed: 1);

        first.Fit(X, Y, iterations: 20, learningRate: 0.1f);
        second.Fit(X, Y, iterations: 20, learningRate: 0.1f);

        for (var p = 0; p < first.Parameters.Count; p++)
        {
            Assert.Equal(first.Parameters[p].AsSpan().ToArray(), second.Parameters[p].AsSpan().ToArray());
        }

        Assert.NotEqual(first.W1.AsSpan().ToArray(), new Textbook(seed: 43).W1.AsSpan().ToArray());
    }

    [Fact]
    public void Initialization_is_He_for_ReLU_and_Glorot_for_sigmoid_with_zero_biases()
    {
        var network = new Textbook(seed: 7);

        // W1 is 20 × 30 before ReLU: He, standard deviation sqrt(2 / 30).
        Assert.InRange(StandardDeviation(network.W1), 0.8 * Math.Sqrt(2.0 / 30), 1.2 * Math.Sqrt(2.0 / 30));
        Assert.All(network.Parameters.Where((_, i) => i % 2 == 1), b => Assert.All(b.AsSpan().ToArray(), v => Assert.Equal(0f, v)));
    }

    [Fact]
    public void Predict_leaves_the_training_caches_alone()
    {
        var network = new DeepReLU(seed: 4);
        var (X, Y) = TestData.For(network, examples: 10, seed: 2);
        var (other, _) = TestData.For(network, examples: 3, seed: 9);
        network.Forward(X);
        network.Backward(Y);
        var expected = network.Gradients.Select(g => g.AsSpan().ToArray()).ToArray();

        network.Forward(X);
        var prediction = network.Predict(other);
        network.Backward(Y);

        Assert.Equal(expected, network.Gradients.Select(g => g.AsSpan().ToArray()).ToArray());
        Assert.Equal((1, 3), (prediction.Rows, prediction.Columns));
    }

    [Fact]
    public void Predict_equals_the_output_of_Forward()
    {
        var network = new TwoOutputs(seed: 4);
        var (X, _) = TestData.For(network, examples: 9, seed: 2);

        Assert.Equal(network.Forward(X).AsSpan().ToArray(), network.Predict(X).AsSpan().ToArray());
    }

    [Fact]
    public void A_training_step_allocates_nothing_once_the_batch_size_is_known()
    {
        var network = new Textbook(seed: 1);
        var (X, Y) = TestData.For(network, examples: 50, seed: 3);
        var result = new Matrix<float>(Textbook.OutputSize, X.Columns);
        network.TrainStep(X, Y, 0.01f);
        network.Predict(X, result);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10; i++)
        {
            network.TrainStep(X, Y, 0.01f);
            network.Predict(X, result);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>
    /// The guarded steps allocate nothing either, for each loss (each has its own label check) and precision: TrainStep,
    /// Update, and full-batch Fit, whose up-front checks of X and Y allocate nothing.
    /// </summary>
    [Theory]
    [InlineData("Textbook")]
    [InlineData("DeepReLU")]
    [InlineData("SoftmaxTwin")]
    [InlineData("SingleSoftmax")]
    [InlineData("SingleRegression")]
    [InlineData("TanhLinearRegression")]
    public void Guarded_training_allocates_nothing_once_the_batch_size_is_known(string name)
    {
        switch (TestData.Create(name, seed: 1))
        {
            case INetwork<float> single:
                AssertTrainingAllocatesNothing(single, 0.01);
                break;
            case INetwork<double> network:
                AssertTrainingAllocatesNothing(network, 0.01);
                break;
            default:
                throw new ArgumentException($"{name} is not a network.", nameof(name));
        }
    }

    private static void AssertTrainingAllocatesNothing<T>(INetwork<T> network, double learningRate)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        var (X, Y) = TestData.For(network, examples: 50, seed: 3);
        network.TrainStep(X, Y, learningRate);
        network.Update(learningRate);
        NetworkTraining.Fit(network, X, Y, 2, learningRate, null, 1, default);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 5; i++)
        {
            network.TrainStep(X, Y, learningRate);
            network.Update(learningRate);
        }

        NetworkTraining.Fit(network, X, Y, 5, learningRate, null, 1, default);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static double StandardDeviation(Matrix<float> matrix)
    {
        var values = matrix.AsSpan().ToArray();
        var mean = values.Average(v => (double)v);
        return Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
    }

    [Fact]
    public void A_layer_initialization_overrides_the_network_one()
    {
        var network = new UniformlyInitialized(seed: 1);

        // He uniform on layer 1 (fan-in 50), the network's Xavier uniform on layer 2 (fan-in 40, fan-out 1).
        Assert.All(network.W1.AsSpan().ToArray(), w => Assert.InRange(MathF.Abs(w), 0, MathF.Sqrt(6f / 50)));
        Assert.All(network.W2.AsSpan().ToArray(), w => Assert.InRange(MathF.Abs(w), 0, MathF.Sqrt(6f / 41)));
        Assert.Contains(network.W1.AsSpan().ToArray(), w => MathF.Abs(w) > MathF.Sqrt(6f / 90)); // beyond Xavier uniform's bound for layer 1
        Assert.All(network.b1.AsSpan().ToArray(), b => Assert.Equal(0f, b));
    }
}
