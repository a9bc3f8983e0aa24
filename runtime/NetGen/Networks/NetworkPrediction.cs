using System;
using System.ComponentModel;
using System.Numerics;

namespace NetGen.CompilerServices;

/// <summary>The allocating <see cref="NetworkExtensions.Predict{T}"/> of every network, over its non-allocating <c>Predict(X, result)</c>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class NetworkPrediction
{
    /// <summary>The outputs of <paramref name="network"/> for X, in a new n[L] × m matrix.</summary>
    /// <exception cref="ArgumentException">X has the wrong number of rows.</exception>
    public static Matrix<T> Predict<T>(INetwork<T> network, Matrix<T> X)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        Shapes.RequireRows(X, network.InputSize, nameof(X));
        var result = new Matrix<T>(network.OutputSize, X.Columns);
        network.Predict(X, result);
        return result;
    }
}
