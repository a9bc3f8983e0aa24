using System;
using System.ComponentModel;
using System.Numerics;

namespace NetGen.CompilerServices;

/// <summary>
/// The training methods that are the same for every network, behind the generated <c>TrainStep</c>, <c>Update</c>
/// and full-batch <c>Fit</c>: each is written once over <see cref="INetwork{T}"/> and calls the network's own
/// unrolled <c>Forward</c>, <c>ComputeCost</c> and <c>Backward</c>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class NetworkTraining
{
    /// <summary>One training step: forward propagation, cost, backward propagation and a gradient-descent update.</summary>
    /// <returns>The cost before the update.</returns>
    public static T TrainStep<T>(INetwork<T> network, Matrix<T> X, Matrix<T> Y, T learningRate)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        RequireTrainingShapes(network, X, Y);
        network.Forward(X);
        var cost = network.ComputeCost(Y);
        network.Backward(Y);
        Update(network, learningRate);
        return cost;
    }

    /// <summary>One step of gradient descent with the gradients of the last backward pass: P −= α dP for every parameter P.</summary>
    public static void Update<T>(INetwork<T> network, T learningRate)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        var parameters = network.Parameters;
        var gradients = network.Gradients;
        for (var p = 0; p < parameters.Count; p++)
        {
            Kernels.SubtractScaled(parameters[p], gradients[p], learningRate);
        }
    }

    /// <summary>Full-batch gradient descent: <paramref name="iterations"/> training steps on all of X.</summary>
    /// <returns>The cost of the last iteration (NaN when there are no iterations).</returns>
    public static T Fit<T>(INetwork<T> network, Matrix<T> X, Matrix<T> Y, int iterations, T learningRate, Action<int, T>? progress, int progressInterval)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        RequireTrainingShapes(network, X, Y);
        ArgumentOutOfRangeException.ThrowIfNegative(iterations);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(progressInterval);
        var cost = T.NaN;
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            cost = TrainStep(network, X, Y, learningRate);
            if (progress != null && (iteration % progressInterval == 0 || iteration == iterations - 1))
            {
                progress(iteration, cost);
            }
        }

        return cost;
    }

    /// <summary>Checks X and Y together before anything runs, so that a wrong Y leaves the network untouched.</summary>
    internal static void RequireTrainingShapes<T>(INetwork<T> network, Matrix<T> X, Matrix<T> Y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Shapes.RequireRows(X, network.InputSize, nameof(X));
        Shapes.Require(Y, network.OutputSize, X.Columns, nameof(Y));
    }
}
