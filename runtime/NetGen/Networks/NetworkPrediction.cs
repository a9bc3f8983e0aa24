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
    /// Starts a prediction of a batch: checks that no other thread is training the network, that X has
    /// <paramref name="inputSize"/> rows and that <paramref name="result"/> is <paramref name="outputSize"/> × m for its
    /// m columns.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another thread is inside a training call on the network.</exception>
    /// <exception cref="ArgumentException">X or result has the wrong shape.</exception>
    public static void Check<T>(TrainingGuard trainingGuard, Matrix<T> X, int inputSize, Matrix<T> result, int outputSize)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        RequireNoTraining(trainingGuard);
        Shapes.RequireRows(X, inputSize, nameof(X));
        Shapes.Require(result, outputSize, X.Columns, nameof(result));
    }

    /// <summary>
    /// Starts a prediction of one example: checks that no other thread is training the network, that x has
    /// <paramref name="inputSize"/> elements and that <paramref name="output"/> has <paramref name="outputSize"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another thread is inside a training call on the network.</exception>
    /// <exception cref="ArgumentException">x or output has the wrong length.</exception>
    public static void Check<T>(TrainingGuard trainingGuard, ReadOnlySpan<T> x, int inputSize, Span<T> output, int outputSize)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        RequireNoTraining(trainingGuard);
        RequireLength(x.Length, inputSize, nameof(x));
        RequireLength(output.Length, outputSize, nameof(output));
    }

    private static void RequireNoTraining(TrainingGuard trainingGuard)
    {
        ArgumentNullException.ThrowIfNull(trainingGuard);
        if (trainingGuard.IsTrainingOnAnotherThread)
        {
            throw TrainingGuard.ConcurrentUse("Predict");
        }
    }

    private static void RequireLength(int length, int expected, string name)
    {
        if (length != expected)
        {
            throw new ArgumentException($"Expected {name} to have {expected} elements, but it has {length}.", name);
        }
    }
}
