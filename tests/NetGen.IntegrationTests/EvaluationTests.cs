using NetGen;
using NetGen.Tests;

namespace NetGen.IntegrationTests;

/// <summary>Evaluate and PredictClasses on generated networks: inference mode, the cost of ComputeCost, the metrics.</summary>
public class EvaluationTests
{
    [Fact]
    public void Cost_equals_ComputeCost_without_the_L2_term_for_every_loss()
    {
        AssertCostOfComputeCost(new Textbook(seed: 1));             // binary cross-entropy, float
        AssertCostOfComputeCost(new LeakySoftmax(seed: 2));         // categorical cross-entropy
        AssertCostOfComputeCost(new TwoOutputs(seed: 3));           // binary cross-entropy, two units
        AssertCostOfComputeCost(new TanhLinearRegression(seed: 4)); // squared error, linear output
        AssertCostOfComputeCost(new TanhSquaredError(seed: 5));     // squared error, tanh output
    }

    [Fact]
    public void Evaluation_never_drops_units()
    {
        var network = new DropoutNetwork(seed: 1);
        var (X, Y) = TestData.For(network, examples: 40, seed: 2);
        var first = network.Evaluate(X, Y);
        var second = network.Evaluate(X, Y);

        // −(1/m) Σ log a[y] of the outputs of Predict, which never drops.
        var outputs = network.Predict(X);
        var expected = Enumerable.Range(0, 40).Average(j => -Math.Log(outputs[Argmax(Y, j), j]));
        Assert.Equal(first.Cost, second.Cost);
        Assert.Equal(expected, first.Cost, 1e-12);
    }

    [Fact]
    public void Cost_stays_finite_and_exact_when_outputs_saturate()
    {
        // z = 800 x₀: σ(z) rounds to exactly 0 or 1, where −log(1 − a) is infinite; the cost is log(1 + e^−z·(2y−1)) ≈ |z| when wrong.
        var network = new Logistic(seed: 1);
        network.W1.AsSpan().Clear();
        network.W1[0, 0] = 800;
        var X = new Matrix<double>(4, 2, [1, -1, 0, 0, 0, 0, 0, 0]);
        var Y = new Matrix<double>(1, 2, [0, 0]);

        var result = network.Evaluate(X, Y);

        Assert.Equal(800.0 / 2, result.Cost);                        // (800 + log(1 + e^−800)) / 2, the second term 0 in double
        network.Forward(X);
        Assert.Equal(network.ComputeCost(Y), result.Cost);
    }

    [Fact]
    public void Binary_metrics_match_a_hand_worked_case()
    {
        // z = x₀: predicted 1 when z > 0.
        //   z         2  −1   3  −2  0.5
        //   actual    1   1   0   0   1
        //   predicted 1   0   1   0   1    → TP 2, FN 1, FP 1, TN 1
        var network = new Logistic(seed: 1);
        network.W1.AsSpan().Clear();
        network.W1[0, 0] = 1;
        var X = new Matrix<double>(4, 5);
        double[] z = [2, -1, 3, -2, 0.5], y = [1, 1, 0, 0, 1];
        z.CopyTo(X.Row(0));
        var Y = new Matrix<double>(1, 5, y);

        var result = network.Evaluate(X, Y);
        var metrics = result.Classification!;

        Assert.Null(result.Regression);
        Assert.Equal(5, result.Examples);
        Assert.Equal(3.0 / 5, metrics.Accuracy);
        Assert.Equal(3.0 / 5, result.Metric);
        Assert.Equal([1L, 1L, 1L, 2L], new[] { metrics.ConfusionMatrix![0, 0], metrics.ConfusionMatrix[0, 1], metrics.ConfusionMatrix[1, 0], metrics.ConfusionMatrix[1, 1] });
        Assert.Equal(2.0 / 3, metrics.Precision[1]);
        Assert.Equal(2.0 / 3, metrics.Recall[1]);
        Assert.Equal(2.0 / 3, metrics.F1[1]);
        Assert.Equal(1.0 / 2, metrics.Precision[0]);                // TN 1 of the 2 predicted 0
        Assert.Equal([1, 0, 1, 0, 1], network.PredictClasses(X));

        // Cross-entropy by hand: log(1 + e^−z) when y = 1, log(1 + e^z) when y = 0.
        var cost = (Math.Log(1 + Math.Exp(-2)) + Math.Log(1 + Math.Exp(1)) + Math.Log(1 + Math.Exp(3)) + Math.Log(1 + Math.Exp(-2)) + Math.Log(1 + Math.Exp(-0.5))) / 5;
        Assert.Equal(cost, result.Cost, 1e-15);
    }

    [Fact]
    public void Softmax_metrics_count_argmax_classes()
    {
        var network = new LeakySoftmax(seed: 3);
        var (X, Y) = TestData.For(network, examples: 50, seed: 4);

        var metrics = network.Evaluate(X, Y).Classification!;
        var predicted = network.PredictClasses(X);
        var outputs = network.Predict(X);

        var actual = Enumerable.Range(0, 50).Select(j => Argmax(Y, j)).ToArray();
        Assert.Equal(Enumerable.Range(0, 50).Select(j => Argmax(outputs, j)), predicted);
        var expected = new ConfusionMatrix(actual, predicted, 3);
        Assert.Equal(3, metrics.ConfusionMatrix!.Classes);
        Assert.Equal(expected.ToString(), metrics.ConfusionMatrix.ToString());
        Assert.Equal(actual.Zip(predicted).Count(p => p.First == p.Second) / 50.0, metrics.Accuracy);
        Assert.Equal(Enumerable.Range(0, 3).Select(expected.F1), metrics.F1);
    }

    [Fact]
    public void Several_sigmoid_units_are_multi_label()
    {
        var network = new TwoOutputs(seed: 1);
        var (X, Y) = TestData.For(network, examples: 30, seed: 5);
        var outputs = network.Predict(X);

        var metrics = network.Evaluate(X, Y).Classification!;

        // Each (unit, example) pair is one yes/no answer, thresholded at 0.5.
        var pairs = Enumerable.Range(0, 2).SelectMany(i => Enumerable.Range(0, 30).Select(j => (Actual: Y[i, j] > 0.5, Predicted: outputs[i, j] > 0.5))).ToList();
        Assert.Equal(pairs.Count(p => p.Actual == p.Predicted) / 60.0, metrics.Accuracy);
        Assert.Null(metrics.ConfusionMatrix);
        for (var i = 0; i < 2; i++)
        {
            var unit = pairs.Skip(30 * i).Take(30).ToList();
            var truePositives = unit.Count(p => p.Actual && p.Predicted);
            Assert.Equal(Ratio(truePositives, unit.Count(p => p.Predicted)), metrics.Precision[i]);
            Assert.Equal(Ratio(truePositives, unit.Count(p => p.Actual)), metrics.Recall[i]);
        }

        var error = Assert.Throws<InvalidOperationException>(() => network.PredictClasses(X));
        Assert.Contains("threshold each unit at 0.5", error.Message);
    }

    [Fact]
    public void Regression_reports_RMSE_MAE_and_R_squared()
    {
        var network = new TanhLinearRegression(seed: 2);
        var (X, Y) = TestData.For(network, examples: 25, seed: 6);

        var result = network.Evaluate(X, Y);
        var metrics = result.Regression!;

        Assert.Null(result.Classification);
        // J = (1/2m) Σ ‖a − y‖² = (n/2) RMSE², with n = 2 outputs.
        Assert.Equal(result.Cost, metrics.RootMeanSquaredError * metrics.RootMeanSquaredError, 1e-14);
        var expected = RegressionMetrics.Compute(network.Predict(X), Y);
        Assert.Equal(expected.MeanAbsoluteError, metrics.MeanAbsoluteError);
        Assert.Equal(expected.RSquared, metrics.RSquared);
        Assert.Equal(metrics.RSquared, result.Metric);
        Assert.Throws<InvalidOperationException>(() => network.PredictClasses(X));
    }

    [Fact]
    public void Arguments_are_checked_naming_them()
    {
        var network = new LeakySoftmax(seed: 1);
        var (X, Y) = TestData.For(network, examples: 5, seed: 1);

        // The analyzer reports the wrong rows below at compile time (NG0030); here the run-time checks are under test.
#pragma warning disable NG0030
        var shape = Assert.Throws<ArgumentException>(() => network.Evaluate(X, new Matrix<double>(3, 4)));
        Assert.Equal("Y", shape.ParamName);
        Assert.Equal("X", Assert.Throws<ArgumentException>(() => network.Evaluate(new Matrix<double>(5, 5), Y)).ParamName);
        Assert.Equal("X", Assert.Throws<ArgumentException>(() => network.Evaluate(new Matrix<double>(4, 0), new Matrix<double>(3, 0))).ParamName);
        X[2, 3] = double.NaN;
        Assert.Equal("X", Assert.Throws<ArgumentException>(() => network.Evaluate(X, Y)).ParamName);
        X[2, 3] = 0;
        Y[0, 1] += 1;
        Assert.StartsWith("Column 1 of Y (example 1) sums to", Assert.Throws<ArgumentException>(() => network.Evaluate(X, Y)).Message);
        Assert.Equal("X", Assert.Throws<ArgumentException>(() => network.PredictClasses(new Matrix<double>(3, 2))).ParamName);
#pragma warning restore NG0030
    }

    [Fact]
    public void Evaluations_from_many_threads_at_once_equal_the_single_threaded_result()
    {
        var network = new DigitsClassifier(seed: 1);
        var (X, Y) = TestData.For(network, examples: 40, seed: 2);
        var expected = network.Evaluate(X, Y);
        var outputs = network.Predict(X).AsSpan().ToArray();

        var results = new EvaluationResult[8];
        var predictions = new float[8][];
        Parallel.For(0, 16, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            if (i % 2 == 0)
            {
                results[i / 2] = network.Evaluate(X, Y);
            }
            else
            {
                predictions[i / 2] = network.Predict(X).AsSpan().ToArray();
            }
        });

        Assert.All(results, r => Assert.Equal(expected.Cost, r.Cost));
        Assert.All(results, r => Assert.Equal(Confusion(expected), Confusion(r)));
        Assert.All(predictions, p => Assert.Equal(outputs, p));
    }

    [Fact]
    public void Evaluate_refuses_to_run_while_another_thread_trains()
    {
        var network = new Textbook(seed: 1);
        var (X, Y) = TestData.For(network, examples: 16, seed: 3);
        Exception? fromAnotherThread = null;
        EvaluationResult? fromThisThread = null;

        network.Fit(X, Y, iterations: 2, learningRate: 0.01, progress: (iteration, _) =>
        {
            fromAnotherThread = OtherThread.Run(() => network.Evaluate(X, Y));
            fromThisThread = network.Evaluate(X, Y);                 // the training thread itself may evaluate
        }, progressInterval: 1);

        Assert.IsType<InvalidOperationException>(fromAnotherThread);
        Assert.NotNull(fromThisThread);
        Assert.True(double.IsFinite(fromThisThread.Cost));
    }

    private static void AssertCostOfComputeCost<T>(INetwork<T> network)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        var (X, Y) = TestData.For(network, examples: 37, seed: 7);
        network.L2Regularization = 0;
        network.Forward(X);
        var expected = double.CreateTruncating(network.ComputeCost(Y));

        network.L2Regularization = 0.7;
        var result = network.Evaluate(X, Y);

        Assert.Equal(expected, result.Cost);
        Assert.Equal(37, result.Examples);
        network.Forward(X);
        Assert.NotEqual(expected, double.CreateTruncating(network.ComputeCost(Y))); // the L2 term Evaluate leaves out
    }

    /// <summary>The confusion matrix of an evaluation, as text.</summary>
    private static string Confusion(EvaluationResult result) => result.Classification!.ConfusionMatrix!.ToString();

    /// <summary>A ratio of counts, 0 when the denominator is (scikit-learn's zero_division).</summary>
    private static double Ratio(int numerator, int denominator) => denominator == 0 ? 0 : (double)numerator / denominator;

    private static int Argmax(Matrix<double> columns, int j) =>
        Enumerable.Range(0, columns.Rows).MaxBy(i => columns[i, j]);
}
