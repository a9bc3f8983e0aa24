namespace NetGen.Runtime.Tests;

/// <summary>
/// Two steps of each optimizer from w = 1 with gradients 0.5 then −0.25, against values worked out by hand from the
/// update rules in the documentation.
/// </summary>
public class OptimizerTests
{
    [Fact]
    public void GradientDescent_steps_against_the_gradient()
    {
        // w = 1 − 0.1 · 0.5 = 0.95; w = 0.95 + 0.1 · 0.25 = 0.975
        Reference.AssertClose([0.95, 0.975], TwoSteps(new GradientDescent(0.1)), 1e-15);
    }

    [Fact]
    public void Momentum_averages_the_gradients()
    {
        // v = 0.1 · 0.5 = 0.05, w = 1 − 0.1 · 0.05 = 0.995; v = 0.9 · 0.05 + 0.1 · (−0.25) = 0.02, w = 0.995 − 0.002 = 0.993
        Reference.AssertClose([0.995, 0.993], TwoSteps(new Momentum(0.1, beta: 0.9)), 1e-15);
    }

    [Fact]
    public void RMSProp_scales_by_the_root_mean_square()
    {
        // s = 0.1 · 0.25 = 0.025, w = 1 − 0.01 · 0.5 / √0.025; s = 0.9 · 0.025 + 0.1 · 0.0625 = 0.02875, w += 0.01 · 0.25 / √0.02875
        Reference.AssertClose([0.968377225398316, 0.9831214201442406], TwoSteps(new RMSProp(0.01)), 1e-12);
    }

    [Fact]
    public void Adam_corrects_the_bias_of_both_averages()
    {
        // t = 1: v̂ = 0.05 / 0.1 = 0.5 and ŝ = 0.00025 / 0.001 = 0.25, so w = 1 − 0.1 · 0.5 / (0.5 + 1e-8) ≈ 0.9.
        // t = 2: v = 0.02, s = 0.00031225; v̂ = 0.02 / 0.19, ŝ = 0.00031225 / 0.001999; w = 0.9 − 0.1 · v̂ / (√ŝ + 1e-8).
        Reference.AssertClose([0.9000000019999999, 0.8733662987078462], TwoSteps(new Adam(0.1)), 1e-12);
    }

    [Fact]
    public void Steps_allocate_nothing_after_the_first()
    {
        var network = new ParameterHolder(new double[1000], Enumerable.Repeat(1.0, 1000).ToArray());
        var optimizer = new Adam();
        optimizer.Step(network);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10; i++)
        {
            optimizer.Step(network);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(11, optimizer.StepCount);
    }

    [Fact]
    public void An_optimizer_serves_one_network_until_it_is_reset()
    {
        var optimizer = new Momentum(0.1);
        optimizer.Step(new ParameterHolder([1.0], [1.0]));
        var other = new ParameterHolder([1.0], [1.0]);

        var error = Assert.Throws<InvalidOperationException>(() => optimizer.Step(other));
        optimizer.Reset();
        optimizer.Step(other);

        Assert.Equal("This Momentum optimizer holds the state of another network. Use one optimizer per network, or call Reset() first.", error.Message);
        Assert.Equal(1, optimizer.StepCount);
    }

    [Fact]
    public void Invalid_hyperparameters_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GradientDescent(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(beta1: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RMSProp(epsilon: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Momentum(0.1) { LearningRate = double.PositiveInfinity });
    }

    [Fact]
    public void Schedules_decay_the_learning_rate_by_epoch()
    {
        var step = LearningRateSchedule.Step(every: 2, factor: 0.5);
        var exponential = LearningRateSchedule.Exponential(0.9);

        Assert.Equal([1.0, 1.0, 0.5, 0.5, 0.25], Enumerable.Range(0, 5).Select(epoch => step.At(1.0, epoch)));
        Reference.AssertClose([0.1, 0.09, 0.081], Enumerable.Range(0, 3).Select(epoch => exponential.At(0.1, epoch)), 1e-15);
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.Step(0, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.Exponential(1.5));
    }

    public static TheoryData<string> OptimizerNames => ["GradientDescent", "Momentum", "RMSProp", "Adam"];

    /// <summary>
    /// A step with a NaN gradient is refused whole: the twin optimizer that never saw it takes the same next step to
    /// the bit, so neither the parameters nor the running averages nor the step count changed.
    /// </summary>
    [Theory]
    [MemberData(nameof(OptimizerNames))]
    public void A_refused_step_changes_neither_the_parameters_nor_the_optimizer_state(string name)
    {
        var (network, twin) = (new ParameterHolder([1.0, -2.0, 0.5], [0, 0, 0]), new ParameterHolder([1.0, -2.0, 0.5], [0, 0, 0]));
        var (optimizer, twinOptimizer) = (Create(name), Create(name));
        foreach (var gradient in new[] { 0.5, -0.25, 0.125 })
        {
            SetGradients(network, gradient);
            SetGradients(twin, gradient);
            optimizer.Step(network);
            twinOptimizer.Step(twin);
        }

        var before = network.W.AsSpan().ToArray();
        SetGradients(network, 0.3);
        network.dW[0, 2] = double.NaN;
        var error = Assert.Throws<TrainingDivergedException>(() => optimizer.Step(network));

        Assert.Equal(before, network.W.AsSpan().ToArray());
        Assert.Equal(3, optimizer.StepCount);
        Assert.Contains("the gradient dW1[0, 2] is NaN", error.Message);
        Assert.Null(error.Cost);
        SetGradients(network, 0.3);
        SetGradients(twin, 0.3);
        optimizer.Step(network);
        twinOptimizer.Step(twin);
        Assert.Equal(twin.W.AsSpan().ToArray(), network.W.AsSpan().ToArray());
        Assert.Equal(twinOptimizer.StepCount, optimizer.StepCount);
    }

    /// <summary>
    /// Finite gradients whose step would overflow: a parameter (gradient descent, momentum), or only a running average
    /// while the parameter stays finite (RMSProp and Adam square a gradient of 1e200 to ∞, and then divide by it).
    /// Each is refused with nothing changed.
    /// </summary>
    [Theory]
    [InlineData("GradientDescent", 1e300, 1e10)]
    [InlineData("Momentum", 1e300, 1e100)]
    [InlineData("RMSProp", 0.001, 1e200)]
    [InlineData("Adam", 0.001, 1e200)]
    public void A_step_that_would_overflow_is_refused(string name, double learningRate, double gradient)
    {
        var network = new ParameterHolder([1.0, -2.0], [0, 0]);
        var optimizer = Create(name);
        optimizer.LearningRate = learningRate;
        SetGradients(network, gradient);

        var error = Assert.Throws<TrainingDivergedException>(() => optimizer.Step(network));

        Assert.Equal([1.0, -2.0], network.W.AsSpan().ToArray());
        Assert.Equal(0, optimizer.StepCount);
        Assert.Contains($"the {name} step of W1 would overflow", error.Message);
    }

    [Fact]
    public void Update_refuses_a_step_that_would_overflow_and_names_the_element()
    {
        var network = new ParameterHolder([1.0, -2.0], [0, 0]);
        network.dW[0, 0] = 1;
        network.dW[0, 1] = -1e300;

        var error = Assert.Throws<TrainingDivergedException>(() => NetworkTraining.Update(network, 1e10));

        Assert.Equal([1.0, -2.0], network.W.AsSpan().ToArray());
        Assert.Equal(
            "Training diverged: the step W1[0, 1] − α·dW1[0, 1] = -2 − 10000000000·-1E+300 overflows to Infinity. The step was not applied: the " +
            "parameters are as they were before it. Lower the learning rate, or scale the inputs to values near 1.",
            error.Message);
        Assert.Null(error.Iteration);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Update_checks_the_learning_rate(double learningRate)
    {
        var network = new ParameterHolder([1.0], [1.0]);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => NetworkTraining.Update(network, learningRate));

        Assert.Equal("learningRate", error.ParamName);
        Assert.Equal([1.0], network.W.AsSpan().ToArray());
    }

    [Fact]
    public void Update_and_the_gradient_descent_optimizer_compute_the_same_bits()
    {
        // 37 values: whole vectors and a scalar tail.
        var initial = Enumerable.Range(0, 37).Select(i => Math.Sin(i) * 3).ToArray();
        var (byUpdate, byOptimizer) = (new ParameterHolder(initial, [.. initial]), new ParameterHolder(initial, [.. initial]));
        var optimizer = new GradientDescent(0.37);

        for (var step = 0; step < 3; step++)
        {
            byUpdate.Backward(None);
            byOptimizer.Backward(None);
            NetworkTraining.Update(byUpdate, 0.37);
            optimizer.Step(byOptimizer);
        }

        Assert.Equal(byUpdate.W.AsSpan().ToArray(), byOptimizer.W.AsSpan().ToArray());
    }

    /// <summary>
    /// Exponential(0.001) from 0.01 underflowed to 0 after 107 epochs and stopped training with "LearningRate must be a
    /// positive finite number … Actual value was 0", a value nobody set. Now the rate stops at the floor, which is
    /// positive in single precision too.
    /// </summary>
    [Fact]
    public void Schedules_never_take_the_rate_to_zero()
    {
        var schedule = LearningRateSchedule.Exponential(0.001);

        var rates = Enumerable.Range(0, 400).Select(epoch => schedule.At(0.01, epoch)).ToArray();

        Assert.All(rates, rate => Assert.True(rate >= LearningRateSchedule.MinimumRate, $"rate {rate}"));
        Assert.Equal(LearningRateSchedule.MinimumRate, rates[^1]);
        Assert.True((float)LearningRateSchedule.MinimumRate > 0);
        Assert.Equal(LearningRateSchedule.MinimumRate, LearningRateSchedule.Step(1, 1e-10).At(1, 100));
        Assert.Equal(1e-40, schedule.At(1e-40, 10)); // a rate below the floor to begin with stays as it was set
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(-1.0, 0)]
    [InlineData(double.NaN, 0)]
    [InlineData(double.PositiveInfinity, 0)]
    [InlineData(0.1, -1)]
    public void Schedules_check_their_arguments(double initial, int epoch)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.Exponential(0.9).At(initial, epoch));

        Assert.Equal(epoch < 0 ? "epoch" : "initial", error.ParamName);
    }

    private static readonly Matrix<double> None = new(1, 1);

    private static Optimizer Create(string name) => name switch
    {
        "GradientDescent" => new GradientDescent(0.1),
        "Momentum" => new Momentum(0.1),
        "RMSProp" => new RMSProp(0.01),
        "Adam" => new Adam(0.01),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not an optimizer of these tests."),
    };

    private static void SetGradients(ParameterHolder network, double gradient)
    {
        for (var i = 0; i < network.dW.Columns; i++)
        {
            network.dW[0, i] = gradient * (i + 1);
        }
    }

    /// <summary>w after each of two steps from w = 1, with the gradient set to 0.5, then −0.25.</summary>
    private static double[] TwoSteps(Optimizer optimizer)
    {
        var network = new ParameterHolder([1.0], [0.0]);
        var weights = new double[2];
        foreach (var (gradient, step) in new[] { 0.5, -0.25 }.Select((g, i) => (g, i)))
        {
            network.dW[0, 0] = gradient;
            optimizer.Step(network);
            weights[step] = network.W[0, 0];
        }

        return weights;
    }
}
