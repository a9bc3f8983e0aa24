using NetGen;

namespace NetGen.IntegrationTests;

/// <summary>
/// Every argument of every training call is checked before anything changes, with the user's own parameter named:
/// empty batches, learning rates, labels outside the loss's domain, options, and the L2 strength.
/// </summary>
public class ArgumentCheckTests
{
    private static readonly string[] Calls = ["TrainStep", "Fit", "Fit(options)", "CheckGradients"];

    public static TheoryData<string> TrainingCalls => new(Calls);

    /// <summary>
    /// m = 0 used to turn every parameter into NaN (1/m = ∞), or, with a sigmoid layer, to throw "Input span arguments
    /// must not be empty." from inside TensorPrimitives. Now every training call names X, for networks with and
    /// without a sigmoid layer.
    /// </summary>
    [Theory]
    [MemberData(nameof(TrainingCalls))]
    public void An_empty_batch_is_rejected_naming_X(string call)
    {
        AssertRejected(new Textbook(seed: 1), new Matrix<float>(30, 0), new Matrix<float>(1, 0), call, 0.1, "X", "X has no examples: it is 30 × 0, and training needs at least one example (column).");
        AssertRejected(new TanhLinearRegression(seed: 1), new Matrix<double>(3, 0), new Matrix<double>(2, 0), call, 0.1, "X", "X has no examples");
        AssertRejected(new LeakySoftmax(seed: 1), new Matrix<double>(4, 0), new Matrix<double>(3, 0), call, 0.1, "X", "X has no examples");
    }

    /// <summary>The learning rate of TrainStep, Update and full-batch Fit was never checked; the optimizers' always was.</summary>
    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.01)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Every_learning_rate_must_be_positive_and_finite(double learningRate)
    {
        var single = new Textbook(seed: 1);
        var (X, Y) = TestData.For(single, examples: 8, seed: 1);
        single.Forward(X);
        single.Backward(Y);
        var before = TestData.Parameters(single);

        AssertLearningRate(() => single.TrainStep(X, Y, learningRate));
        AssertLearningRate(() => single.Update(learningRate));
        AssertLearningRate(() => single.Fit(X, Y, iterations: 3, learningRate: learningRate));
        Assert.Equal(before, TestData.Parameters(single));

        var network = new DeepReLU(seed: 1);
        var (X2, Y2) = TestData.For(network, examples: 8, seed: 1);
        network.Forward(X2);
        network.Backward(Y2);
        var before2 = TestData.Parameters(network);

        AssertLearningRate(() => network.TrainStep(X2, Y2, learningRate));
        AssertLearningRate(() => network.Update(learningRate));
        AssertLearningRate(() => network.Fit(X2, Y2, iterations: 3, learningRate: learningRate));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GradientDescent(learningRate));
        Assert.Equal(before2, TestData.Parameters(network));
    }

    /// <summary>Learning rates are doubles everywhere; one that is 0 or infinite in single precision is refused by a float network.</summary>
    [Theory]
    [InlineData(1e-50, 0f)]
    [InlineData(1e300, float.PositiveInfinity)]
    public void A_learning_rate_must_stay_positive_and_finite_in_the_networks_precision(double learningRate, float converted)
    {
        var single = new Textbook(seed: 1);
        var (X, Y) = TestData.For(single, examples: 8, seed: 1);
        var before = TestData.Parameters(single);

        foreach (var call in new Action[] { () => single.TrainStep(X, Y, learningRate), () => single.Update(learningRate), () => single.Fit(X, Y, 3, learningRate) })
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(call);
            Assert.Equal("learningRate", error.ParamName);
            Assert.StartsWith($"learningRate must be a positive finite number in the network's precision (Single), but {learningRate} becomes {converted}.", error.Message);
        }

        Assert.Equal(before, TestData.Parameters(single));
        var network = new DeepReLU(seed: 1);
        var (X2, Y2) = TestData.For(network, examples: 8, seed: 1);
        Assert.True(double.IsFinite(network.TrainStep(X2, Y2, learningRate: 1e-50)));
    }

    public static TheoryData<double> BadBinaryLabels => [2, -0.5, 1.0000000000000002, -1e-300, double.NaN, double.PositiveInfinity, double.NegativeInfinity];

    /// <summary>Binary cross-entropy with a label 2 gave a negative cost (−0.257). Labels must lie in [0, 1].</summary>
    [Theory]
    [MemberData(nameof(BadBinaryLabels))]
    public void Binary_labels_outside_0_to_1_are_rejected_naming_the_example(double label)
    {
        AssertLabelsRejected(() => new TwoOutputs(seed: 1), Y => Y[1, 6] = label, $"Y[1, 6] is {Format(label)}, but binary cross-entropy needs labels in [0, 1] (example 6).");

        var single = new Textbook(seed: 1);
        var (X1, Y1) = TestData.For(single, examples: 9, seed: 1);
        var rounded = (float)label;
        Y1[0, 8] = rounded == 1 ? 1.0000001f : rounded == 0 ? -float.Epsilon : rounded; // the same kind of label, where float rounds it into [0, 1]
        Assert.Equal("Y", Assert.Throws<ArgumentException>(() => single.TrainStep(X1, Y1, 0.1f)).ParamName);
    }

    /// <summary>Labels on the edges of the domain are fine: 0, 1, and anything between (soft labels).</summary>
    [Fact]
    public void Binary_labels_anywhere_in_0_to_1_are_accepted()
    {
        var network = new TwoOutputs(seed: 1);
        var (X, Y) = TestData.For(network, examples: 4, seed: 1);
        Y.AsSpan().CopyTo(new double[] { 0, 1, 0.5, -0.0, 1, 0.25, 0.999, 1e-300 });

        Assert.True(double.IsFinite(network.TrainStep(X, Y, 0.1)));
    }

    public static TheoryData<double[]> BadCategoricalColumns =>
    [
        [0.5, 0.25, 0],
        [1, 1, 0],
        [0, 0, 0],
        [1.5, -0.5, 0],
        [1, -0.0000001, 0.0000001],
        [double.NaN, 0, 1],
        [double.PositiveInfinity, 0, 0],
        [1.0000005, 0, 0],
    ];

    /// <summary>
    /// Softmax labels whose columns are not distributions made the fused gradient A − Y disagree with the cost
    /// (a gradient check of 0.39 to 1.0 instead of 1e-8) and let training drive the cost below zero.
    /// </summary>
    [Theory]
    [MemberData(nameof(BadCategoricalColumns))]
    public void Categorical_label_columns_must_be_probability_distributions(double[] column)
    {
        foreach (var error in AssertLabelsRejected(() => new LeakySoftmax(seed: 1), Y =>
        {
            for (var i = 0; i < column.Length; i++)
            {
                Y[i, 5] = column[i];
            }
        }, null))
        {
            Assert.Contains("example 5", error.Message);
            Assert.Contains("categorical cross-entropy", error.Message);
        }
    }

    /// <summary>One-hot columns, and soft labels computed in either precision, whose sums are 1 only to rounding.</summary>
    [Fact]
    public void Categorical_labels_that_sum_to_1_up_to_rounding_are_accepted()
    {
        var network = new LeakySoftmax(seed: 1);
        var (X, Y) = TestData.For(network, examples: 3, seed: 1);
        Y.AsSpan().CopyTo(new double[] { 0.9, 1.0 / 3, 0, 0.05, 1.0 / 3, 0, 0.05, 1.0 / 3, 1 });
        var single = new SingleSoftmax(seed: 1);
        var (X1, Y1) = TestData.For(single, examples: 3, seed: 1);
        Y1.AsSpan().CopyTo(new float[] { 0.9f, 1f / 3, 0.1f / 3, 0.05f, 1f / 3, 0.1f / 3, 0.05f, 1f / 3, 1 - (0.2f / 3) });

        Assert.True(double.IsFinite(network.TrainStep(X, Y, 0.1)));
        Assert.True(network.CheckGradients(X, Y, 1e-6) < 1e-7);
        Assert.True(float.IsFinite(single.TrainStep(X1, Y1, 0.1f)));
    }

    /// <summary>Squared error takes any finite target, however large, and no other.</summary>
    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Regression_targets_must_be_finite(double target)
    {
        AssertLabelsRejected(() => new TanhLinearRegression(seed: 1), Y => Y[1, 3] = target, $"Y[1, 3] is {Format(target)}, but every value of Y must be a finite number (example 3).");

        var accepting = new TanhLinearRegression(seed: 1);
        var (X2, Y2) = TestData.For(accepting, examples: 5, seed: 1);
        Y2[0, 0] = -1e30;
        accepting.Forward(X2);
        Assert.True(double.IsFinite(accepting.ComputeCost(Y2)));
    }

    /// <summary>A schedule that decays fast used to reach 0 after 107 epochs and abort Fit with a rate nobody had set.</summary>
    [Fact]
    public void A_fast_schedule_trains_every_epoch()
    {
        var network = new SoftmaxTwinSingle(seed: 1);
        var (X, Y) = TestData.For(network, examples: 12, seed: 1);
        var optimizer = new Adam(0.01);
        var epochs = 0;

        network.Fit(X, Y, new TrainingOptions { Optimizer = optimizer, Epochs = 150, BatchSize = 12, Schedule = LearningRateSchedule.Exponential(0.001) }, (_, _) => ++epochs > 0);

        Assert.Equal(150, epochs);
        Assert.Equal(150, optimizer.StepCount);
        Assert.Equal(0.01, optimizer.LearningRate);
    }

    [Fact]
    public void Null_options_and_a_null_optimizer_are_named()
    {
        var network = new LeakySoftmax(seed: 1);
        var (X, Y) = TestData.For(network, examples: 4, seed: 1);

        var options = Assert.Throws<ArgumentNullException>(() => network.Fit(X, Y, null!));
        var optimizer = Assert.Throws<ArgumentNullException>(() => network.Fit(X, Y, new TrainingOptions { Optimizer = null!, Epochs = 1 }));

        Assert.Equal("options", options.ParamName);
        Assert.Equal("Optimizer", optimizer.ParamName);
        Assert.StartsWith("TrainingOptions.Optimizer is null: set it to an optimizer, such as new Adam().", optimizer.Message);
    }

    /// <summary>The L2 setter's exception named "lambda", a name the user never wrote; it names the property now.</summary>
    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void The_L2_setter_names_the_property(double strength)
    {
        var network = new DeepReLU(seed: 1);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => { network.L2Regularization = strength; });

        Assert.Equal("value", error.ParamName);
        Assert.StartsWith("L2Regularization (the strength λ of L2 regularization) must be a non-negative finite number.", error.Message);
        Assert.DoesNotContain("lambda", error.Message);
        Assert.Equal(0, network.L2Regularization);
    }

    private static void AssertLearningRate(Action call)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(call);
        Assert.Equal("learningRate", error.ParamName);
        Assert.StartsWith("learningRate must be a positive finite number.", error.Message);
    }

    /// <summary>
    /// For every training call: a fresh network and 9 examples of data, Y spoilt by <paramref name="spoil"/>; the call
    /// must name Y, with <paramref name="message"/> when given, and leave the network unchanged.
    /// </summary>
    private static ArgumentException[] AssertLabelsRejected(Func<INetwork<double>> create, Action<Matrix<double>> spoil, string? message) =>
        Calls.Select(call =>
        {
            var network = create();
            var (X, Y) = TestData.For(network, examples: 9, seed: 1);
            spoil(Y);
            return AssertRejected(network, X, Y, call, 0.001, "Y", message);
        }).ToArray();

    /// <summary>Runs <paramref name="call"/> on X and Y and checks the exception and that the parameters did not change.</summary>
    private static ArgumentException AssertRejected<T>(INetwork<T> network, Matrix<T> X, Matrix<T> Y, string call, double learningRate, string parameter, string? message)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        var before = TestData.Parameters(network);
        Action action = call switch
        {
            "TrainStep" => () => network.TrainStep(X, Y, learningRate),
            "Fit" => () => NetworkTraining.Fit(network, X, Y, 3, learningRate, null, 1, default),
            "Fit(options)" => () => network.Fit(X, Y, new TrainingOptions { Optimizer = new Adam(), Epochs = 2, BatchSize = 4 }),
            "CheckGradients" => () => network.CheckGradients(X, Y, 1e-3),
            _ => throw new ArgumentOutOfRangeException(nameof(call), call, "Not a training call of these tests."),
        };

        var error = Assert.Throws<ArgumentException>(action);

        Assert.Equal(parameter, error.ParamName);
        if (message is not null)
        {
            Assert.StartsWith(message, error.Message);
        }

        Assert.Equal(before, TestData.Parameters(network));
        return error;
    }

    private static string Format(double value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
