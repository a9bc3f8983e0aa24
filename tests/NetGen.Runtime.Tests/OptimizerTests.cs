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
