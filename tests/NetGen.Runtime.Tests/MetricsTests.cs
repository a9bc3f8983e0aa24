namespace NetGen.Runtime.Tests;

/// <summary>Metrics against values worked out by hand (the comments show the arithmetic).</summary>
public class MetricsTests
{
    [Fact]
    public void Confusion_matrix_counts_rows_as_actual_and_columns_as_predicted()
    {
        // Three classes, eight examples:
        //   actual    0 0 0 1 1 2 2 2
        //   predicted 0 1 0 1 2 2 2 0
        var matrix = new ConfusionMatrix([0, 0, 0, 1, 1, 2, 2, 2], [0, 1, 0, 1, 2, 2, 2, 0], classes: 3);

        // rows: actual 0 → {0: 2, 1: 1}; actual 1 → {1: 1, 2: 1}; actual 2 → {0: 1, 2: 2}
        long[,] expected = { { 2, 1, 0 }, { 0, 1, 1 }, { 1, 0, 2 } };
        for (var a = 0; a < 3; a++)
        {
            for (var p = 0; p < 3; p++)
            {
                Assert.Equal(expected[a, p], matrix[a, p]);
            }
        }

        Assert.Equal(8, matrix.Total);
        Assert.Equal(5.0 / 8, matrix.Accuracy);                       // trace 2 + 1 + 2
        Assert.Equal([3L, 2L, 3L], new[] { matrix.Support(0), matrix.Support(1), matrix.Support(2) });

        // class 0: TP 2, predicted 0 three times (column 2 + 0 + 1), actual 0 three times
        Assert.Equal(2.0 / 3, matrix.Precision(0));
        Assert.Equal(2.0 / 3, matrix.Recall(0));
        Assert.Equal(2.0 / 3, matrix.F1(0));
        // class 1: TP 1, predicted twice, actual twice
        Assert.Equal(1.0 / 2, matrix.Precision(1));
        Assert.Equal(1.0 / 2, matrix.Recall(1));
        // class 2: TP 2, predicted three times (1 + 2), actual three times (1 + 0 + 2)
        Assert.Equal(2.0 / 3, matrix.Precision(2));
        Assert.Equal(2.0 / 3, matrix.Recall(2));
    }

    [Fact]
    public void F1_is_the_harmonic_mean_and_undefined_ratios_are_zero()
    {
        // Binary: actual 1 1 1 0 0, predicted 1 0 0 0 0 → TP 1, FN 2, FP 0, TN 2.
        var matrix = new ConfusionMatrix([1, 1, 1, 0, 0], [1, 0, 0, 0, 0], classes: 2);
        Assert.Equal(1.0, matrix.Precision(1));                      // 1 / (1 + 0)
        Assert.Equal(1.0 / 3, matrix.Recall(1));                     // 1 / (1 + 2)
        Assert.Equal(0.5, matrix.F1(1));                             // 2·1 / (2·1 + 0 + 2)
        Assert.Equal(2.0 / 4, matrix.Precision(0));                  // TN 2 of 4 predicted 0
        Assert.Equal(3.0 / 5, matrix.Accuracy);

        // Class 1 never predicted nor present: 0, as scikit-learn's zero_division default gives.
        var none = new ConfusionMatrix([0, 0], [0, 0], classes: 2);
        Assert.Equal(0, none.Precision(1));
        Assert.Equal(0, none.Recall(1));
        Assert.Equal(0, none.F1(1));
        Assert.Equal(1, none.F1(0));
    }

    [Fact]
    public void Confusion_matrix_rejects_bad_arguments_naming_them()
    {
        var lengths = Assert.Throws<ArgumentException>(() => new ConfusionMatrix([0, 1], [0], classes: 2));
        Assert.Equal("predicted", lengths.ParamName);
        Assert.StartsWith("Expected predicted to have as many classes as actual (2), but it has 1.", lengths.Message);

        var range = Assert.Throws<ArgumentException>(() => new ConfusionMatrix([0, 3], [0, 1], classes: 3));
        Assert.Equal("actual", range.ParamName);
        Assert.StartsWith("Expected actual[1] to be a class in [0, 3), but it is 3.", range.Message);

        Assert.Equal("classes", Assert.Throws<ArgumentOutOfRangeException>(() => new ConfusionMatrix([0], [0], classes: 1)).ParamName);
    }

    [Fact]
    public void Confusion_matrix_prints_actual_rows_and_predicted_columns()
    {
        var matrix = new ConfusionMatrix([0, 0, 1], [1, 1, 1], classes: 2);
        Assert.Equal("actual \\ predicted\n   0 1\n 0 0 2\n 1 0 1".Replace("\n", Environment.NewLine), matrix.ToString());
    }

    [Fact]
    public void Regression_metrics_match_hand_computed_values()
    {
        // One output, four examples: y = 1 2 3 4, a = 1 3 2 6 → errors 0 1 −1 2.
        var metrics = RegressionMetrics.Compute(new Matrix<double>(1, 4, [1, 3, 2, 6]), new Matrix<double>(1, 4, [1, 2, 3, 4]));

        Assert.Equal(Math.Sqrt(6.0 / 4), metrics.RootMeanSquaredError); // (0 + 1 + 1 + 4) / 4
        Assert.Equal(1.0, metrics.MeanAbsoluteError);                    // (0 + 1 + 1 + 2) / 4
        Assert.Equal(1 - (6.0 / 5), metrics.RSquared, 15);               // ȳ = 2.5, Σ (y − ȳ)² = 2.25 + 0.25 + 0.25 + 2.25 = 5
    }

    [Fact]
    public void R_squared_of_several_outputs_is_the_mean_of_each_units()
    {
        // Unit 0 is perfect (R² = 1); unit 1: y = 0 2, a = 1 1 → R² = 1 − 2 / 2 = 0 (the mean). Mean: 0.5.
        var metrics = RegressionMetrics.Compute(new Matrix<float>(2, 2, [5, 7, 1, 1]), new Matrix<float>(2, 2, [5, 7, 0, 2]));

        Assert.Equal(0.5, metrics.RSquared);
        Assert.Equal(Math.Sqrt(2.0 / 4), metrics.RootMeanSquaredError);
        Assert.Equal(2.0 / 4, metrics.MeanAbsoluteError);
    }

    [Fact]
    public void Regression_metrics_check_shapes()
    {
        var error = Assert.Throws<ArgumentException>(() => RegressionMetrics.Compute(new Matrix<double>(1, 3), new Matrix<double>(1, 2)));
        Assert.Equal("targets", error.ParamName);
        Assert.Throws<ArgumentException>(() => RegressionMetrics.Compute(new Matrix<double>(1, 0), new Matrix<double>(1, 0)));
    }
}
