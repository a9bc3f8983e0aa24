using System;
using System.IO;
using System.Numerics;
using System.Threading;
using NetGen.CompilerServices;

namespace NetGen;

/// <summary>
/// What every network does the same way, written once over <see cref="INetwork{T}"/>: training, evaluation, the
/// allocating <c>Predict(X)</c> and <c>PredictClasses(X)</c>, and saving and loading parameters. Each runs the network's own generated <c>Forward</c>,
/// <c>ComputeCost</c>, <c>Backward</c> and <c>Predict(X, result)</c>; with <c>using NetGen;</c> they are called like the
/// network's own methods: <c>network.Fit(X, Y, 2500, 0.075)</c>, <c>network.Save(path)</c>.
/// </summary>
/// <remarks>
/// A network trains on one thread at a time. The methods that train or write parameters (<c>Update</c>,
/// <c>TrainStep</c>, every <c>Fit</c> and both <c>Load</c>s) hold the network's training guard for their whole
/// duration: a training call made meanwhile from another thread throws <see cref="InvalidOperationException"/>, while
/// calls from the training thread itself (from a <c>Fit</c> progress callback, say) go ahead.
/// </remarks>
public static partial class NetworkExtensions
{
    /// <summary>One step of gradient descent with the gradients of the last <see cref="INetwork{T}.Backward"/>: P −= α dP for every parameter P.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>, the network's precision.</typeparam>
    /// <param name="network">The network to update.</param>
    /// <param name="learningRate">The step size α.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="learningRate"/> is not a positive finite number.</exception>
    /// <exception cref="TrainingDivergedException">
    /// The update was not finite; it was not applied, and the parameters are those before it.
    /// </exception>
    /// <exception cref="InvalidOperationException">Another thread is training the network.</exception>
    public static void Update<T>(this INetwork<T> network, double learningRate)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        using (Enter(network, nameof(Update)))
        {
            NetworkTraining.Update(network, learningRate);
        }
    }

    /// <summary>One training step: forward propagation, cost, backward propagation and update.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>, the network's precision.</typeparam>
    /// <param name="network">The network to train.</param>
    /// <param name="X">The inputs, n[0] × m.</param>
    /// <param name="Y">The labels, n[L] × m.</param>
    /// <param name="learningRate">The step size α.</param>
    /// <returns>The cost before the update.</returns>
    /// <exception cref="ArgumentException">
    /// X or Y has the wrong shape, X has no examples, X or Y holds a value that is not finite (the message gives the
    /// first position), or a label is outside the loss's domain; the network is left unchanged.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="learningRate"/> is not a positive finite number.</exception>
    /// <exception cref="TrainingDivergedException">
    /// The step's cost, gradients or update were not finite; it was not applied, and the parameters are those before it.
    /// </exception>
    /// <exception cref="InvalidOperationException">Another thread is training the network.</exception>
    public static T TrainStep<T>(this INetwork<T> network, Matrix<T> X, Matrix<T> Y, double learningRate)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        using (Enter(network, nameof(TrainStep)))
        {
            return NetworkTraining.TrainStep(network, X, Y, learningRate);
        }
    }

    /// <summary>Trains on all of X at once (full-batch gradient descent) for a number of iterations.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>, the network's precision.</typeparam>
    /// <param name="network">The network to train.</param>
    /// <param name="X">The inputs, n[0] × m.</param>
    /// <param name="Y">The labels, n[L] × m.</param>
    /// <param name="iterations">The number of training steps.</param>
    /// <param name="learningRate">The step size α.</param>
    /// <param name="progress">
    /// Called with the iteration number and its cost every <paramref name="progressInterval"/> iterations, from
    /// iteration 0, and after the last one.
    /// </param>
    /// <param name="progressInterval">How often <paramref name="progress"/> is called.</param>
    /// <param name="cancellationToken">Checked before each iteration; training stops with the parameters of the last finished step.</param>
    /// <returns>The cost of the last iteration (NaN when there are none).</returns>
    /// <exception cref="ArgumentException">
    /// X or Y has the wrong shape, X has no examples, X or Y holds a value that is not finite (the message gives the
    /// first position), or a label is outside the loss's domain; the network is left unchanged.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="iterations"/> is negative, <paramref name="progressInterval"/> is not positive, or
    /// <paramref name="learningRate"/> is not a positive finite number (in the network's precision too).
    /// </exception>
    /// <exception cref="TrainingDivergedException">
    /// The step's cost, gradients or update were not finite; training stopped, and the parameters are those after the last good step.
    /// </exception>
    /// <exception cref="InvalidOperationException">Another thread is training the network.</exception>
    public static T Fit<T>(
        this INetwork<T> network,
        Matrix<T> X,
        Matrix<T> Y,
        int iterations,
        double learningRate,
        Action<int, T>? progress = null,
        int progressInterval = 100,
        CancellationToken cancellationToken = default)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        using (Enter(network, nameof(Fit)))
        {
            return NetworkTraining.Fit(network, X, Y, iterations, learningRate, progress is null ? null : Report(progress), progressInterval, cancellationToken);
        }
    }

    /// <summary>
    /// Trains on all of X at once (full-batch gradient descent) for at most <paramref name="iterations"/> iterations,
    /// stopping early when <paramref name="progress"/> returns <see langword="false"/>.
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>, the network's precision.</typeparam>
    /// <param name="network">The network to train.</param>
    /// <param name="X">The inputs, n[0] × m.</param>
    /// <param name="Y">The labels, n[L] × m.</param>
    /// <param name="iterations">The largest number of training steps.</param>
    /// <param name="learningRate">The step size α.</param>
    /// <param name="progress">
    /// Called with the iteration number and its cost every <paramref name="progressInterval"/> iterations, from
    /// iteration 0, and after the last one; return <see langword="false"/> to stop after this iteration.
    /// </param>
    /// <param name="progressInterval">How often <paramref name="progress"/> is called.</param>
    /// <param name="cancellationToken">Checked before each iteration; training stops with the parameters of the last finished step.</param>
    /// <returns>The cost of the last iteration trained (NaN when there are none).</returns>
    /// <exception cref="ArgumentException">
    /// X or Y has the wrong shape, X has no examples, X or Y holds a value that is not finite, or a label is outside
    /// the loss's domain; the network is left unchanged.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="iterations"/> is negative, <paramref name="progressInterval"/> is not positive, or
    /// <paramref name="learningRate"/> is not a positive finite number (in the network's precision too).
    /// </exception>
    /// <exception cref="TrainingDivergedException">
    /// The step's cost, gradients or update were not finite; training stopped, and the parameters are those after the last good step.
    /// </exception>
    /// <exception cref="InvalidOperationException">Another thread is training the network.</exception>
    public static T Fit<T>(
        this INetwork<T> network,
        Matrix<T> X,
        Matrix<T> Y,
        int iterations,
        double learningRate,
        Func<int, T, bool> progress,
        int progressInterval = 100,
        CancellationToken cancellationToken = default)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(progress);
        using (Enter(network, nameof(Fit)))
        {
            return NetworkTraining.Fit(network, X, Y, iterations, learningRate, progress, progressInterval, cancellationToken);
        }
    }

    /// <summary>
    /// Trains with mini-batches and an optimizer: each epoch shuffles the examples (from options.Seed), then takes one
    /// optimizer step per batch; the last batch of an epoch takes the remainder. After each epoch, the validation data
    /// (if any) is evaluated in inference mode, the epoch is added to the history and reported, and early stopping
    /// (if set in <paramref name="options"/>) decides whether to go on.
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>, the network's precision.</typeparam>
    /// <param name="network">The network to train.</param>
    /// <param name="X">The inputs, n[0] × m.</param>
    /// <param name="Y">The labels, n[L] × m.</param>
    /// <param name="options">The optimizer, epochs, batch size, shuffling, learning-rate schedule and early stopping.</param>
    /// <param name="validationX">Inputs evaluated after each epoch (Keras' validation_data), or null.</param>
    /// <param name="validationY">Their labels, or null; given together with <paramref name="validationX"/>.</param>
    /// <param name="progress">Receives each epoch's <see cref="EpochResult"/>, after it is added to the history.</param>
    /// <param name="cancellationToken">
    /// Checked before each batch: when cancelled, training stops with the parameters and optimizer state of the last
    /// finished step, and the history says <see cref="TrainingHistory.Cancelled"/> (no exception is thrown).
    /// </param>
    /// <returns>The history: each epoch's costs, metric, learning rate and time; the best epoch; why training ended.</returns>
    /// <exception cref="ArgumentException">
    /// X, Y or the validation data has the wrong shape, no examples, a value that is not finite (the message gives the
    /// first position) or a label outside the loss's domain; only one validation matrix is given; or early stopping
    /// monitors validation data that was not given. The network is left unchanged.
    /// </exception>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or its <see cref="TrainingOptions.Optimizer"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting of <paramref name="options"/> is out of range.</exception>
    /// <exception cref="TrainingDivergedException">
    /// The step's cost, gradients or update were not finite; training stopped, and the parameters and the optimizer's state are those after the last good step.
    /// </exception>
    /// <exception cref="InvalidOperationException">Another thread is training the network.</exception>
    public static TrainingHistory Fit<T>(
        this INetwork<T> network,
        Matrix<T> X,
        Matrix<T> Y,
        TrainingOptions options,
        Matrix<T>? validationX = null,
        Matrix<T>? validationY = null,
        IProgress<EpochResult>? progress = null,
        CancellationToken cancellationToken = default)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        using (Enter(network, nameof(Fit)))
        {
            return MiniBatchTrainer.Fit(network, X, Y, options, validationX, validationY, null, progress, cancellationToken);
        }
    }

    /// <summary>
    /// Trains with mini-batches and an optimizer, as <see cref="Fit{T}(INetwork{T}, Matrix{T}, Matrix{T}, TrainingOptions, Matrix{T}?, Matrix{T}?, IProgress{EpochResult}?, CancellationToken)"/>,
    /// calling <paramref name="progress"/> after each epoch.
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>, the network's precision.</typeparam>
    /// <param name="network">The network to train.</param>
    /// <param name="X">The inputs, n[0] × m.</param>
    /// <param name="Y">The labels, n[L] × m.</param>
    /// <param name="options">The optimizer, epochs, batch size, shuffling, learning-rate schedule and early stopping.</param>
    /// <param name="progress">Called after each epoch with its number and training cost; return false to stop early.</param>
    /// <returns>The history of the epochs trained.</returns>
    /// <exception cref="ArgumentException">
    /// X or Y has the wrong shape, X has no examples, X or Y holds a value that is not finite (the message gives the
    /// first position), or a label is outside the loss's domain; the network is left unchanged.
    /// </exception>
    /// <exception cref="ArgumentNullException"><paramref name="options"/>, its <see cref="TrainingOptions.Optimizer"/> or <paramref name="progress"/> is null.</exception>
    /// <exception cref="TrainingDivergedException">
    /// The step's cost, gradients or update were not finite; training stopped, and the parameters and the optimizer's state are those after the last good step.
    /// </exception>
    /// <exception cref="InvalidOperationException">Another thread is training the network.</exception>
    public static TrainingHistory Fit<T>(this INetwork<T> network, Matrix<T> X, Matrix<T> Y, TrainingOptions options, Func<int, T, bool> progress)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(progress);
        using (Enter(network, nameof(Fit)))
        {
            return MiniBatchTrainer.Fit(network, X, Y, options, null, null, progress, null, default);
        }
    }

    /// <summary>The network's outputs A[L] for X, in a new matrix. The training caches are left as they are.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>, the network's precision.</typeparam>
    /// <param name="network">The network to run.</param>
    /// <param name="X">The inputs, n[0] × m.</param>
    /// <returns>A new n[L] × m matrix of outputs.</returns>
    /// <exception cref="ArgumentException">X does not have n[0] rows.</exception>
    /// <remarks>To predict without allocating, pass the result matrix: <see cref="INetwork{T}.Predict(Matrix{T}, Matrix{T})"/>.</remarks>
    public static Matrix<T> Predict<T>(this INetwork<T> network, Matrix<T> X)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        Shapes.RequireRows(X, network.InputSize, nameof(X));
        var result = new Matrix<T>(network.OutputSize, X.Columns);
        network.Predict(X, result);
        return result;
    }

    /// <summary>
    /// Measures the network on X and Y in inference mode — no dropout, no L2 term, on buffers of its own, like
    /// <c>Predict</c> — and returns the cost with the metrics that fit the loss: accuracy, per-class precision, recall,
    /// F1 and the confusion matrix for a classifier; RMSE, MAE and R² for squared error.
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>, the network's precision.</typeparam>
    /// <param name="network">The network to evaluate.</param>
    /// <param name="X">The inputs, n[0] × m.</param>
    /// <param name="Y">The labels, n[L] × m.</param>
    /// <returns>The cost (equal to <c>ComputeCost</c> with λ = 0 and no dropout, computed from the logits as stably) and the metrics.</returns>
    /// <exception cref="ArgumentException">
    /// X or Y has the wrong shape, X has no examples or holds a value that is not finite, or a label is outside the loss's domain.
    /// </exception>
    /// <exception cref="InvalidOperationException">Another thread is inside a training method of this network.</exception>
    /// <remarks>Safe from any number of threads at once while the network is not being trained, as <c>Predict</c> is.</remarks>
    public static EvaluationResult Evaluate<T>(this INetwork<T> network, Matrix<T> X, Matrix<T> Y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        Evaluation.Evaluate(network, X, Y, nameof(X), nameof(Y));

    /// <summary>
    /// The predicted class of each example: the row of the largest output for a softmax network (the first, on ties), or
    /// 1 when the output is above 0.5 and else 0 for one sigmoid unit.
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>, the network's precision.</typeparam>
    /// <param name="network">The classifier.</param>
    /// <param name="X">The inputs, n[0] × m.</param>
    /// <returns>m classes, one per column of X.</returns>
    /// <exception cref="ArgumentException">X does not have n[0] rows.</exception>
    /// <exception cref="InvalidOperationException">
    /// The network is not a single-label classifier (squared error, or several sigmoid units), or another thread is training it.
    /// </exception>
    public static int[] PredictClasses<T>(this INetwork<T> network, Matrix<T> X)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        Evaluation.PredictClasses(network, X);

    /// <summary>Writes the parameters, with the architecture they belong to, in NetGen's binary format (see <see cref="NetworkFile"/>).</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>, the network's precision.</typeparam>
    /// <param name="network">The network to save.</param>
    /// <param name="stream">The stream to write to; left open.</param>
    /// <exception cref="InvalidOperationException">A parameter is NaN or infinite; nothing was written.</exception>
    public static void Save<T>(this INetwork<T> network, Stream stream)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        NetworkFile.Save(network, stream);

    /// <summary>
    /// Writes the parameters to the file at <paramref name="path"/>, replacing it atomically: a temporary file in the same
    /// folder, flushed to disk, then renamed over the target, so that a crash leaves the old or the new complete file.
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>, the network's precision.</typeparam>
    /// <param name="network">The network to save.</param>
    /// <param name="path">The file to write.</param>
    /// <exception cref="InvalidOperationException">A parameter is NaN or infinite; nothing was written.</exception>
    public static void Save<T>(this INetwork<T> network, string path)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        NetworkFile.Save(network, path);

    /// <summary>Reads parameters saved by a network of the same <see cref="INetwork{T}.Architecture"/>.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>, the network's precision.</typeparam>
    /// <param name="network">The network to load into.</param>
    /// <param name="stream">The stream to read from; left open.</param>
    /// <exception cref="InvalidDataException">
    /// The stream is not a parameter file of this architecture, or is damaged, truncated, followed by other bytes, or
    /// holds a value that is not finite; the network is left unchanged.
    /// </exception>
    /// <exception cref="InvalidOperationException">Another thread is training the network.</exception>
    public static void Load<T>(this INetwork<T> network, Stream stream)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        using (Enter(network, nameof(Load)))
        {
            NetworkFile.Load(network, stream);
        }
    }

    /// <summary>Reads parameters from the file at <paramref name="path"/>, saved by a network of the same <see cref="INetwork{T}.Architecture"/>.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>, the network's precision.</typeparam>
    /// <param name="network">The network to load into.</param>
    /// <param name="path">The file to read.</param>
    /// <exception cref="InvalidDataException">
    /// The file is not a parameter file of this architecture, or is damaged; the network is left unchanged.
    /// </exception>
    /// <exception cref="InvalidOperationException">Another thread is training the network.</exception>
    public static void Load<T>(this INetwork<T> network, string path)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        using (Enter(network, nameof(Load)))
        {
            NetworkFile.Load(network, path);
        }
    }

    /// <summary>A callback that only reports, as one that never stops training.</summary>
    private static Func<int, T, bool> Report<T>(Action<int, T> progress) => (iteration, cost) =>
    {
        progress(iteration, cost);
        return true;
    };

    /// <summary>Enters the training guard of <paramref name="network"/> for <paramref name="operation"/>; dispose the scope to leave it.</summary>
    private static TrainingGuard.Scope Enter<T>(INetwork<T> network, string operation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        return network.TrainingGuard.Enter(operation);
    }
}
