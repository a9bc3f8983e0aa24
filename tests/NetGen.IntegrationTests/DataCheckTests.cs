using System.Globalization;
using System.Numerics;
using NetGen;

namespace NetGen.IntegrationTests;

/// <summary>
/// NaN or ±∞ in X or Y. Training does not scan X on every step: it relies on a non-finite value always making the
/// cost or a gradient non-finite, and looks for the value only when a step fails. The first tests check that claim
/// at every position of X and Y, on every path of the products; the others check what the user sees: an
/// <see cref="ArgumentException"/> naming X or Y, the position and the value, with the network unchanged.
/// </summary>
public class DataCheckTests
{
    public static TheoryData<double> NonFinite => [double.NaN, double.PositiveInfinity, double.NegativeInfinity];

    /// <summary>
    /// dW1 = (1/m) dZ1 · Xᵀ reads every element of X, and 0 · ∞ = NaN, so one non-finite input anywhere makes dW1
    /// non-finite, even where the cost stays finite. Every position of X, with m = 1 (outer product), 5 (row loops)
    /// and 20 (packed GEMM, 40 · 50 · 20 multiply-adds), in double and single precision.
    /// </summary>
    [Theory]
    [MemberData(nameof(NonFinite))]
    public void Every_element_of_X_reaches_the_first_weight_gradient(double bad)
    {
        var tried = 0;
        foreach (var m in new[] { 1, 5, 20 })
        {
            tried += EveryElementOfXReachesDW1(new UniformlyInitialized(seed: 1), m, bad);
            tried += EveryElementOfXReachesDW1(new DeepReLU(seed: 1), m, bad);
        }

        Assert.Equal((50 * 26) + (6 * 26), tried);
    }

    /// <summary>
    /// dZ[L] is A[L] − Y (or formed from it), so one non-finite label anywhere makes db[L] non-finite, for every loss
    /// and output. (Training rejects such labels before this, with the label checks; this is the claim the failure path
    /// relies on, should Y change during training.)
    /// </summary>
    [Theory]
    [InlineData("DeepReLU")]
    [InlineData("TwoOutputs")]
    [InlineData("LeakySoftmax")]
    [InlineData("TanhLinearRegression")]
    [InlineData("SigmoidSquaredError")]
    public void Every_element_of_Y_reaches_the_last_bias_gradient(string name)
    {
        var network = (INetwork<double>)TestData.Create(name, seed: 1);
        var (X, Y) = TestData.For(network, examples: 7, seed: 2);
        foreach (var bad in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
        {
            for (var index = 0; index < Y.Length; index++)
            {
                var labels = Y.Clone();
                labels.AsSpan()[index] = bad;

                network.Forward(X);
                network.Backward(labels);

                Assert.False(network.Gradients[^1].AsSpan().ToArray().All(double.IsFinite), $"{name}: Y element {index} = {bad} left db[L] finite");
            }
        }
    }

    /// <summary>
    /// The case that left a double network with a finite cost and 8 NaN parameters: +∞ in an input whose weights are
    /// all negative, so every ReLU unit is dead for that example and the forward pass and the cost stay finite. The
    /// gradient dW1 still catches it (0 · ∞), and the step is refused, naming the value.
    /// </summary>
    [Fact]
    public void Infinity_behind_dead_ReLU_units_is_caught_although_the_cost_is_finite()
    {
        var network = new TwoTwoOne(seed: 1);
        network.W1[0, 0] = -0.5;
        network.W1[1, 0] = -0.25;
        var (X, Y) = TestData.For(network, examples: 6, seed: 3);
        X[0, 4] = double.PositiveInfinity;
        network.Forward(X);
        Assert.True(double.IsFinite(network.ComputeCost(Y)), "the scenario needs a finite cost");
        var before = TestData.Parameters(network);

        var error = Assert.Throws<ArgumentException>(() => network.TrainStep(X, Y, 0.1));

        Assert.Equal("X", error.ParamName);
        Assert.StartsWith("X[0, 4] is Infinity, but every value of X must be a finite number (example 4).", error.Message);
        Assert.Equal(before, TestData.Parameters(network));
    }

    public static TheoryData<string, int, int, int> Positions => new()
    {
        { "Textbook", 1, 0, 0 },
        { "Textbook", 5, 29, 4 },
        { "Textbook", 64, 13, 37 },
        { "DeepReLU", 1, 5, 0 },
        { "DeepReLU", 9, 0, 8 },
        { "DeepReLU", 64, 3, 31 },
    };

    /// <summary>
    /// One non-finite input, in one example, for one step: TrainStep refuses it before changing a parameter, and says
    /// where it is. (It used to turn all 49 parameters into NaN and return a normal-looking cost.)
    /// </summary>
    [Theory]
    [MemberData(nameof(Positions))]
    public void TrainStep_names_a_non_finite_input_and_changes_nothing(string name, int m, int row, int column)
    {
        foreach (var bad in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
        {
            if (name == "Textbook")
            {
                AssertRefused(new Textbook(seed: 1), m, row, column, (float)bad, (network, X, Y) => network.TrainStep(X, Y, 0.05f));
            }
            else
            {
                AssertRefused(new DeepReLU(seed: 1), m, row, column, bad, (network, X, Y) => network.TrainStep(X, Y, 0.05));
            }
        }
    }

    /// <summary>Both Fits check X once, before the first step, and refuse the same way.</summary>
    [Theory]
    [MemberData(nameof(NonFinite))]
    public void Fit_checks_X_before_the_first_step(double bad)
    {
        AssertRefused(new DeepReLU(seed: 1), 30, 2, 17, bad, (network, X, Y) => network.Fit(X, Y, iterations: 10, learningRate: 0.1));
        AssertRefused(new DeepReLU(seed: 1), 30, 2, 17, bad, (network, X, Y) => network.Fit(X, Y, new TrainingOptions { Optimizer = new Adam(), Epochs = 2, BatchSize = 8 }));
        AssertRefused(new Textbook(seed: 1), 30, 29, 0, (float)bad, (network, X, Y) => network.Fit(X, Y, iterations: 10, learningRate: 0.1f));
        AssertRefused(new Textbook(seed: 1), 30, 29, 0, (float)bad, (network, X, Y) => network.CheckGradients(X, Y));
    }

    /// <summary>
    /// X changed during training (here by the progress callback, after iteration 3): Fit does not scan X again, but the
    /// next step fails on its gradients, and only then is X scanned to name the value. The parameters are those after
    /// iteration 3, as a twin trained for 4 iterations shows.
    /// </summary>
    [Fact]
    public void A_NaN_that_appears_during_Fit_stops_it_with_the_parameters_of_the_last_good_step()
    {
        var (network, twin) = (new DeepReLU(seed: 2), new DeepReLU(seed: 2));
        var (X, Y) = TestData.For(network, examples: 40, seed: 4);
        twin.Fit(X, Y, iterations: 4, learningRate: 0.1);

        var error = Assert.Throws<ArgumentException>(() => network.Fit(X, Y, iterations: 100, learningRate: 0.1, progress: (iteration, _) =>
        {
            if (iteration == 3)
            {
                X[1, 22] = double.NaN;
            }
        }, progressInterval: 1));

        Assert.StartsWith("X[1, 22] is NaN", error.Message);
        Assert.Equal(TestData.Parameters(twin), TestData.Parameters(network));
    }

    private static void AssertRefused<T, TNetwork>(TNetwork network, int m, int row, int column, T bad, Action<TNetwork, Matrix<T>, Matrix<T>> train)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TNetwork : INetwork<T>
    {
        var (X, Y) = TestData.For(network, m, seed: 5);
        X[row, column] = bad;
        var before = TestData.Parameters(network);

        var error = Assert.Throws<ArgumentException>(() => train(network, X, Y));

        Assert.Equal("X", error.ParamName);
        Assert.StartsWith($"X[{row}, {column}] is {bad.ToString(null, CultureInfo.InvariantCulture)}, but every value of X must be a finite number (example {column}).", error.Message);
        Assert.Equal(before, TestData.Parameters(network));
    }

    /// <summary>Puts <paramref name="bad"/> at every position of an n[0] × m X in turn; returns the number of positions.</summary>
    private static int EveryElementOfXReachesDW1<T>(INetwork<T> network, int m, double bad)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var (X, Y) = TestData.For(network, m, seed: 6);
        for (var index = 0; index < X.Length; index++)
        {
            var inputs = X.Clone();
            inputs.AsSpan()[index] = T.CreateTruncating(bad);

            network.Forward(inputs);
            network.Backward(Y);

            Assert.False(network.Gradients[0].AsSpan().ToArray().All(T.IsFinite), $"{network.Architecture}, m = {m}: X element {index} = {bad} left dW1 finite");
        }

        return X.Length;
    }
}
