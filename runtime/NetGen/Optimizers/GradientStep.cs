using System;
using System.Numerics;
using System.Runtime.InteropServices;

namespace NetGen.CompilerServices;

/// <summary>
/// The gradient-descent update P − α dP, in two passes over the same formula: <see cref="IsFinite{T}"/> computes every
/// new value without writing it and tells whether all are finite, then <see cref="Apply{T}"/> writes them. A step that
/// would leave NaN or ±∞ (a non-finite gradient, or a finite one large enough to overflow) is refused before anything
/// changes. Both passes are vectorized with <see cref="Vector{T}"/> and compute bit-identical values, so what the check
/// passed is what is written. Plain <c>Update</c>, <c>TrainStep</c>, full-batch <c>Fit</c> and the
/// <see cref="GradientDescent"/> optimizer all step through here.
/// </summary>
internal static class GradientStep
{
    /// <summary>
    /// P −= α dP for every parameter of <paramref name="network"/> if every new value is finite; else changes nothing.
    /// </summary>
    /// <returns>−1 when the step was applied; else the index of the first parameter whose step was not finite.</returns>
    public static int TryApply<T>(INetwork<T> network, T learningRate)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var (parameters, gradients) = (network.Parameters, network.Gradients);
        for (var p = 0; p < parameters.Count; p++)
        {
            if (!IsFinite<T>(parameters[p].AsSpan(), gradients[p].AsSpan(), learningRate))
            {
                return p;
            }
        }

        for (var p = 0; p < parameters.Count; p++)
        {
            Apply(parameters[p].AsSpan(), gradients[p].AsSpan(), learningRate);
        }

        return -1;
    }

    /// <summary>Whether P − α dP is finite for every element, computed exactly as <see cref="Apply{T}"/> will.</summary>
    /// <exception cref="ArgumentException">The gradient and the parameter differ in length.</exception>
    public static bool IsFinite<T>(ReadOnlySpan<T> parameter, ReadOnlySpan<T> gradient, T learningRate)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        RequireSameLength(parameter, gradient);
        var parameters = MemoryMarshal.Cast<T, Vector<T>>(parameter);
        var gradients = MemoryMarshal.Cast<T, Vector<T>>(gradient);
        var rates = new Vector<T>(learningRate);
        var (lows, highs) = ValueChecks.FiniteBounds<T>();
        Vector<T> finite = Vector<T>.AllBitsSet, alsoFinite = Vector<T>.AllBitsSet;
        var v = 0;
        for (; v + 1 < parameters.Length; v += 2)
        {
            finite &= ValueChecks.Inside(Next(parameters[v], gradients[v], rates), lows, highs);
            alsoFinite &= ValueChecks.Inside(Next(parameters[v + 1], gradients[v + 1], rates), lows, highs);
        }

        if (v < parameters.Length)
        {
            finite &= ValueChecks.Inside(Next(parameters[v], gradients[v], rates), lows, highs);
        }

        var allFinite = ValueChecks.All(finite & alsoFinite);
        for (var i = parameters.Length * Vector<T>.Count; i < parameter.Length; i++)
        {
            allFinite &= ValueChecks.IsFinite(Next(parameter[i], gradient[i], learningRate));
        }

        return allFinite;
    }

    /// <summary>P −= α dP for every element.</summary>
    /// <exception cref="ArgumentException">The gradient and the parameter differ in length.</exception>
    public static void Apply<T>(Span<T> parameter, ReadOnlySpan<T> gradient, T learningRate)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        RequireSameLength(parameter, gradient);
        var parameters = MemoryMarshal.Cast<T, Vector<T>>(parameter);
        var gradients = MemoryMarshal.Cast<T, Vector<T>>(gradient);
        var rates = new Vector<T>(learningRate);
        for (var v = 0; v < parameters.Length; v++)
        {
            parameters[v] = Next(parameters[v], gradients[v], rates);
        }

        for (var i = parameters.Length * Vector<T>.Count; i < parameter.Length; i++)
        {
            parameter[i] = Next(parameter[i], gradient[i], learningRate);
        }
    }

    /// <summary>The new value of one element, P − α dP: the formula of both passes, lane by lane.</summary>
    public static T Next<T>(T parameter, T gradient, T learningRate)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => parameter - (learningRate * gradient);

    /// <summary>The new values of a vector of elements: the same two roundings as the scalar <see cref="Next{T}(T, T, T)"/>.</summary>
    private static Vector<T> Next<T>(Vector<T> parameter, Vector<T> gradient, Vector<T> learningRate)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => parameter - (learningRate * gradient);

    private static void RequireSameLength<T>(ReadOnlySpan<T> parameter, ReadOnlySpan<T> gradient)
    {
        if (gradient.Length != parameter.Length)
        {
            throw new ArgumentException($"A gradient has {gradient.Length} values, but its parameter has {parameter.Length}: Gradients must match Parameters matrix by matrix.", nameof(gradient));
        }
    }
}

/// <summary>Plain gradient descent at a learning rate, as the update of a training step.</summary>
internal readonly struct PlainGradientStep<T>(T learningRate) : IGuardedUpdate<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public Divergence.StepKind Kind => new(double.CreateTruncating(learningRate), null);

    /// <inheritdoc/>
    public int TryApply(INetwork<T> network) => GradientStep.TryApply(network, learningRate);
}
