using System;
using System.ComponentModel;
using System.Numerics;

namespace NetGen.CompilerServices;

/// <summary>
/// What the prediction methods of every network share: the allocating <see cref="NetworkExtensions.Predict{T}"/> over
/// the non-allocating <c>Predict(X, result)</c>, and the checks that start a prediction.
/// </summary>
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

    /// <summary>
    /// Checks the arguments of a prediction of a batch: X has <paramref name="inputSize"/> rows and
    /// <paramref name="result"/> is <paramref name="outputSize"/> × m for its m columns.
    /// </summary>
    /// <exception cref="ArgumentException">X or result has the wrong shape.</exception>
    public static void Check<T>(Matrix<T> X, int inputSize, Matrix<T> result, int outputSize)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Shapes.RequireRows(X, inputSize, nameof(X));
        Shapes.Require(result, outputSize, X.Columns, nameof(result));
    }

    /// <summary>
    /// Checks the arguments of a prediction of one example: x has <paramref name="inputSize"/> elements and
    /// <paramref name="output"/> has <paramref name="outputSize"/>.
    /// </summary>
    /// <exception cref="ArgumentException">x or output has the wrong length.</exception>
    public static void Check<T>(ReadOnlySpan<T> x, int inputSize, Span<T> output, int outputSize)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        RequireLength(x.Length, inputSize, nameof(x));
        RequireLength(output.Length, outputSize, nameof(output));
    }

    private static void RequireLength(int length, int expected, string name)
    {
        if (length != expected)
        {
            throw new ArgumentException($"Expected {name} to have {expected} elements, but it has {length}.", name);
        }
    }
}
