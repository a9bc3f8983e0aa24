using NetGen;

namespace NetGen.IntegrationTests;

/// <summary>Fit's controls: validation, history, progress, early stopping and cancellation.</summary>
public class TrainingLoopTests
{
    [Fact]
    public void History_and_progress_hold_each_epochs_costs_metric_rate_and_time()
    {
        var network = new LeakySoftmax(seed: 1);
        var (X, Y) = Separable(network, examples: 40, seed: 7);
        var (validX, validY) = Separable(network, examples: 15, seed: 8);
        var reports = new List<EpochResult>();
        var evaluations = new List<EvaluationResult>();
        var progress = new Reporter(result =>
        {
            reports.Add(result);
            evaluations.Add(network.Evaluate(validX, validY)); // the network as it is after the epoch
        });

        var history = network.Fit(
            X, Y, new TrainingOptions { Optimizer = new Adam(0.02), Epochs = 4, BatchSize = 16, Schedule = LearningRateSchedule.Step(2, 0.5) },
            validX, validY, progress);

        Assert.Equal(reports, history.Epochs);
        Assert.Equal([0, 1, 2, 3], history.Epochs.Select(e => e.Epoch));
        Assert.Equal([0.02, 0.02, 0.01, 0.01], history.Epochs.Select(e => e.LearningRate));
        Assert.Equal(evaluations.Select(e => e.Cost), history.Epochs.Select(e => e.ValidationCost));
        Assert.Equal(evaluations.Select(e => e.Classification!.Accuracy), history.Epochs.Select(e => e.ValidationMetric));
        Assert.True(history.Epochs.Zip(history.Epochs.Skip(1)).All(p => p.First.Elapsed <= p.Second.Elapsed));
        Assert.True(history.Epochs[^1].TrainingCost < history.Epochs[0].TrainingCost);
        Assert.Equal(IndexOfMinimum(history.Epochs.Select(e => e.ValidationCost)), history.BestEpoch);
        Assert.False(history.StoppedEarly);
        Assert.False(history.Cancelled);
    }

    [Fact]
    public void The_callback_sees_the_costs_of_the_history()
    {
        var network = new LeakySoftmax(seed: 1);
        var (X, Y) = Separable(network, examples: 20, seed: 7);
        var costs = new List<double>();

        var history = network.Fit(X, Y, new TrainingOptions { Optimizer = new Adam(0.02), Epochs = 5 }, (epoch, cost) =>
        {
            costs.Add(cost);
            return epoch < 2;
        });

        Assert.Equal(costs, history.Epochs.Select(e => e.TrainingCost));
        Assert.Equal(3, history.Epochs.Count);
        Assert.True(history.StoppedEarly);
        Assert.True(double.IsNaN(history.Epochs[0].ValidationCost));
        Assert.Equal(IndexOfMinimum(costs), history.BestEpoch);     // no validation data: the training cost decides
    }

    [Fact]
    public void Early_stopping_restores_the_exact_parameters_of_the_best_epoch()
    {
        // The validation labels are the training labels shifted by one class: the better the network learns, the
        // worse it does on them, so the validation cost is best early and training stops after the patience.
        var network = new LeakySoftmax(seed: 3);
        var (X, Y) = Separable(network, examples: 60, seed: 7);
        var shifted = Matrix<double>.OneHot(Enumerable.Range(0, 60).Select(j => (Argmax(Y, j) + 1) % 3).ToArray(), 3);
        var snapshots = new List<double[][]>();
        var options = new TrainingOptions
        {
            Optimizer = new Adam(0.05),
            Epochs = 50,
            BatchSize = 8,
            EarlyStopping = new EarlyStopping { Patience = 3 },
        };

        var history = network.Fit(X, Y, options, X, shifted, new Reporter(_ => snapshots.Add(TestData.Parameters(network))));

        var best = history.BestEpoch;
        Assert.True(history.StoppedEarly);
        Assert.Equal(IndexOfMinimum(history.Epochs.Select(e => e.ValidationCost)), best);
        Assert.Equal(best + 3 + 1, history.Epochs.Count);           // the best, then 3 epochs without improvement
        Assert.Equal(snapshots[best], TestData.Parameters(network));
        Assert.NotEqual(snapshots[^1], TestData.Parameters(network));
    }

    [Fact]
    public void Early_stopping_counts_only_improvements_of_the_minimum_size()
    {
        var network = new LeakySoftmax(seed: 3);
        var (X, Y) = Separable(network, examples: 30, seed: 7);
        var snapshots = new List<double[][]>();
        var options = new TrainingOptions
        {
            Optimizer = new Adam(0.01),
            Epochs = 20,
            EarlyStopping = new EarlyStopping { Monitor = MonitoredQuantity.TrainingCost, Patience = 2, MinimumImprovement = 10 },
        };

        var history = network.Fit(X, Y, options, progress: new Reporter(_ => snapshots.Add(TestData.Parameters(network))));

        // The cost falls every epoch, but never by 10: epoch 0 stays the best, and training stops after epochs 1 and 2.
        Assert.True(history.Epochs[2].TrainingCost < history.Epochs[0].TrainingCost);
        Assert.Equal(3, history.Epochs.Count);
        Assert.Equal(0, history.BestEpoch);
        Assert.Equal(snapshots[0], TestData.Parameters(network));
    }

    [Fact]
    public void Early_stopping_on_the_validation_metric_keeps_the_most_accurate_epoch()
    {
        var network = new LeakySoftmax(seed: 5);
        var (X, Y) = Separable(network, examples: 40, seed: 7);
        var (validX, validY) = Separable(network, examples: 20, seed: 9);
        var options = new TrainingOptions
        {
            Optimizer = new GradientDescent(0.5),
            Epochs = 12,
            EarlyStopping = new EarlyStopping { Monitor = MonitoredQuantity.ValidationMetric, Patience = 100 },
        };

        var history = network.Fit(X, Y, options, validX, validY);

        var metrics = history.Epochs.Select(e => e.ValidationMetric).ToList();
        Assert.Equal(metrics.IndexOf(metrics.Max()), history.BestEpoch);   // the first epoch with the highest accuracy
        Assert.Equal(metrics.Max(), network.Evaluate(validX, validY).Metric);
        Assert.False(history.StoppedEarly);
    }

    [Fact]
    public void Cancellation_stops_between_batches_with_the_parameters_of_the_last_step()
    {
        var network = new LeakySoftmax(seed: 1);
        var (X, Y) = Separable(network, examples: 30, seed: 7);
        var optimizer = new Adam(0.01);
        using var cancellation = new CancellationTokenSource();
        double[][]? afterEpoch1 = null;
        var progress = new Reporter(result =>
        {
            if (result.Epoch == 1)
            {
                afterEpoch1 = TestData.Parameters(network);
                cancellation.Cancel();
            }
        });

        var history = network.Fit(X, Y, new TrainingOptions { Optimizer = optimizer, Epochs = 10, BatchSize = 8 }, progress: progress, cancellationToken: cancellation.Token);

        Assert.True(history.Cancelled);
        Assert.False(history.StoppedEarly);
        Assert.Equal(2, history.Epochs.Count);
        Assert.Equal(2 * 4, optimizer.StepCount);                       // batches of 8, 8, 8 and 6
        Assert.Equal(afterEpoch1, TestData.Parameters(network));
        Assert.Equal(0.01, optimizer.LearningRate);
    }

    [Fact]
    public void A_cancelled_token_trains_nothing()
    {
        var network = new LeakySoftmax(seed: 1);
        var (X, Y) = Separable(network, examples: 30, seed: 7);
        var before = TestData.Parameters(network);

        var history = network.Fit(X, Y, new TrainingOptions { Optimizer = new Adam(), Epochs = 3 }, cancellationToken: new CancellationToken(canceled: true));
        var cost = network.Fit(X, Y, iterations: 5, learningRate: 0.1, cancellationToken: new CancellationToken(canceled: true));

        Assert.True(history.Cancelled);
        Assert.Empty(history.Epochs);
        Assert.Equal(-1, history.BestEpoch);
        Assert.True(double.IsNaN(cost));
        Assert.Equal(before, TestData.Parameters(network));
    }

    [Fact]
    public void Full_batch_Fit_stops_when_progress_returns_false()
    {
        var network = new LeakySoftmax(seed: 1);
        var twin = new LeakySoftmax(seed: 1);
        var (X, Y) = Separable(network, examples: 30, seed: 7);
        var iterations = new List<int>();

        var cost = network.Fit(X, Y, iterations: 100, learningRate: 0.1, progress: (iteration, _) =>
        {
            iterations.Add(iteration);
            return iteration < 4;
        }, progressInterval: 2);
        var twinCost = twin.Fit(X, Y, iterations: 5, learningRate: 0.1);

        Assert.Equal([0, 2, 4], iterations);
        Assert.Equal(twinCost, cost);                                   // iterations 0 … 4, as a run of 5
        Assert.Equal(TestData.Parameters(twin), TestData.Parameters(network));
    }

    [Fact]
    public void Validation_data_and_early_stopping_are_checked_before_training()
    {
        var network = new LeakySoftmax(seed: 1);
        var (X, Y) = Separable(network, examples: 10, seed: 7);
        var before = TestData.Parameters(network);
        var options = new TrainingOptions { Optimizer = new Adam(), Epochs = 2 };

        Assert.Equal("validationY", Assert.Throws<ArgumentException>(() => network.Fit(X, Y, options, validationX: X)).ParamName);
        Assert.Equal("validationX", Assert.Throws<ArgumentException>(() => network.Fit(X, Y, options, new Matrix<double>(3, 10), Y)).ParamName);
        var labels = Assert.Throws<ArgumentException>(() => network.Fit(X, Y, options, X, new Matrix<double>(3, 10)));
        Assert.StartsWith("Column 0 of validationY (example 0) sums to 0", labels.Message);
        var monitor = Assert.Throws<ArgumentException>(() => network.Fit(X, Y, new TrainingOptions { Optimizer = new Adam(), Epochs = 2, EarlyStopping = new EarlyStopping() }));
        Assert.Equal("EarlyStopping", monitor.ParamName);
        Assert.StartsWith("Early stopping monitors ValidationCost, but no validation data was given", monitor.Message);
        var patience = Assert.Throws<ArgumentOutOfRangeException>(() => network.Fit(X, Y, new TrainingOptions { Optimizer = new Adam(), Epochs = 2, EarlyStopping = new EarlyStopping { Patience = -1 } }, X, Y));
        Assert.Equal("Patience", patience.ParamName);
        Assert.Equal(before, TestData.Parameters(network));
    }

    /// <summary>Three classes told apart by which of the first three inputs is largest.</summary>
    private static (Matrix<double> X, Matrix<double> Y) Separable(INetwork<double> network, int examples, int seed)
    {
        var (X, _) = TestData.For(network, examples, seed);
        var labels = Enumerable.Range(0, examples).Select(j => Enumerable.Range(0, 3).MaxBy(i => X[i, j])).ToArray();
        return (X, Matrix<double>.OneHot(labels, 3));
    }

    private static int Argmax(Matrix<double> columns, int j) => Enumerable.Range(0, columns.Rows).MaxBy(i => columns[i, j]);

    private static int IndexOfMinimum(IEnumerable<double> values)
    {
        var list = values.ToList();
        return list.IndexOf(list.Min());
    }

    /// <summary>An IProgress that runs on the training thread, unlike Progress&lt;T&gt;, which posts to a synchronization context.</summary>
    private sealed class Reporter(Action<EpochResult> report) : IProgress<EpochResult>
    {
        public void Report(EpochResult value) => report(value);
    }
}
