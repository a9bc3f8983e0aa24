using System;
using System.Numerics;
using NetGen.CompilerServices;

namespace NetGen;

/// <content>Prediction on raw inputs, standardized as the training set was.</content>
public static partial class NetworkExtensions
{
    /// <summary>
    /// Predicts raw inputs: standardizes a copy of <paramref name="X"/> with <paramref name="standardizer"/>, the one
    /// fitted on the training set, then runs the network on it. <paramref name="X"/> is left as it is.
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>, the network's precision.</typeparam>
    /// <param name="network">The trained network.</param>
    /// <param name="X">Raw inputs, n[0] × m, as they were before standardization.</param>
    /// <param name="standardizer">The training set's standardizer, with n[0] features.</param>
    /// <returns>The outputs, n[L] × m.</returns>
    /// <exception cref="ArgumentException">X does not have n[0] rows, or the standardizer does not have n[0] features.</exception>
    public static Matrix<T> Predict<T>(this INetwork<T> network, Matrix<T> X, Standardizer standardizer)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(standardizer);
        if (standardizer.Features != network.InputSize)
        {
            throw new ArgumentException($"Expected a standardizer of {network.InputSize} features, the network's inputs, but it has {standardizer.Features}.", nameof(standardizer));
        }

        Shapes.RequireRows(X, network.InputSize, nameof(X));
        var standardized = new Matrix<T>(X.Rows, X.Columns);
        standardizer.Transform(X, standardized);
        return network.Predict(standardized);
    }
}
