using System.ComponentModel;
using System;
using System.Numerics;

namespace NetGen.CompilerServices;

/// <summary>
/// The mini-batch training loop behind <see cref="NetworkExtensions"/>' <c>Fit(X, Y, options, progress)</c>: per epoch,
/// shuffle, then for each batch forward, cost, backward and an optimizer step. Written once over
/// <see cref="INetwork{T}"/>: the loop has nothing to specialize, and each step calls the network's own unrolled code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class MiniBatchTrainer
{
    /// <summary>Trains <paramref name="network"/> on X and Y as <paramref name="options"/> say.</summary>
    /// <remarks>
    /// X and Y are checked once, before the first step: every input must be finite and every label in the loss's
    /// domain. A step whose cost, gradients or update are not finite is not applied, and training stops with a
    /// <see cref="TrainingDivergedException"/>: the parameters and the optimizer's state (its averages and
    /// <see cref="Optimizer.StepCount"/>) are those after the last step that succeeded.
    /// </remarks>
    /// <param name="network">The network to train.</param>
    /// <param name="X">The inputs, one column per example.</param>
    /// <param name="Y">The labels, one column per example.</param>
    /// <param name="options">The optimizer, epochs, batch size and shuffling.</param>
    /// <param name="progress">
    /// Called after each epoch with the epoch number (0 first) and its cost (the mean of the batch costs, weighted by
    /// batch size); return <see langword="false"/> to stop training early.
    /// </param>
    /// <returns>The cost of the last epoch trained (NaN when there were none).</returns>
    /// <exception cref="ArgumentNullException">The network, X, Y, <paramref name="options"/> or its optimizer is null.</exception>
    /// <exception cref="ArgumentException">
    /// X or Y has the wrong shape, X has no examples or holds a value that is not finite, or a label is outside the
    /// loss's domain; the network is unchanged.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">The epochs are negative or the batch size is not positive.</exception>
    /// <exception cref="InvalidOperationException">A parameter was NaN or infinite before training (set outside training).</exception>
    /// <exception cref="TrainingDivergedException">A step was not finite; its epoch and batch say which.</exception>
    public static T Fit<T>(INetwork<T> network, Matrix<T> X, Matrix<T> Y, TrainingOptions options, Func<int, T, bool>? progress = null)
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

        var m = X.Columns;
        var batchSize = Math.Min(options.BatchSize, m);
        var order = new int[m];
        for (var j = 0; j < m; j++)
        {
            order[j] = j;
        }

        var random = new DeterministicRandom(unchecked((ulong)options.Seed));
        Matrix<T> batchX = new(X.Rows, batchSize), batchY = new(Y.Rows, batchSize);
        var initialLearningRate = optimizer.LearningRate;
        var epochCost = T.NaN;
        try
        {
            for (var epoch = 0; epoch < options.Epochs; epoch++)
            {
                if (options.Schedule is { } schedule)
                {
                    optimizer.LearningRate = schedule.At(initialLearningRate, epoch);
                }

                if (options.Shuffle)
                {
                    Shuffle(order, random);
                }

                var costSum = 0.0;
                for (var start = 0; start < m; start += batchSize)
                {
                    var size = Math.Min(batchSize, m - start);
                    var batch = order.AsSpan(start, size);
                    Gather(X, batch, batchX);
                    Gather(Y, batch, batchY);

                    var where = new Divergence.Where(null, epoch, start / batchSize);
                    var cost = NetworkTraining.Step(network, batchX, batchY, new OptimizerStep<T>(optimizer), X, Y, where);
                    costSum += double.CreateTruncating(cost) * size;
                }

                epochCost = T.CreateTruncating(costSum / m);
                if (progress != null && !progress(epoch, epochCost))
                {
                    break;
                }
            }
        }
        finally
        {
            // A schedule changes the rate only for this run: the next Fit starts again from the optimizer's own rate.
            optimizer.LearningRate = initialLearningRate;
        }

        return epochCost;
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
