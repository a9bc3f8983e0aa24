using NetGen;

namespace NetGen.IntegrationTests;

/// <summary>
/// Divergence: a learning rate far too large for the problem. Training used to run on NaN to the end and return it,
/// with every parameter lost; now the step that is not finite is refused, training stops with a
/// <see cref="TrainingDivergedException"/>, and the model is the one after the last good step.
/// </summary>
public class DivergenceTests
{
    [Fact]
    public void Fit_stops_at_the_step_that_diverges_with_the_parameters_of_the_step_before()
    {
        var (network, twin) = (new TanhLinearRegression(seed: 1), new TanhLinearRegression(seed: 1));
        var (X, Y) = TestData.For(network, examples: 20, seed: 2);
        var reported = new List<int>();

        var error = Assert.Throws<TrainingDivergedException>(() => network.Fit(X, Y, iterations: 10_000, learningRate: 40, progress: (i, _) => reported.Add(i), progressInterval: 1));

        var iteration = Assert.NotNull(error.Iteration);
        Assert.InRange(iteration, 1, 9_999);
        Assert.Equal(Enumerable.Range(0, iteration), reported);
        Assert.StartsWith($"Training diverged at iteration {iteration}: the cost is ", error.Message);
        Assert.True(TestData.AllFinite(network));
        twin.Fit(X, Y, iterations: iteration, learningRate: 40);
        Assert.Equal(TestData.Parameters(twin), TestData.Parameters(network));
        Assert.Null(error.Epoch);
    }

    [Fact]
    public void TrainStep_refuses_a_diverging_step_and_changes_nothing()
    {
        var network = new TanhLinearRegression(seed: 1);
        var (X, Y) = TestData.For(network, examples: 20, seed: 2);
        TrainingDivergedException? error = null;
        for (var step = 0; step < 10_000 && error is null; step++)
        {
            var before = TestData.Parameters(network);
            error = Record.Exception(() => network.TrainStep(X, Y, 40)) as TrainingDivergedException;
            if (error is not null)
            {
                Assert.Equal(before, TestData.Parameters(network));
            }
        }

        Assert.NotNull(error);
        Assert.Null(error.Iteration);
        Assert.NotNull(error.Cost);
        Assert.True(TestData.AllFinite(network));
    }

    /// <summary>
    /// Gradients that are finite but so large that P − α dP overflows: the update is checked whole before any of it is
    /// written, so not one parameter becomes ±∞. The cost was finite, and the message says which element overflowed.
    /// </summary>
    [Fact]
    public void An_update_that_would_overflow_a_parameter_is_refused_before_it_is_written()
    {
        var network = new Textbook(seed: 1);
        var (X, Y) = TestData.For(network, examples: 16, seed: 3);
        foreach (ref var x in X.AsSpan())
        {
            x *= 1000;
        }

        var before = TestData.Parameters(network);

        var error = Assert.Throws<TrainingDivergedException>(() => network.TrainStep(X, Y, 3e38f));

        Assert.Equal(before, TestData.Parameters(network));
        Assert.True(double.IsFinite(error.Cost!.Value));
        Assert.Matches(@"^Training diverged: the cost is [0-9.E+-]+, but the step [Wb]\d\[\d+, \d+\] − α·d[Wb]\d\[\d+, \d+\] = .* overflows to -?Infinity\. ", error.Message);
    }

    /// <summary>
    /// Mini-batch Fit: the epoch and batch of the step that diverged, and the optimizer's state as after the last good
    /// step. With one batch per epoch and no shuffling, a twin trained for exactly that many epochs has the same
    /// parameters and step count, to the bit.
    /// </summary>
    [Theory]
    [InlineData("GradientDescent")]
    [InlineData("Momentum")]
    public void Mini_batch_Fit_stops_with_the_epoch_and_the_optimizer_state_of_the_last_good_step(string optimizerName)
    {
        Optimizer Create() => optimizerName == "Momentum" ? new Momentum(40) : new GradientDescent(40);
        var (network, twin) = (new TanhLinearRegression(seed: 1), new TanhLinearRegression(seed: 1));
        var (X, Y) = TestData.For(network, examples: 20, seed: 2);
        var (optimizer, twinOptimizer) = (Create(), Create());

        var error = Assert.Throws<TrainingDivergedException>(() => network.Fit(X, Y, new TrainingOptions { Optimizer = optimizer, Epochs = 10_000, BatchSize = 20, Shuffle = false }));

        var epoch = Assert.NotNull(error.Epoch);
        Assert.Equal(0, error.Batch);
        Assert.StartsWith($"Training diverged in epoch {epoch}, batch 0: the cost is ", error.Message);
        Assert.Equal(epoch, optimizer.StepCount);
        twin.Fit(X, Y, new TrainingOptions { Optimizer = twinOptimizer, Epochs = epoch, BatchSize = 20, Shuffle = false });
        Assert.Equal(TestData.Parameters(twin), TestData.Parameters(network));
        Assert.Equal(twinOptimizer.StepCount, optimizer.StepCount);
        Assert.True(TestData.AllFinite(network));
    }

    /// <summary>A model that survived divergence saves and loads like any other: nothing non-finite reached it.</summary>
    [Fact]
    public void After_divergence_the_model_still_saves_and_loads()
    {
        var network = new TanhLinearRegression(seed: 1);
        var (X, Y) = TestData.For(network, examples: 20, seed: 2);
        Assert.Throws<TrainingDivergedException>(() => network.Fit(X, Y, iterations: 10_000, learningRate: 40));
        using var stream = new MemoryStream();

        network.Save(stream);
        stream.Position = 0;
        var loaded = new TanhLinearRegression(seed: 9);
        loaded.Load(stream);

        Assert.Equal(TestData.Parameters(network), TestData.Parameters(loaded));
    }

    /// <summary>
    /// A parameter set to NaN outside training (training never makes one) is named as such, not blamed on the learning
    /// rate, by TrainStep, Update and an optimizer alike; nothing changes.
    /// </summary>
    [Fact]
    public void A_parameter_made_non_finite_outside_training_is_named()
    {
        var network = new DeepReLU(seed: 1);
        var (X, Y) = TestData.For(network, examples: 8, seed: 1);
        network.Forward(X);
        network.Backward(Y);
        network.W2[1, 2] = double.NaN;
        var before = TestData.Parameters(network);

        var step = Assert.Throws<InvalidOperationException>(() => network.TrainStep(X, Y, 0.1));
        var update = Assert.Throws<InvalidOperationException>(() => network.Update(0.1));
        var optimizer = Assert.Throws<InvalidOperationException>(() => new Adam().Step(network));

        Assert.StartsWith("The network cannot train: W2[1, 2] is NaN before the step.", step.Message);
        Assert.Equal(step.Message, update.Message);
        Assert.Equal(step.Message, optimizer.Message);
        Assert.Equal(before.Select(p => p.Select(BitConverter.DoubleToInt64Bits)), TestData.Parameters(network).Select(p => p.Select(BitConverter.DoubleToInt64Bits)));
    }
}
