using System.Globalization;

namespace NetGen;

/// <summary>
/// What <c>Evaluate(X, Y)</c> measured in inference mode (no dropout, no L2 term): the cost and the metrics that fit the
/// network's loss — <see cref="Classification"/> for cross-entropy networks, <see cref="Regression"/> for squared error.
/// </summary>
public sealed class EvaluationResult
{
    internal EvaluationResult(double cost, int examples, ClassificationMetrics? classification, RegressionMetrics? regression)
    {
        Cost = cost;
        Examples = examples;
        Classification = classification;
        Regression = regression;
    }

    /// <summary>The loss on the data, without the L2 term and without dropout: what <c>ComputeCost</c> gives with λ = 0 and no dropout.</summary>
    public double Cost { get; }

    /// <summary>The number of examples m evaluated.</summary>
    public int Examples { get; }

    /// <summary>Accuracy, precision, recall, F1 and the confusion matrix; <see langword="null"/> for a regression network.</summary>
    public ClassificationMetrics? Classification { get; }

    /// <summary>RMSE, MAE and R²; <see langword="null"/> for a classifier.</summary>
    public RegressionMetrics? Regression { get; }

    /// <summary>
    /// The main metric, higher is better: <see cref="ClassificationMetrics.Accuracy"/> for a classifier,
    /// <see cref="RegressionMetrics.RSquared"/> for regression. What early stopping watches when told to monitor the metric.
    /// </summary>
    public double Metric => Classification?.Accuracy ?? Regression!.RSquared;

    /// <summary>The cost and the main metric, e.g. <c>cost 0.1234, accuracy 0.9561</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"cost {Cost:G4}, {(Classification is null ? "R²" : "accuracy")} {Metric:F4}");
}
