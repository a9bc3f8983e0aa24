using System;
using System.ComponentModel;
using System.Numerics;
using System.Threading;

namespace NetGen.CompilerServices;

/// <summary>
/// The training methods that are the same for every network, behind <see cref="NetworkExtensions"/>' <c>TrainStep</c>,
/// <c>Update</c> and full-batch <c>Fit</c>: each is written once over <see cref="INetwork{T}"/> and calls the network's
/// own unrolled <c>Forward</c>, <c>ComputeCost</c> and <c>Backward</c>.
/// </summary>
/// <remarks>
/// No call here can leave a parameter NaN or infinite. Arguments are checked before anything runs; a step whose cost,
/// gradients or update are not finite is refused before it writes a parameter (<see cref="GradientStep"/> checks the
/// whole update, then applies it), and reported as a <see cref="TrainingDivergedException"/>, or as an
/// <see cref="ArgumentException"/> naming the first non-finite value of X or Y when the data caused it. On the path that
/// succeeds the guards cost one pass over Y (the labels) and the check pass of the update (a read of the parameters and
/// gradients before they are written); X is not scanned, since a non-finite input always shows in dW1.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class NetworkTraining
{
    /// <summary>One training step: forward propagation, cost, backward propagation and a gradient-descent update.</summary>
    /// <returns>The cost before the update.</returns>
    /// <exception cref="ArgumentException">
    /// X or Y has the wrong shape, X has no examples, a label is outside the loss's domain, or X holds a value that is
    /// not finite; the network's parameters are unchanged.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="learningRate"/> is not a positive finite number.</exception>
    /// <exception cref="InvalidOperationException">A parameter was NaN or infinite before the step (set outside training).</exception>
    /// <exception cref="TrainingDivergedException">The step was not finite and was not applied.</exception>
    public static T TrainStep<T>(INetwork<T> network, Matrix<T> X, Matrix<T> Y, double learningRate)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Arguments.RequireTrainingData(network, X, Y);
        var rate = Arguments.LearningRate<T>(learningRate, nameof(learningRate));
        Labels.Require(network.Loss, Y);
        return Step(network, X, Y, new PlainGradientStep<T>(rate), X, Y, default);
    }

    /// <summary>One step of gradient descent with the gradients of the last backward pass: P −= α dP for every parameter P.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="learningRate"/> is not a positive finite number.</exception>
    /// <exception cref="InvalidOperationException">A parameter was NaN or infinite before the step (set outside training).</exception>
    /// <exception cref="TrainingDivergedException">A gradient, or a new parameter value, is not finite; nothing was changed.</exception>
    public static void Update<T>(INetwork<T> network, double learningRate)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        var step = new PlainGradientStep<T>(Arguments.LearningRate<T>(learningRate, nameof(learningRate)));
        var refused = step.TryApply(network);
        if (refused >= 0)
        {
            throw Divergence.OfUpdate(network, refused, step.Kind);
        }
    }

    /// <summary>
    /// Full-batch gradient descent: <paramref name="iterations"/> training steps on all of X. X and Y are checked once,
    /// before the first step; a step that diverges stops training with the parameters of the last step that succeeded.
    /// </summary>
    /// <returns>The cost of the last iteration (NaN when there are no iterations).</returns>
    /// <exception cref="ArgumentException">
    /// X or Y has the wrong shape, X has no examples or holds a value that is not finite, or a label is outside the
    /// loss's domain; the network is unchanged.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="iterations"/> is negative, <paramref name="learningRate"/> is not a positive finite number, or
    /// <paramref name="progressInterval"/> is not positive.
    /// </exception>
    /// <exception cref="InvalidOperationException">A parameter was NaN or infinite before training (set outside training).</exception>
    /// <exception cref="TrainingDivergedException">
    /// A step was not finite; its <see cref="TrainingDivergedException.Iteration"/> says which, and the parameters are
    /// those after the iteration before it.
    /// </exception>
    public static T Fit<T>(
        INetwork<T> network, Matrix<T> X, Matrix<T> Y, int iterations, double learningRate, Func<int, T, bool>? progress, int progressInterval, CancellationToken cancellationToken)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Arguments.RequireTrainingData(network, X, Y);
        ArgumentOutOfRangeException.ThrowIfNegative(iterations);
        var rate = Arguments.LearningRate<T>(learningRate, nameof(learningRate));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(progressInterval);
        ValueChecks.RequireFinite(X, nameof(X));
        Labels.Require(network.Loss, Y);
        var cost = T.NaN;
        for (var iteration = 0; iteration < iterations && !cancellationToken.IsCancellationRequested; iteration++)
        {
            cost = Step(network, X, Y, new PlainGradientStep<T>(rate), X, Y, new Divergence.Where(iteration, null, null));
            if (progress != null && (iteration % progressInterval == 0 || iteration == iterations - 1) && !progress(iteration, cost))
            {
                break;
            }
        }

        return cost;
    }

    /// <summary>
    /// One training step on arguments already checked: forward propagation of <paramref name="inputs"/>, the cost and
    /// backward propagation against <paramref name="labels"/>, then <paramref name="update"/>, all of it or none. A
    /// step whose cost or update is not finite throws, with the parameters as they were: an
    /// <see cref="ArgumentException"/> when the user's <paramref name="X"/> or <paramref name="Y"/> holds a non-finite
    /// value (the batch came from them), else a <see cref="TrainingDivergedException"/> located by
    /// <paramref name="where"/>.
    /// </summary>
    /// <returns>The cost before the update.</returns>
    internal static T Step<T, TUpdate>(INetwork<T> network, Matrix<T> inputs, Matrix<T> labels, TUpdate update, Matrix<T> X, Matrix<T> Y, Divergence.Where where)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TUpdate : IGuardedUpdate<T>
    {
        network.Forward(inputs);
        var cost = network.ComputeCost(labels);
        var refused = -1;
        if (T.IsFinite(cost))
        {
            network.Backward(labels);
            refused = update.TryApply(network);
            if (refused < 0)
            {
                return cost;
            }
        }

        throw Divergence.OfStep(network, X, Y, cost, refused, update.Kind, where);
    }
}
