using System;
using System.Numerics;

namespace NetGen.CompilerServices;

/// <summary>
/// The argument checks that training shares, each in one place: learning rates and the other positive
/// hyperparameters, the data a training call needs, and the learning rates of schedules.
/// </summary>
internal static class Arguments
{
    /// <summary>Throws unless <paramref name="value"/> is a positive finite number: every learning rate, and ε.</summary>
    /// <param name="value">The value the user gave.</param>
    /// <param name="name">The user's name for it: the parameter or property.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is 0, negative, infinite or NaN.</exception>
    public static void RequirePositiveFinite<T>(T value, string name)
        where T : IFloatingPointIeee754<T>
    {
        if (!(value > T.Zero && T.IsFinite(value)))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a positive finite number.");
        }
    }

    /// <summary>
    /// Checks a learning rate given as a <see cref="double"/> and converts it to the network's precision, where it must
    /// still be positive and finite: 1e-50 is 0 in single precision, and 1e300 is infinite.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value, or its conversion to T, is not a positive finite number.</exception>
    public static T LearningRate<T>(double value, string name)
        where T : IFloatingPointIeee754<T>
    {
        RequirePositiveFinite(value, name);
        var converted = T.CreateTruncating(value);
        if (!(converted > T.Zero && T.IsFinite(converted)))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a positive finite number in the network's precision ({typeof(T).Name}), but {value} becomes {converted}.");
        }

        return converted;
    }

    /// <summary>
    /// Checks what every training call needs of its data before anything runs, so that a wrong Y or an empty batch
    /// leaves the network untouched: the network, X with n[0] rows and at least one example, Y with n[L] rows and as
    /// many columns.
    /// </summary>
    /// <exception cref="ArgumentNullException">The network, X or Y is null.</exception>
    /// <exception cref="ArgumentException">X or Y has the wrong shape, or X has no columns.</exception>
    public static void RequireTrainingData<T>(INetwork<T> network, Matrix<T> X, Matrix<T> Y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        Shapes.RequireRows(X, network.InputSize, nameof(X));
        Shapes.Require(Y, network.OutputSize, X.Columns, nameof(Y));
        if (X.Columns == 0)
        {
            throw new ArgumentException($"X has no examples: it is {X.Rows} × 0, and training needs at least one example (column).", nameof(X));
        }
    }
}
