using System;
using System.Numerics;
using NetGen.CompilerServices;

namespace NetGen;

/// <summary>
/// How far a regression network's outputs are from the targets: root mean squared error, mean absolute error and the
/// coefficient of determination R², over every output unit and example.
/// </summary>
public sealed class RegressionMetrics
{
    private RegressionMetrics(double rootMeanSquaredError, double meanAbsoluteError, double rSquared)
    {
        RootMeanSquaredError = rootMeanSquaredError;
        MeanAbsoluteError = meanAbsoluteError;
        RSquared = rSquared;
    }

    /// <summary>RMSE = √((1/nm) Σ (a − y)²), in the targets' units.</summary>
    public double RootMeanSquaredError { get; }

    /// <summary>MAE = (1/nm) Σ |a − y|, in the targets' units.</summary>
    public double MeanAbsoluteError { get; }

    /// <summary>
    /// R² = 1 − Σ (a − y)² / Σ (y − ȳ)² per output unit (ȳ its mean target), averaged over the units as scikit-learn's
    /// <c>r2_score</c> does: 1 for a perfect fit, 0 for predicting the mean, negative when worse. NaN when a unit's
    /// targets are all equal.
    /// </summary>
    public double RSquared { get; }

    /// <summary>The metrics of <paramref name="predictions"/> against <paramref name="targets"/>, accumulated in double.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="predictions">The outputs, n × m: one column per example.</param>
    /// <param name="targets">The targets, n × m.</param>
    /// <returns>The metrics.</returns>
    /// <exception cref="ArgumentException">The shapes differ, or there are no examples.</exception>
    public static RegressionMetrics Compute<T>(Matrix<T> predictions, Matrix<T> targets)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(predictions);
        Shapes.Require(targets, predictions.Rows, predictions.Columns, nameof(targets));
        if (predictions.Columns == 0)
        {
            throw new ArgumentException($"predictions has no examples: it is {predictions.Rows} × 0.", nameof(predictions));
        }

        double squared = 0, absolute = 0, rSquaredSum = 0;
        for (var i = 0; i < predictions.Rows; i++)
        {
            ReadOnlySpan<T> a = predictions.Row(i), y = targets.Row(i);
            double mean = 0, unitSquared = 0, variance = 0;
            for (var j = 0; j < y.Length; j++)
            {
                mean += double.CreateTruncating(y[j]);
            }

            mean /= y.Length;
            for (var j = 0; j < y.Length; j++)
            {
                var target = double.CreateTruncating(y[j]);
                var error = double.CreateTruncating(a[j]) - target;
                unitSquared += error * error;
                absolute += Math.Abs(error);
                variance += (target - mean) * (target - mean);
            }

            squared += unitSquared;
            rSquaredSum += variance == 0 ? double.NaN : 1 - (unitSquared / variance);
        }

        double count = (double)predictions.Rows * predictions.Columns;
        return new RegressionMetrics(Math.Sqrt(squared / count), absolute / count, rSquaredSum / predictions.Rows);
    }
}
