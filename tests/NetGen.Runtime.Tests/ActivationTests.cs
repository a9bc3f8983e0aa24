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

        Activations.Forward(Z, A, default(ReLUOperator<double>));

        Assert.Equal(Z.AsSpan().ToArray().Select(z => Math.Max(z, 0)), A.AsSpan().ToArray());
    }

    [Fact]
    public void Sigmoid_is_one_over_one_plus_exp_minus_z()
    {
        var A = new Matrix<double>(37, 1);

        Activations.Forward(Z, A, default(SigmoidOperator<double>));

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

        Activations.Forward(Z, A, default(SigmoidOperator<float>));

        Assert.Equal([0f, 0f, 1f, 1f], A.AsSpan().ToArray());
    }

    [Fact]
    public void ReLUBackward_is_the_chain_rule_with_a_finite_difference_derivative()
    {
        var dZ = new Matrix<double>(37, 1);

        Activations.Backward(UpstreamGradient, Z, dZ, default(ReLUOperator<double>));

        // Z comes from a Gaussian, so no element sits on the kink at 0 where the difference is undefined.
        AssertChainRule(z => Math.Max(z, 0), dZ);
    }

    [Fact]
    public void ReLUBackward_takes_the_derivative_at_zero_as_zero()
    {
        var dZ = new Matrix<float>(1, 3);

        Activations.Backward(new Matrix<float>(1, 3, [5, 5, 5]), new Matrix<float>(1, 3, [-1, 0, 1]), dZ, default(ReLUOperator<float>));

        Assert.Equal([0f, 0f, 5f], dZ.AsSpan().ToArray());
    }

    [Fact]
    public void SigmoidBackward_is_the_chain_rule_with_a_finite_difference_derivative()
    {
        var A = new Matrix<double>(37, 1);
        var dZ = new Matrix<double>(37, 1);
        Activations.Forward(Z, A, default(SigmoidOperator<double>));

        Activations.Backward(UpstreamGradient, A, dZ, default(SigmoidOperator<double>));

        AssertChainRule(z => 1 / (1 + Math.Exp(-z)), dZ);
    }

    [Fact]
    public void Mismatched_shapes_throw()
    {
        var error = Assert.Throws<ArgumentException>(() => Activations.Forward(new Matrix<float>(2, 3), new Matrix<float>(3, 2), default(ReLUOperator<float>)));

        Assert.Equal("Expected A to be 2 × 3, but it is 3 × 2. (Parameter 'A')", error.Message);
    }

    [Fact]
    public void Tanh_and_its_backward_step_match_the_definition()
    {
        var (A, dZ) = (new Matrix<double>(37, 1), new Matrix<double>(37, 1));

        Activations.Forward(Z, A, default(TanhOperator<double>));
        Activations.Backward(UpstreamGradient, A, dZ, default(TanhOperator<double>));

        Reference.AssertClose(Z.AsSpan().ToArray().Select(Math.Tanh), A.AsSpan().ToArray(), 1e-15);
        AssertChainRule(Math.Tanh, dZ);
    }

    [Fact]
    public void LeakyReLU_and_its_backward_step_use_the_slope_below_zero()
    {
        var (A, dZ) = (new Matrix<double>(37, 1), new Matrix<double>(37, 1));

        Activations.Forward(Z, A, new LeakyReLUOperator<double>(0.1));
        Activations.Backward(UpstreamGradient, Z, dZ, new LeakyReLUOperator<double>(0.1));

        Assert.Equal(Z.AsSpan().ToArray().Select(z => z > 0 ? z : 0.1 * z), A.AsSpan().ToArray());
        AssertChainRule(z => z > 0 ? z : 0.1 * z, dZ);
    }

    [Fact]
    public void Linear_copies_forward_and_backward()
    {
        var (A, dZ) = (new Matrix<double>(37, 1), new Matrix<double>(37, 1));

        Activations.Forward(Z, A, default(LinearOperator<double>));
        Activations.Backward(UpstreamGradient, Z, dZ, default(LinearOperator<double>));

        Assert.Equal(Z.AsSpan().ToArray(), A.AsSpan().ToArray());
        Assert.Equal(UpstreamGradient.AsSpan().ToArray(), dZ.AsSpan().ToArray());
    }

    [Fact]
    public void Softmax_normalizes_each_column_as_the_definition_says()
    {
        // 3 classes × 37 examples: every column is one example's distribution.
        var logits = Reference.Random<double>(3, 37, 13);
        var A = new Matrix<double>(3, 37);

        Activations.Forward(logits, A, default(SoftmaxOperator<double>));

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

        Activations.Forward(logits, logits, default(SoftmaxOperator<float>));

        var e = MathF.Exp(-1);
        Reference.AssertClose(new double[] { 1 / (1 + e), 1 / (1 + e + (e * e)), e / (1 + e), e / (1 + e + (e * e)), 0, e * e / (1 + e + (e * e)) }, logits.AsSpan().ToArray().Select(v => (double)v), 1e-6);
    }

    [Fact]
    public void SiLU_is_z_times_sigmoid_of_z_and_its_backward_step_is_the_chain_rule()
    {
        var (A, dZ) = (new Matrix<double>(37, 1), new Matrix<double>(37, 1));

        Activations.Forward(Z, A, default(SiLUOperator<double>));
        Activations.Backward(UpstreamGradient, Z, dZ, default(SiLUOperator<double>));

        Reference.AssertClose(Z.AsSpan().ToArray().Select(SiLU), A.AsSpan().ToArray(), 1e-15);
        AssertChainRule(SiLU, dZ);
    }

    [Fact]
    public void SiLU_saturates_to_zero_and_to_the_identity_in_float()
    {
        var Z = new Matrix<float>(1, 4, [-1e4f, -100f, 100f, 1e4f]);
        var (A, dZ) = (new Matrix<float>(1, 4), new Matrix<float>(1, 4));

        Activations.Forward(Z, A, default(SiLUOperator<float>));
        Activations.Backward(new Matrix<float>(1, 4, [1, 1, 1, 1]), Z, dZ, default(SiLUOperator<float>));

        Assert.Equal([-0f, -0f, 100f, 1e4f], A.AsSpan().ToArray());
        Assert.Equal([-0f, -0f, 1f, 1f], dZ.AsSpan().ToArray());
    }

    [Fact]
    public void Softmax_backward_is_the_Jacobian_of_each_column_applied_to_dA()
    {
        var logits = Reference.Random<double>(3, 5, 14);
        var upstream = Reference.Random<double>(3, 5, 15);
        var (A, dZ) = (new Matrix<double>(3, 5), new Matrix<double>(3, 5));
        Activations.Forward(logits, A, default(SoftmaxOperator<double>));

        Activations.Backward(upstream, A, dZ, default(SoftmaxOperator<double>));

        // ∂J/∂zᵢ = Σₖ dAₖ ∂aₖ/∂zᵢ, with the derivative of each output taken by central differences of softmax itself.
        const double Epsilon = 1e-6;
        for (var j = 0; j < 5; j++)
        {
            for (var i = 0; i < 3; i++)
            {
                var expected = 0.0;
                for (var k = 0; k < 3; k++)
                {
                    expected += upstream[k, j] * (SoftmaxAt(logits, k, j, i, Epsilon) - SoftmaxAt(logits, k, j, i, -Epsilon)) / (2 * Epsilon);
                }

                Assert.Equal(expected, dZ[i, j], 1e-8);
            }
        }
    }

    /// <summary>Every elementwise operator: the vector loop and the scalar tail agree with the scalar definition, in both precisions.</summary>
    [Fact]
    public void Every_elementwise_operator_matches_its_formula_and_gives_an_element_the_same_bits_wherever_it_lies()
    {
        static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
        AssertElementwise<double, ReLUOperator<double>>(default(ReLUOperator<double>), z => Math.Max(z, 0), x => x > 0 ? 1 : 0);
        AssertElementwise<double, LeakyReLUOperator<double>>(new LeakyReLUOperator<double>(0.1), z => z > 0 ? z : 0.1 * z, x => x > 0 ? 1 : 0.1);
        AssertElementwise<double, SigmoidOperator<double>>(default(SigmoidOperator<double>), Sigmoid, a => a * (1 - a));
        AssertElementwise<double, TanhOperator<double>>(default(TanhOperator<double>), Math.Tanh, a => 1 - (a * a));
        AssertElementwise<double, LinearOperator<double>>(default(LinearOperator<double>), z => z, _ => 1);
        AssertElementwise<double, SiLUOperator<double>>(default(SiLUOperator<double>), SiLU, z => Sigmoid(z) * (1 + (z * (1 - Sigmoid(z)))));
        AssertElementwise<float, SigmoidOperator<float>>(default(SigmoidOperator<float>), Sigmoid, a => a * (1 - a));
        AssertElementwise<float, TanhOperator<float>>(default(TanhOperator<float>), Math.Tanh, a => 1 - (a * a));
        AssertElementwise<float, SiLUOperator<float>>(default(SiLUOperator<float>), SiLU, z => Sigmoid(z) * (1 + (z * (1 - Sigmoid(z)))));
    }

    /// <summary>
    /// g and g' over 37 values (a whole number of vectors and a partial one) against their formulas in double (relative to
    /// the value where it exceeds 1: g' of sigmoid and tanh is read at an input of up to ±8 here), and each
    /// element's result, bit for bit, against the same element run alone: the partial vector takes the vector function
    /// too, so a single example's activation is the same as in a batch.
    /// </summary>
    private static void AssertElementwise<T, TOperator>(TOperator activation, Func<double, double> g, Func<double, double> derivative)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
        where TOperator : struct, IElementwiseActivation<T>
    {
        var input = Reference.Random<T>(37, 1, 16).AsSpan().ToArray();
        for (var i = 0; i < input.Length; i++)
        {
            input[i] *= T.CreateTruncating(4); // to reach the saturated ends of sigmoid and tanh
        }

        var (output, gradient) = (new T[37], new T[37]);
        var ones = Enumerable.Repeat(T.One, 37).ToArray();
        Activations.Elementwise<T, TOperator>(input, output, activation);
        Activations.ElementwiseBackward<T, TOperator>(ones, input, gradient, activation);

        var tolerance = typeof(T) == typeof(float) ? 1e-6 : 1e-14;
        for (var i = 0; i < input.Length; i++)
        {
            var x = double.CreateTruncating(input[i]);
            Assert.Equal(g(x), double.CreateTruncating(output[i]), tolerance * Math.Max(1, Math.Abs(g(x))));
            Assert.Equal(derivative(x), double.CreateTruncating(gradient[i]), tolerance * Math.Max(1, Math.Abs(derivative(x))));

            var (alone, aloneGradient) = (new T[1], new T[1]);
            Activations.Elementwise<T, TOperator>(input.AsSpan(i, 1), alone, activation);
            Activations.ElementwiseBackward<T, TOperator>(ones.AsSpan(i, 1), input.AsSpan(i, 1), aloneGradient, activation);
            Assert.Equal(output[i], alone[0]);
            Assert.Equal(gradient[i], aloneGradient[0]);
        }
    }

    private static double SiLU(double z) => z / (1 + Math.Exp(-z));

    /// <summary>softmax(Z)ₖ of column j, with Zᵢⱼ moved by <paramref name="step"/>.</summary>
    private static double SoftmaxAt(Matrix<double> logits, int k, int j, int i, double step)
    {
        double Logit(int row) => logits[row, j] + (row == i ? step : 0);
        return Math.Exp(Logit(k)) / Enumerable.Range(0, logits.Rows).Sum(row => Math.Exp(Logit(row)));
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
