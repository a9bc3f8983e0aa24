namespace NetGen.Runtime.Tests;

public class GradientCheckTests
{
    private static readonly Matrix<double> None = new(1, 1);

    [Fact]
    public void A_correct_gradient_gives_a_tiny_difference()
    {
        var network = new ParameterHolder([0.3, -1.2, 2.0], [1.0, 4.0, 0.5]);

        var difference = GradientCheck.RelativeDifference(network, None, None, 1e-6);

        Assert.InRange(difference, 0, 1e-9);
    }

    [Fact]
    public void A_wrong_gradient_gives_a_large_difference()
    {
        var network = new ParameterHolder([0.3, -1.2, 2.0], [1.0, 4.0, 0.5]) { GradientError = 0.1 };

        var difference = GradientCheck.RelativeDifference(network, None, None, 1e-6);

        // ‖error‖ / (‖g‖ + ‖g + error‖) with ‖g‖ = √(0.09 + 23.04 + 1) ≈ 4.91: about 0.01.
        Assert.InRange(difference, 0.009, 0.011);
    }

    [Fact]
    public void Parameters_are_restored_exactly()
    {
        double[] initial = [0.1, 0.2, 0.7];
        var network = new ParameterHolder(initial, [1.0, 1.0, 1.0]);

        GradientCheck.RelativeDifference(network, None, None, 1e-3);

        Assert.Equal(initial, network.W.AsSpan().ToArray());
    }
}
