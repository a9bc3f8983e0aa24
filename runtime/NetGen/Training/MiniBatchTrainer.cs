using System;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Numerics;
using System.Threading;

namespace NetGen.CompilerServices;

/// <summary>
/// The mini-batch training loop behind <see cref="NetworkExtensions"/>' <c>Fit(X, Y, options, …)</c>: per epoch,
/// shuffle, then for each batch forward, cost, backward and an optimizer step; after the epoch, validation, history,
/// progress and early stopping. Written once over <see cref="INetwork{T}"/>: the loop has nothing to specialize, and
/// each step calls the network's own unrolled code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class MiniBatchTrainer
{
    /// <summary>Trains <paramref name="network"/> on X and Y as <paramref name="options"/> say.</summary>
    /// <remarks>
    /// Every argument is checked before the first step: every input must be finite and every label in the loss's
    /// domain, for the validation data too. A step whose cost, gradients or update are not finite is not applied, and
    /// training stops with a <see cref="TrainingDivergedException"/>: the parameters and the optimizer's state (its
    /// averages and <see cref="Optimizer.StepCount"/>) are those after the last step that succeeded. Nothing allocates
    /// per step; per epoch, only the history entry (and the evaluation of validation data, when given).
    /// </remarks>
    /// <param name="network">The network to train.</param>
    /// <param name="X">The inputs, one column per example.</param>
    /// <param name="Y">The labels, one column per example.</param>
    /// <param name="options">The optimizer, epochs, batch size, shuffling, schedule and early stopping.</param>
    /// <param name="validationX">Inputs evaluated after each epoch, or null.</param>
    /// <param name="validationY">Their labels, or null.</param>
    /// <param name="callback">
    /// Called after each epoch with the epoch number (0 first) and its cost; return <see langword="false"/> to stop.
    /// </param>
    /// <param name="progress">Receives each epoch's <see cref="EpochResult"/>.</param>
    /// <param name="cancellationToken">Checked before each batch.</param>
    /// <returns>The history of the epochs trained.</returns>
    /// <exception cref="ArgumentNullException">The network, X, Y, <paramref name="options"/> or its optimizer is null.</exception>
    /// <exception cref="ArgumentException">
    /// X, Y or the validation data has the wrong shape, no examples, a value that is not finite, or a label outside the
    /// loss's domain; only one of the validation matrices is given; or early stopping monitors validation data that
    /// was not given. The network is unchanged.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">The epochs are negative, the batch size is not positive, or early stopping's settings are out of range.</exception>
    /// <exception cref="InvalidOperationException">A parameter was NaN or infinite before training (set outside training).</exception>
    /// <exception cref="TrainingDivergedException">A step was not finite; its epoch and batch say which.</exception>
    public static TrainingHistory Fit<T>(
        INetwork<T> network,
        Matrix<T> X,
        Matrix<T> Y,
        TrainingOptions options,
        Matrix<T>? validationX,
        Matrix<T>? validationY,
        Func<int, T, bool>? callback,
        IProgress<EpochResult>? progress,
        CancellationToken cancellationToken)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Arguments.RequireTrainingData(network, X, Y);
        ArgumentNullException.ThrowIfNull(options);
        var optimizer = options.Optimizer ?? throw new ArgumentNullException(
            nameof(options.Optimizer), "TrainingOptions.Optimizer is null: set it to an optimizer, such as new Adam().");
        ArgumentOutOfRangeException.ThrowIfNegative(options.Epochs, nameof(options.Epochs));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.BatchSize, nameof(options.BatchSize));
        ValueChecks.RequireFinite(X, nameof(X));
        Labels.Require(network.Loss, Y);
        var validation = RequireValidation(network, validationX, validationY);
        var monitor = Monitor(options.EarlyStopping, validation);
        RequireCheckpointFolder(options.CheckpointPath);

        var run = new Run<T>(network, X, Y, options);
        var history = new TrainingHistory(Math.Max(options.Epochs - run.FirstEpoch, 0));
        var best = new BestEpoch<T>(network, monitor, options.EarlyStopping);
        var start = Stopwatch.GetTimestamp();
        try
        {
            for (var epoch = run.FirstEpoch; epoch < options.Epochs; epoch++)
            {
                if (!run.TrainEpoch(epoch, cancellationToken, out var cost))
                {
                    history.Cancelled = true;
                    break;
                }

                var evaluation = validation is var (vX, vY) ? Evaluation.Evaluate(network, vX, vY, nameof(validationX), nameof(validationY)) : null;
                var result = new EpochResult(
                    epoch, double.CreateTruncating(cost), evaluation?.Cost ?? double.NaN, evaluation?.Metric ?? double.NaN, optimizer.LearningRate, Stopwatch.GetElapsedTime(start));
                history.Add(result);
                var stop = best.Observe(result);
                run.EndEpoch(epoch);
                progress?.Report(result);
                if ((callback != null && !callback(epoch, cost)) || stop)
                {
                    history.StoppedEarly = epoch < options.Epochs - 1;
                    break;
                }
            }
        }
        finally
        {
            run.End();
        }

        history.BestEpoch = best.Epoch;
        if (!history.Cancelled)
        {
            best.Restore();
        }

        return history;
    }

    /// <summary>Both validation matrices, checked, or neither.</summary>
    private static (Matrix<T> X, Matrix<T> Y)? RequireValidation<T>(INetwork<T> network, Matrix<T>? validationX, Matrix<T>? validationY)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (validationX is null && validationY is null)
        {
            return null;
        }

        if (validationX is null || validationY is null)
        {
            var missing = validationX is null ? nameof(validationX) : nameof(validationY);
            throw new ArgumentException($"Expected both validationX and validationY, but {missing} is null.", missing);
        }

        Evaluation.RequireData(network, validationX, validationY, nameof(validationX), nameof(validationY));
        return (validationX, validationY);
    }

    /// <summary>What decides the best epoch: early stopping's quantity, else the validation cost when there is validation data, else the training cost.</summary>
    private static MonitoredQuantity Monitor<T>(EarlyStopping? earlyStopping, (Matrix<T>, Matrix<T>)? validation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (earlyStopping is null)
        {
            return validation is null ? MonitoredQuantity.TrainingCost : MonitoredQuantity.ValidationCost;
        }

        earlyStopping.Validate();
        if (validation is null && earlyStopping.Monitor != MonitoredQuantity.TrainingCost)
        {
            throw new ArgumentException(
                $"Early stopping monitors {earlyStopping.Monitor}, but no validation data was given: pass validationX and validationY, or monitor {nameof(MonitoredQuantity.TrainingCost)}.",
                nameof(TrainingOptions.EarlyStopping));
        }

        return earlyStopping.Monitor;
    }

    /// <summary>Checks before training that the checkpoint can be written where asked, so that a wrong path fails before the first epoch rather than after it.</summary>
    private static void RequireCheckpointFolder(string? path)
    {
        if (path is null)
        {
            return;
        }

        if (path.Length == 0 || !Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(path))))
        {
            throw new ArgumentException(
                $"Expected CheckpointPath to be a file in an existing folder, but it is \"{path}\".", nameof(TrainingOptions.CheckpointPath));
        }
    }

    /// <summary>The state of one run of the loop: the example order, the shuffling generator, the batch buffers and the learning rate.</summary>
    private sealed class Run<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        private readonly INetwork<T> network;
        private readonly Matrix<T> X;
        private readonly Matrix<T> Y;
        private readonly TrainingOptions options;
        private readonly int[] order;
        private readonly DeterministicRandom random;
        private readonly Matrix<T> batchX;
        private readonly Matrix<T> batchY;
        private readonly double initialLearningRate;
        private readonly int batchSize;

        public Run(INetwork<T> network, Matrix<T> X, Matrix<T> Y, TrainingOptions options)
        {
            (this.network, this.X, this.Y, this.options) = (network, X, Y, options);
            batchSize = Math.Min(options.BatchSize, X.Columns);
            order = new int[X.Columns];
            for (var j = 0; j < order.Length; j++)
            {
                order[j] = j;
            }

            random = new DeterministicRandom(unchecked((ulong)options.Seed));
            (batchX, batchY) = (new Matrix<T>(X.Rows, batchSize), new Matrix<T>(Y.Rows, batchSize));
            initialLearningRate = options.Optimizer.LearningRate;
            if (options.CheckpointPath is { } path && File.Exists(path))
            {
                FirstEpoch = TrainingCheckpoint.Load(path, network, options.Optimizer, order, random, out initialLearningRate);
            }
        }

        /// <summary>The first epoch to train.</summary>
        public int FirstEpoch { get; }

        /// <summary>
        /// Trains one epoch; false when <paramref name="cancellationToken"/> stopped it before a batch, with the
        /// parameters of the last finished step.
        /// </summary>
        public bool TrainEpoch(int epoch, CancellationToken cancellationToken, out T epochCost)
        {
            var optimizer = options.Optimizer;
            if (options.Schedule is { } schedule)
            {
                optimizer.LearningRate = schedule.At(initialLearningRate, epoch);
            }

            if (options.Shuffle)
            {
                Shuffle(order, random);
            }

            var m = X.Columns;
            var costSum = 0.0;
            epochCost = T.NaN;
            for (var start = 0; start < m; start += batchSize)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    return false;
                }

                var size = Math.Min(batchSize, m - start);
                var batch = order.AsSpan(start, size);
                Gather(X, batch, batchX);
                Gather(Y, batch, batchY);

                var where = new Divergence.Where(null, epoch, start / batchSize);
                var cost = NetworkTraining.Step(network, batchX, batchY, new OptimizerStep<T>(optimizer), X, Y, where);
                costSum += double.CreateTruncating(cost) * size;
            }

            epochCost = T.CreateTruncating(costSum / m);
            return true;
        }

        /// <summary>After a finished epoch: saves the checkpoint, if there is one to keep.</summary>
        public void EndEpoch(int epoch)
        {
            if (options.CheckpointPath is { } path)
            {
                TrainingCheckpoint.Save(path, network, options.Optimizer, epoch + 1, initialLearningRate, order, random);
            }
        }

        /// <summary>A schedule changes the rate only for this run: the next Fit starts again from the optimizer's own rate.</summary>
        public void End() => options.Optimizer.LearningRate = initialLearningRate;
    }

    /// <summary>Tracks the best epoch by the monitored quantity and, with early stopping, its parameters and the patience left.</summary>
    private sealed class BestEpoch<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        private readonly INetwork<T> network;
        private readonly MonitoredQuantity monitor;
        private readonly EarlyStopping? earlyStopping;
        private readonly T[][]? parameters;
        private double best = double.NaN;
        private int sinceBest;

        public BestEpoch(INetwork<T> network, MonitoredQuantity monitor, EarlyStopping? earlyStopping)
        {
            (this.network, this.monitor, this.earlyStopping) = (network, monitor, earlyStopping);
            if (earlyStopping != null)
            {
                parameters = new T[network.Parameters.Count][];
                for (var p = 0; p < parameters.Length; p++)
                {
                    parameters[p] = new T[network.Parameters[p].Length];
                }
            }
        }

        /// <summary>The best epoch so far, or −1.</summary>
        public int Epoch { get; private set; } = -1;

        /// <summary>Takes an epoch's result; true when early stopping's patience has run out.</summary>
        public bool Observe(EpochResult result)
        {
            // Higher is better for the metric, lower for costs: compare the negated metric.
            var value = monitor switch
            {
                MonitoredQuantity.ValidationCost => result.ValidationCost,
                MonitoredQuantity.ValidationMetric => -result.ValidationMetric,
                MonitoredQuantity.TrainingCost => result.TrainingCost,
                _ => throw new InvalidOperationException($"Unknown monitored quantity {monitor}."),
            };
            if (Epoch < 0 || value < best - (earlyStopping?.MinimumImprovement ?? 0))
            {
                (best, Epoch, sinceBest) = (value, result.Epoch, 0);
                if (parameters != null)
                {
                    for (var p = 0; p < parameters.Length; p++)
                    {
                        network.Parameters[p].AsSpan().CopyTo(parameters[p]);
                    }
                }

                return false;
            }

            sinceBest++;
            return earlyStopping != null && sinceBest >= earlyStopping.Patience;
        }

        /// <summary>With early stopping, puts back the best epoch's parameters.</summary>
        public void Restore()
        {
            if (parameters != null && Epoch >= 0)
            {
                for (var p = 0; p < parameters.Length; p++)
                {
                    parameters[p].CopyTo(network.Parameters[p].AsSpan());
                }
            }
        }
    }

    /// <summary>Fisher–Yates: every permutation equally likely, and the same one for the same random sequence.</summary>
    private static void Shuffle(int[] order, DeterministicRandom random)
    {
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = random.NextInt32(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }

    /// <summary>Copies the columns <paramref name="columns"/> of <paramref name="source"/> into <paramref name="batch"/>, resized to fit them.</summary>
    private static void Gather<T>(Matrix<T> source, ReadOnlySpan<int> columns, Matrix<T> batch)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        batch.Resize(columns.Length);
        for (var i = 0; i < source.Rows; i++)
        {
            var from = source.Row(i);
            var to = batch.Row(i);
            for (var j = 0; j < columns.Length; j++)
            {
                to[j] = from[columns[j]];
            }
        }
    }
}
