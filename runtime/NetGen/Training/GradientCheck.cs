using System.ComponentModel;
using System;
using System.Numerics;

namespace NetGen.CompilerServices;

/// <summary>
/// Compares a network's backward propagation with central finite differences of its cost, over every parameter.
/// Generated networks expose it as <c>CheckGradients(X, Y, epsilon)</c>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GradientCheck
{
    /// <summary>
    /// A generated network's <c>CheckGradients</c>: <see cref="RelativeDifference"/> while holding the network's
    /// training guard, so that a check while another thread trains throws.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another thread is inside a training call on the network.</exception>
    public static double Check<T>(INetwork<T> network, Matrix<T> X, Matrix<T> Y, double epsilon, DropoutMasks? dropout = null)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        using var training = network.TrainingGuard.Enter("CheckGradients");
        return RelativeDifference(network, X, Y, epsilon, dropout);
    }

    /// <summary>
    /// ‖grad − approx‖ / (‖grad‖ + ‖approx‖), where grad is every gradient from <see cref="INetwork{T}.Backward"/> and
    /// approx[i] = (J(θ + ε eᵢ) − J(θ − ε eᵢ)) / 2ε. In double precision a correct network gives about 1e-7 or less with
    /// ε = 1e-7; in single precision the cost itself is only good to about 1e-7, so use ε ≈ 1e-3 and expect about 1e-3.
    /// Every parameter is restored exactly, and the caches and gradients are those of X and Y afterwards.
    /// </summary>
    /// <param name="network">The network to check.</param>
    /// <param name="X">The inputs: a few examples are enough, since each parameter costs two forward passes.</param>
    /// <param name="Y">The labels.</param>
    /// <param name="epsilon">The perturbation ε.</param>
    /// <param name="dropout">
    /// The network's dropout, if it has any: one forward pass draws the masks, which then stay fixed for the whole
    /// check, so that the cost is a function of the parameters alone.
    /// </param>
    /// <returns>The relative difference; 0 when both gradients are exactly 0.</returns>
    /// <exception cref="ArgumentException">
    /// X or Y has the wrong shape, X has no examples or holds a value that is not finite, or a label is outside the
    /// loss's domain (where the cost and the gradient of backward propagation are not each other's).
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epsilon"/> is not a positive finite number.</exception>
    public static double RelativeDifference<T>(INetwork<T> network, Matrix<T> X, Matrix<T> Y, double epsilon, DropoutMasks? dropout = null)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Arguments.RequireTrainingData(network, X, Y);
        Arguments.RequirePositiveFinite(epsilon, nameof(epsilon));
        ValueChecks.RequireFinite(X, nameof(X));
        Labels.Require(network.Loss, Y);

        if (dropout is null)
        {
            return Compare(network, X, Y, epsilon);
        }

        network.Forward(X);
        using (dropout.Freeze())
        {
            return Compare(network, X, Y, epsilon);
        }
    }

    private static double Compare<T>(INetwork<T> network, Matrix<T> X, Matrix<T> Y, double epsilon)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        network.Forward(X);
        network.Backward(Y);
        var gradients = new double[network.Parameters.Count][];
        for (var p = 0; p < gradients.Length; p++)
        {
            gradients[p] = Array.ConvertAll(network.Gradients[p].AsSpan().ToArray(), double.CreateTruncating);
        }

        double differenceSquared = 0, gradientSquared = 0, approximationSquared = 0;
        try
        {
            for (var p = 0; p < gradients.Length; p++)
            {
                var parameter = network.Parameters[p].AsSpan();
                for (var i = 0; i < parameter.Length; i++)
                {
                    var original = parameter[i];

                    // The steps actually taken, which in float differ from ±ε by rounding.
                    var plus = T.CreateTruncating(double.CreateTruncating(original) + epsilon);
                    var minus = T.CreateTruncating(double.CreateTruncating(original) - epsilon);
                    parameter[i] = plus;
                    var costPlus = Cost(network, X, Y);
                    parameter[i] = minus;
                    var costMinus = Cost(network, X, Y);
                    parameter[i] = original;

                    var approximation = (costPlus - costMinus) / double.CreateTruncating(plus - minus);
                    var gradient = gradients[p][i];
                    differenceSquared += (gradient - approximation) * (gradient - approximation);
                    gradientSquared += gradient * gradient;
                    approximationSquared += approximation * approximation;
                }
            }
        }
        finally
        {
            network.Forward(X);
            network.Backward(Y);
        }

        var denominator = Math.Sqrt(gradientSquared) + Math.Sqrt(approximationSquared);
        return denominator == 0 ? 0 : Math.Sqrt(differenceSquared) / denominator;
    }

    private static double Cost<T>(INetwork<T> network, Matrix<T> X, Matrix<T> Y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        network.Forward(X);
        return double.CreateTruncating(network.ComputeCost(Y));
    }
}
