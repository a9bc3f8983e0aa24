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

    [Fact]
    public void Tanh_and_its_backward_step_match_the_definition()
    {
        var (A, dZ) = (new Matrix<double>(37, 1), new Matrix<double>(37, 1));

        Activations.Tanh(Z, A);
        Activations.TanhBackward(UpstreamGradient, A, dZ);

        Reference.AssertClose(Z.AsSpan().ToArray().Select(Math.Tanh), A.AsSpan().ToArray(), 1e-15);
        AssertChainRule(Math.Tanh, dZ);
    }

    [Fact]
    public void LeakyReLU_and_its_backward_step_use_the_slope_below_zero()
    {
        var (A, dZ) = (new Matrix<double>(37, 1), new Matrix<double>(37, 1));

        Activations.LeakyReLU(Z, A, 0.1);
        Activations.LeakyReLUBackward(UpstreamGradient, Z, dZ, 0.1);

        Assert.Equal(Z.AsSpan().ToArray().Select(z => z > 0 ? z : 0.1 * z), A.AsSpan().ToArray());
        AssertChainRule(z => z > 0 ? z : 0.1 * z, dZ);
    }

    [Fact]
    public void Linear_copies_forward_and_backward()
    {
        var (A, dZ) = (new Matrix<double>(37, 1), new Matrix<double>(37, 1));

        Activations.Linear(Z, A);
        Activations.LinearBackward(UpstreamGradient, dZ);

        Assert.Equal(Z.AsSpan().ToArray(), A.AsSpan().ToArray());
        Assert.Equal(UpstreamGradient.AsSpan().ToArray(), dZ.AsSpan().ToArray());
    }

    [Fact]
    public void Softmax_normalizes_each_column_as_the_definition_says()
    {
        // 3 classes × 37 examples: every column is one example's distribution.
        var logits = Reference.Random<double>(3, 37, 13);
        var A = new Matrix<double>(3, 37);

        Activations.Softmax(logits, A);

        for (var j = 0; j < 37; j++)
        {
            var denominator = Enumerable.Range(0, 3).Sum(k => Math.Exp(logits[k, j]));
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(Math.Exp(logits[i, j]) / denominator, A[i, j], 1e-15);
            }
        }
    }

    [Fact]
    public void Softmax_stays_finite_for_huge_logits_and_works_in_place()
    {
        // e^1000 overflows; shifting by the column maximum makes the largest exponent e^0 = 1.
        var logits = new Matrix<float>(3, 2, [1000, -1000, 999, -1001, 0, -1002]);

        Activations.Softmax(logits, logits);

        var e = MathF.Exp(-1);
        Reference.AssertClose(new double[] { 1 / (1 + e), 1 / (1 + e + (e * e)), e / (1 + e), e / (1 + e + (e * e)), 0, e * e / (1 + e + (e * e)) }, logits.AsSpan().ToArray().Select(v => (double)v), 1e-6);
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
