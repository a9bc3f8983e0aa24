using System;
using System.Numerics;
using NetGen.CompilerServices;

namespace NetGen;

/// <summary>
/// Evaluation and class prediction behind <see cref="NetworkExtensions"/>' <c>Evaluate</c> and <c>PredictClasses</c>:
/// one inference-mode forward pass that keeps the logits, then the loss and the metrics that fit it.
/// </summary>
internal static class Evaluation
{
    /// <summary>What kind of prediction a network's loss and output size make.</summary>
    private enum Task
    {
        Regression,
        Binary,
        MultiClass,
        MultiLabel,
    }

    /// <summary>Evaluates <paramref name="network"/> on X and Y, whose names in the user's call are <paramref name="xName"/> and <paramref name="yName"/>.</summary>
    public static EvaluationResult Evaluate<T>(INetwork<T> network, Matrix<T> X, Matrix<T> Y, string xName, string yName)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        RequireData(network, X, Y, xName, yName);
        var (outputs, logits) = (new Matrix<T>(network.OutputSize, X.Columns), new Matrix<T>(network.OutputSize, X.Columns));
        network.Predict(X, outputs, logits);

        // The cost exactly as ComputeCost forms it from the training pass's Z[L] and A[L], without the L2 term.
        var task = TaskOf(network);
        var cost = network.Loss switch
        {
            Loss.BinaryCrossEntropy => Losses.BinaryCrossEntropy(logits, outputs, Y),
            Loss.CategoricalCrossEntropy => Losses.CategoricalCrossEntropyFromLogits(logits, Y),
            Loss.MeanSquaredError => Losses.MeanSquaredError(outputs, Y),
            _ => throw new InvalidOperationException($"Evaluate does not know the loss {network.Loss}."),
        };

        return task switch
        {
            Task.Regression => new EvaluationResult(double.CreateTruncating(cost), X.Columns, null, RegressionMetrics.Compute(outputs, Y)),
            Task.Binary or Task.MultiClass => new EvaluationResult(
                double.CreateTruncating(cost), X.Columns,
                ClassificationMetrics.SingleLabel(new ConfusionMatrix(Classes(task, Y), Classes(task, outputs), ClassCount(network))),
                null),
            Task.MultiLabel => new EvaluationResult(double.CreateTruncating(cost), X.Columns, MultiLabel(outputs, Y), null),
            _ => throw new InvalidOperationException($"Evaluate does not know the task {task}."),
        };
    }

    /// <summary>The predicted class of each example of X: argmax for softmax, output > 0.5 for one sigmoid unit.</summary>
    public static int[] PredictClasses<T>(INetwork<T> network, Matrix<T> X)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        var task = TaskOf(network);
        if (task is not (Task.Binary or Task.MultiClass))
        {
            throw new InvalidOperationException(
                $"PredictClasses needs a single-label classifier (softmax, or one sigmoid unit), but this network is {network.Architecture} " +
                $"with {network.Loss}: use Predict{(task == Task.MultiLabel ? " and threshold each unit at 0.5" : string.Empty)}.");
        }

        return Classes(task, network.Predict(X));
    }

    private static Task TaskOf<T>(INetwork<T> network)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => network.Loss switch
        {
            Loss.MeanSquaredError => Task.Regression,
            Loss.CategoricalCrossEntropy => Task.MultiClass,
            Loss.BinaryCrossEntropy => network.OutputSize == 1 ? Task.Binary : Task.MultiLabel,
            _ => throw new InvalidOperationException($"No metrics are defined for the loss {network.Loss}."),
        };

    private static int ClassCount<T>(INetwork<T> network)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => network.OutputSize == 1 ? 2 : network.OutputSize;

    /// <summary>The class of each column: the row of its largest value (the first, on ties), or, for one row, whether it is above ½.</summary>
    private static int[] Classes<T>(Task task, Matrix<T> columns)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var classes = new int[columns.Columns];
        var half = T.CreateTruncating(0.5);
        for (var j = 0; j < classes.Length; j++)
        {
            if (task == Task.Binary)
            {
                classes[j] = columns[0, j] > half ? 1 : 0;
                continue;
            }

            for (var i = 1; i < columns.Rows; i++)
            {
                if (columns[i, j] > columns[classes[j], j])
                {
                    classes[j] = i;
                }
            }
        }

        return classes;
    }

    /// <summary>The 2 × 2 counts of each unit of a multi-label classifier, outputs and labels thresholded at ½.</summary>
    private static ClassificationMetrics MultiLabel<T>(Matrix<T> outputs, Matrix<T> Y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var half = T.CreateTruncating(0.5);
        var units = new ConfusionMatrix[outputs.Rows];
        for (var i = 0; i < units.Length; i++)
        {
            var actual = new int[Y.Columns];
            var predicted = new int[Y.Columns];
            for (var j = 0; j < actual.Length; j++)
            {
                actual[j] = Y[i, j] > half ? 1 : 0;
                predicted[j] = outputs[i, j] > half ? 1 : 0;
            }

            units[i] = new ConfusionMatrix(actual, predicted, 2);
        }

        return ClassificationMetrics.MultiLabel(units);
    }

    /// <summary>The checks of evaluation data, naming the user's parameters: shapes, at least one example, finite X, labels in the loss's domain.</summary>
    internal static void RequireData<T>(INetwork<T> network, Matrix<T> X, Matrix<T> Y, string xName, string yName)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        Shapes.RequireRows(X, network.InputSize, xName);
        Shapes.Require(Y, network.OutputSize, X.Columns, yName);
        if (X.Columns == 0)
        {
            throw new ArgumentException($"{xName} has no examples: it is {X.Rows} × 0, and evaluation needs at least one example (column).", xName);
        }

        ValueChecks.RequireFinite(X, xName);
        Labels.Require(network.Loss, Y, yName);
    }
}
