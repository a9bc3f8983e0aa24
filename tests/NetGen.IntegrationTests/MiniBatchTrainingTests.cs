using NetGen;

namespace NetGen.IntegrationTests;

/// <summary>Fit with mini-batches and optimizers, on generated networks.</summary>
public class MiniBatchTrainingTests
{
    [Fact]
    public void Training_with_Adam_and_mini_batches_learns()
    {
        var network = new LeakySoftmax(seed: 1);
        var (X, Y) = Separable(network, examples: 60);
        var costs = new List<double>();

        network.Fit(X, Y, new TrainingOptions { Optimizer = new Adam(0.05), Epochs = 30, BatchSize = 8 }, (epoch, cost) =>
        {
            costs.Add(cost);
            return true;
        });

        Assert.Equal(30, costs.Count);
        Assert.True(costs[^1] < costs[0] / 4, $"cost went from {costs[0]} to {costs[^1]}");
        Assert.True(Accuracy(network.Predict(X), Y) > 0.9);
    }

    [Fact]
    public void Progress_can_stop_training_early()
    {
        var network = new LeakySoftmax(seed: 1);
        var (X, Y) = Separable(network, examples: 20);
        var epochs = new List<int>();

        network.Fit(X, Y, new TrainingOptions { Optimizer = new GradientDescent(0.1), Epochs = 100 }, (epoch, _) =>
        {
            epochs.Add(epoch);
            return epoch < 2;
        });

        Assert.Equal([0, 1, 2], epochs);
    }

    [Fact]
    public void One_batch_of_everything_without_shuffling_is_full_batch_gradient_descent()
    {
        var (byFit, byStep) = (new DeepReLU(seed: 4), new DeepReLU(seed: 4));
        var (X, Y) = TestData.For(byFit, examples: 23, seed: 5);

        byFit.Fit(X, Y, new TrainingOptions { Optimizer = new GradientDescent(0.05), Epochs = 5, BatchSize = 1000, Shuffle = false });
        for (var i = 0; i < 5; i++)
        {
            byStep.TrainStep(X, Y, 0.05);
        }

        // The same arithmetic up to the rounding of the update (a fused multiply-add in Update, not in the optimizer).
        foreach (var (fitted, stepped) in byFit.Parameters.Zip(byStep.Parameters))
        {
            Assert.Equal(stepped.AsSpan().ToArray(), fitted.AsSpan().ToArray(), (a, b) => Math.Abs(a - b) < 1e-14);
        }
    }

    [Fact]
    public void The_last_partial_batch_trains_and_epochs_allocate_nothing()
    {
        var network = new LeakySoftmax(seed: 2);
        var (X, Y) = Separable(network, examples: 30);
        var options = new TrainingOptions { Optimizer = new Adam(), Epochs = 1, BatchSize = 7 };
        network.Fit(X, Y, options);

        // Batches of 7, 7, 7, 7 and 2 columns: the caches shrink and grow back in place, so only Fit's own per-call
        // buffers (the order, the batch matrices, the history) are allocated, and per epoch only its history entry.
        var twentyEpochOptions = new TrainingOptions { Optimizer = options.Optimizer, Epochs = 20, BatchSize = 7 };
        var oneEpoch = AllocatedBy(() => network.Fit(X, Y, options));
        var twentyEpochs = AllocatedBy(() => network.Fit(X, Y, twentyEpochOptions));

        Assert.Equal(19 * System.Runtime.CompilerServices.Unsafe.SizeOf<EpochResult>(), twentyEpochs - oneEpoch);
        Assert.Equal(5 * (1 + 1 + 20), options.Optimizer.StepCount);
    }

    [Fact]
    public void The_same_seeds_give_bit_identical_parameters_and_another_shuffle_seed_does_not()
    {
        static DropoutNetwork Train(int shuffleSeed)
        {
            var network = new DropoutNetwork(seed: 8) { L2Regularization = 0.01 };
            var (X, Y) = TestData.For(network, examples: 50, seed: 9);
            network.Fit(X, Y, new TrainingOptions { Optimizer = new Adam(0.01), Epochs = 5, BatchSize = 16, Seed = shuffleSeed, Schedule = LearningRateSchedule.Exponential(0.9) });
            return network;
        }

        var (first, second, other) = (Train(3), Train(3), Train(4));

        Assert.Equal(Flatten(first), Flatten(second));
        Assert.NotEqual(Flatten(first), Flatten(other));
    }

    [Fact]
    public void A_schedule_sets_the_rate_of_each_epoch_and_leaves_the_optimizer_as_it_was()
    {
        var network = new LeakySoftmax(seed: 1);
        var (X, Y) = Separable(network, examples: 10);
        var optimizer = new GradientDescent(0.4);
        var rates = new List<double>();

        network.Fit(X, Y, new TrainingOptions { Optimizer = optimizer, Epochs = 4, Schedule = LearningRateSchedule.Step(2, 0.5) }, (_, _) =>
        {
            rates.Add(optimizer.LearningRate);
            return true;
        });

        Assert.Equal([0.4, 0.4, 0.2, 0.2], rates);
        Assert.Equal(0.4, optimizer.LearningRate);
    }

    [Fact]
    public void Wrong_shapes_and_options_are_rejected_before_training()
    {
        var network = new LeakySoftmax(seed: 1);
        var before = Flatten(network);
        var options = new TrainingOptions { Optimizer = new Adam(), Epochs = 1 };

        // The analyzer reports this call at compile time (NG0031); here the run-time check is under test.
#pragma warning disable NG0031
        var shape = Assert.Throws<ArgumentException>(() => network.Fit(new Matrix<double>(4, 10), new Matrix<double>(3, 9), options));
#pragma warning restore NG0031
        Assert.Throws<ArgumentOutOfRangeException>(() => network.Fit(new Matrix<double>(4, 10), new Matrix<double>(3, 10), new TrainingOptions { Optimizer = new Adam(), Epochs = 1, BatchSize = 0 }));

        Assert.Equal("Expected Y to be 3 × 10, but it is 3 × 9. (Parameter 'Y')", shape.Message);
        Assert.Equal(before, Flatten(network));
    }

    /// <summary>Three classes told apart by which of the first three inputs is largest.</summary>
    private static (Matrix<double> X, Matrix<double> Y) Separable(INetwork<double> network, int examples)
    {
        var (X, _) = TestData.For(network, examples, seed: 7);
        var labels = Enumerable.Range(0, examples).Select(j => Enumerable.Range(0, 3).MaxBy(i => X[i, j])).ToArray();
        return (X, Matrix<double>.OneHot(labels, 3));
    }

    private static double Accuracy(Matrix<double> probabilities, Matrix<double> Y) =>
        Enumerable.Range(0, Y.Columns).Count(j => Enumerable.Range(0, Y.Rows).MaxBy(i => probabilities[i, j]) == Enumerable.Range(0, Y.Rows).MaxBy(i => Y[i, j])) / (double)Y.Columns;

    private static long AllocatedBy(Action action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static double[] Flatten(INetwork<double> network) => network.Parameters.SelectMany(p => p.AsSpan().ToArray()).ToArray();
}
