namespace NetGen.Runtime.Tests;

/// <summary>Activations against their definitions, and their backward passes against central finite differences.</summary>
public class ActivationTests
{
    // 37 elements: not a multiple of any vector width, so both the vector loop and the scalar tail run.
    private static readonly Matrix<double> Z = Reference.Random<double>(37, 1, 11);
    private static readonly Matrix<double> UpstreamGradient = Reference.Random<double>(37, 1, 12);

    [Fact]
    public void ReLU_is_max_of_z_and_zero()
    {
        var A = new Matrix<double>(37, 1);

        Activations.ReLU(Z, A);

        Assert.Equal(Z.AsSpan().ToArray().Select(z => Math.Max(z, 0)), A.AsSpan().ToArray());
    }

    [Fact]
    public void Sigmoid_is_one_over_one_plus_exp_minus_z()
    {
        var A = new Matrix<double>(37, 1);

        Activations.Sigmoid(Z, A);

        foreach (var (z, a) in Z.AsSpan().ToArray().Zip(A.AsSpan().ToArray()))
        {
            Assert.Equal(1 / (1 + Math.Exp(-z)), a, 1e-15);
        }
    }

    [Fact]
    public void Sigmoid_saturates_without_overflow_in_float()
    {
        var Z = new Matrix<float>(1, 4, [-1e4f, -100f, 100f, 1e4f]);
        var A = new Matrix<float>(1, 4);

        Activations.Sigmoid(Z, A);

        Assert.Equal([0f, 0f, 1f, 1f], A.AsSpan().ToArray());
    }

    [Fact]
    public void ReLUBackward_is_the_chain_rule_with_a_finite_difference_derivative()
    {
        var dZ = new Matrix<double>(37, 1);

        Activations.ReLUBackward(UpstreamGradient, Z, dZ);

        // Z comes from a Gaussian, so no element sits on the kink at 0 where the difference is undefined.
        AssertChainRule(z => Math.Max(z, 0), dZ);
    }

    [Fact]
    public void ReLUBackward_takes_the_derivative_at_zero_as_zero()
    {
        var dZ = new Matrix<float>(1, 3);

        Activations.ReLUBackward(new Matrix<float>(1, 3, [5, 5, 5]), new Matrix<float>(1, 3, [-1, 0, 1]), dZ);

        Assert.Equal([0f, 0f, 5f], dZ.AsSpan().ToArray());
    }

    [Fact]
    public void SigmoidBackward_is_the_chain_rule_with_a_finite_difference_derivative()
    {
        var A = new Matrix<double>(37, 1);
        var dZ = new Matrix<double>(37, 1);
        Activations.Sigmoid(Z, A);

        Activations.SigmoidBackward(UpstreamGradient, A, dZ);

        AssertChainRule(z => 1 / (1 + Math.Exp(-z)), dZ);
    }

    [Fact]
    public void Mismatched_shapes_throw()
    {
        var error = Assert.Throws<ArgumentException>(() => Activations.ReLU(new Matrix<float>(2, 3), new Matrix<float>(3, 2)));

        Assert.Equal("Expected A to be 2 × 3, but it is 3 × 2. (Parameter 'A')", error.Message);
    }

    /// <summary>dZ = dA ⊙ g'(Z), with g' from a central difference: error O(ε²) ≈ 1e-12, far below the 1e-8 allowed.</summary>
    private static void AssertChainRule(Func<double, double> g, Matrix<double> dZ)
    {
        const double Epsilon = 1e-5;
        for (var i = 0; i < Z.Rows; i++)
        {
            var z = Z[i, 0];
            var derivative = (g(z + Epsilon) - g(z - Epsilon)) / (2 * Epsilon);
            Assert.Equal(UpstreamGradient[i, 0] * derivative, dZ[i, 0], 1e-8);
        }
    }
}
