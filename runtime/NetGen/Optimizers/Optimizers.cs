using System;
using System.Numerics;
using NetGen.CompilerServices;

namespace NetGen;

/// <summary>Plain gradient descent, the textbook update: W −= α dW.</summary>
public sealed class GradientDescent : Optimizer
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">The step size α.</param>
    public GradientDescent(double learningRate)
        : base(learningRate)
    {
    }

    private protected override int StateBuffers => 0;

    private protected override bool Update<T>(Span<T> parameter, ReadOnlySpan<T> gradient, Span<T> first, Span<T> second, T learningRate, long step, bool commit)
    {
        if (!commit)
        {
            return GradientStep.IsFinite<T>(parameter, gradient, learningRate);
        }

        GradientStep.Apply(parameter, gradient, learningRate);
        return true;
    }
}

/// <summary>
/// Gradient descent with momentum, in the textbook's form: v = β v + (1 − β) dW, then W −= α v. The velocity v is an
/// exponentially weighted average of the gradients, which damps oscillation across steep directions.
/// </summary>
public sealed class Momentum : Optimizer
{
    private readonly double beta;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">The step size α.</param>
    /// <param name="beta">The decay β of the velocity, in [0, 1); 0.9 by default.</param>
    public Momentum(double learningRate, double beta = 0.9)
        : base(learningRate)
    {
        RequireDecay(beta, nameof(beta));
        this.beta = beta;
    }

    private protected override int StateBuffers => 1;

    private protected override bool Update<T>(Span<T> parameter, ReadOnlySpan<T> gradient, Span<T> velocity, Span<T> second, T learningRate, long step, bool commit)
    {
        T b = T.CreateTruncating(beta), oneMinusB = T.CreateTruncating(1 - beta);
        var finite = true;
        for (var i = 0; i < parameter.Length; i++)
        {
            var v = (b * velocity[i]) + (oneMinusB * gradient[i]);
            var p = parameter[i] - (learningRate * v);
            if (commit)
            {
                (velocity[i], parameter[i]) = (v, p);
            }
            else
            {
                finite &= ValueChecks.IsFinite(v) & ValueChecks.IsFinite(p);
            }
        }

        return finite;
    }
}

/// <summary>
/// RMSProp: s = β s + (1 − β) dW², then W −= α dW / (√s + ε). Each parameter's step is scaled by the running
/// root mean square of its gradients.
/// </summary>
public sealed class RMSProp : Optimizer
{
    private readonly double beta;
    private readonly double epsilon;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">The step size α; 0.001 by default.</param>
    /// <param name="beta">The decay β of the mean square, in [0, 1); 0.9 by default.</param>
    /// <param name="epsilon">ε, which keeps the division finite; 1e-8 by default.</param>
    public RMSProp(double learningRate = 0.001, double beta = 0.9, double epsilon = 1e-8)
        : base(learningRate)
    {
        RequireDecay(beta, nameof(beta));
        Arguments.RequirePositiveFinite(epsilon, nameof(epsilon));
        this.beta = beta;
        this.epsilon = epsilon;
    }

    private protected override int StateBuffers => 1;

    private protected override bool Update<T>(Span<T> parameter, ReadOnlySpan<T> gradient, Span<T> meanSquare, Span<T> second, T learningRate, long step, bool commit)
    {
        T b = T.CreateTruncating(beta), oneMinusB = T.CreateTruncating(1 - beta), e = T.CreateTruncating(epsilon);
        var finite = true;
        for (var i = 0; i < parameter.Length; i++)
        {
            var s = (b * meanSquare[i]) + (oneMinusB * gradient[i] * gradient[i]);
            var p = parameter[i] - (learningRate * gradient[i] / (T.Sqrt(s) + e));
            if (commit)
            {
                (meanSquare[i], parameter[i]) = (s, p);
            }
            else
            {
                finite &= ValueChecks.IsFinite(s) & ValueChecks.IsFinite(p);
            }
        }

        return finite;
    }
}

/// <summary>
/// Adam: the momentum average v = β₁ v + (1 − β₁) dW and the RMSProp average s = β₂ s + (1 − β₂) dW², both
/// bias-corrected for their zero start (v̂ = v / (1 − β₁ᵗ), ŝ = s / (1 − β₂ᵗ) at step t), then W −= α v̂ / (√ŝ + ε).
/// </summary>
public sealed class Adam : Optimizer
{
    private readonly double beta1;
    private readonly double beta2;
    private readonly double epsilon;

    /// <summary>Creates the optimizer with the defaults of the Adam paper (Kingma and Ba, 2015).</summary>
    /// <param name="learningRate">The step size α; 0.001 by default.</param>
    /// <param name="beta1">The decay β₁ of the gradient average, in [0, 1); 0.9 by default.</param>
    /// <param name="beta2">The decay β₂ of the squared-gradient average, in [0, 1); 0.999 by default.</param>
    /// <param name="epsilon">ε, which keeps the division finite; 1e-8 by default.</param>
    public Adam(double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
        : base(learningRate)
    {
        RequireDecay(beta1, nameof(beta1));
        RequireDecay(beta2, nameof(beta2));
        Arguments.RequirePositiveFinite(epsilon, nameof(epsilon));
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    private protected override int StateBuffers => 2;

    private protected override bool Update<T>(Span<T> parameter, ReadOnlySpan<T> gradient, Span<T> average, Span<T> meanSquare, T learningRate, long step, bool commit)
    {
        T b1 = T.CreateTruncating(beta1), oneMinusB1 = T.CreateTruncating(1 - beta1);
        T b2 = T.CreateTruncating(beta2), oneMinusB2 = T.CreateTruncating(1 - beta2);
        T e = T.CreateTruncating(epsilon);

        // The bias corrections 1 / (1 − βᵗ), in double: βᵗ of a float would lose the small difference from 1.
        var correction1 = T.CreateTruncating(1 / (1 - PortableMath.Power(beta1, step)));
        var correction2 = T.CreateTruncating(1 / (1 - PortableMath.Power(beta2, step)));
        var finite = true;
        for (var i = 0; i < parameter.Length; i++)
        {
            var v = (b1 * average[i]) + (oneMinusB1 * gradient[i]);
            var s = (b2 * meanSquare[i]) + (oneMinusB2 * gradient[i] * gradient[i]);
            var p = parameter[i] - (learningRate * (v * correction1) / (T.Sqrt(s * correction2) + e));
            if (commit)
            {
                (average[i], meanSquare[i], parameter[i]) = (v, s, p);
            }
            else
            {
                finite &= ValueChecks.IsFinite(v) & ValueChecks.IsFinite(s) & ValueChecks.IsFinite(p);
            }
        }

        return finite;
    }
}
