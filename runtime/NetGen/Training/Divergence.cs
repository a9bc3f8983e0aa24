using System;
using System.Collections.Generic;
using System.Numerics;

namespace NetGen.CompilerServices;

/// <summary>
/// Explains a training step that was refused. Only a failed step gets here, so these scans of X, Y and the parameters
/// cost nothing on the path that succeeds: a non-finite value in the data always makes the cost or a gradient
/// non-finite (every element of X reaches dW1 = (1/m) dZ1 · Xᵀ, every element of Y reaches dZ[L]), so the step detects
/// it through the numbers it computes anyway, and only then looks for its position. Training never makes a parameter
/// non-finite, but code outside it can (W1[0, 0] = NaN); that is named too, rather than blamed on the learning rate.
/// </summary>
internal static class Divergence
{
    /// <summary>
    /// The exception for a refused step: an <see cref="ArgumentException"/> naming the first non-finite value of X or Y
    /// when the data hold one (the cause), an <see cref="InvalidOperationException"/> when a parameter was not finite
    /// before the step, else a <see cref="TrainingDivergedException"/> saying what was not finite.
    /// </summary>
    /// <param name="network">The network, unchanged by the step.</param>
    /// <param name="X">The user's inputs.</param>
    /// <param name="Y">The user's labels.</param>
    /// <param name="cost">The cost of the step.</param>
    /// <param name="parameter">The first parameter whose update was not finite, or −1 when the cost was not.</param>
    /// <param name="step">How the update was made, for the message.</param>
    /// <param name="where">Where in training the step was.</param>
    public static Exception OfStep<T>(INetwork<T> network, Matrix<T> X, Matrix<T> Y, T cost, int parameter, StepKind step, Where where)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if ((ValueChecks.FindNonFinite(X, nameof(X)) ?? ValueChecks.FindNonFinite(Y, nameof(Y))) is { } data)
        {
            return data;
        }

        if (NonFiniteParameters(network) is { } parameters)
        {
            return parameters;
        }

        var costText = $"the cost is {ValueChecks.Format(cost)}";
        var reason = parameter < 0 ? costText : $"{costText}, but {UpdateFailure(network, parameter, step)}";
        return Diverged(reason, step, where, double.CreateTruncating(cost));
    }

    /// <summary>
    /// The exception for an update, with no cost, whose parameter <paramref name="parameter"/> would not be finite: an
    /// <see cref="InvalidOperationException"/> when a parameter was not finite before it, else a
    /// <see cref="TrainingDivergedException"/>.
    /// </summary>
    public static Exception OfUpdate<T>(INetwork<T> network, int parameter, StepKind step)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        NonFiniteParameters(network) ?? (Exception)Diverged(UpdateFailure(network, parameter, step), step, default, cost: null);

    /// <summary>The name of parameter <paramref name="index"/> in the order of <see cref="INetwork{T}.Parameters"/>: W1, b1, W2, b2, …</summary>
    public static string ParameterName(int index) => $"{(index % 2 == 0 ? "W" : "b")}{(index / 2) + 1}";

    /// <summary>
    /// "W1[3, 4] is NaN" for the first value that is not finite, or null: of the parameters themselves, or of
    /// <paramref name="values"/> read for them (matrix by matrix, of the same shapes).
    /// </summary>
    public static string? FirstNonFiniteParameter<T>(IReadOnlyList<Matrix<T>> parameters, T[][]? values)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (var p = 0; p < parameters.Count; p++)
        {
            ReadOnlySpan<T> span = values is null ? parameters[p].AsSpan() : values[p];
            var index = ValueChecks.IndexNotFinite(span);
            if (index >= 0)
            {
                return $"{ParameterName(p)}{Position(parameters[p], index)} is {ValueChecks.Format(span[index])}";
            }
        }

        return null;
    }

    /// <summary>The exception for a parameter that was not finite before a step, or null.</summary>
    private static InvalidOperationException? NonFiniteParameters<T>(INetwork<T> network)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        FirstNonFiniteParameter(network.Parameters, values: null) is { } bad
            ? new InvalidOperationException(
                $"The network cannot train: {bad} before the step. Training never makes a parameter non-finite, so it was set " +
                "outside training; load or create the network again.")
            : null;

    private static TrainingDivergedException Diverged(string reason, StepKind step, Where where, double? cost) => new(
        $"Training diverged{where}: {reason}. The step was not applied: the parameters{(step.Optimizer is null ? string.Empty : $" and the state of {step.Optimizer}")} " +
        "are as they were before it. Lower the learning rate, or scale the inputs to values near 1.",
        where.Iteration,
        where.Epoch,
        where.Batch,
        cost);

    /// <summary>What was not finite in the update of parameter <paramref name="index"/>: its gradient, or the step itself.</summary>
    private static string UpdateFailure<T>(INetwork<T> network, int index, StepKind step)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var (parameter, gradient) = (network.Parameters[index], network.Gradients[index]);
        var name = ParameterName(index);
        var bad = ValueChecks.IndexNotFinite<T>(gradient.AsSpan());
        if (bad >= 0)
        {
            return $"the gradient d{name}{Position(gradient, bad)} is {ValueChecks.Format(gradient.AsSpan()[bad])}";
        }

        if (step.Optimizer is { } optimizer)
        {
            return $"the {optimizer} step of {name} would overflow: a new value of {name}, or of the optimizer's running averages, is not finite";
        }

        ReadOnlySpan<T> values = parameter.AsSpan(), gradients = gradient.AsSpan();
        var rate = T.CreateTruncating(step.LearningRate);
        for (var i = 0; i < values.Length; i++)
        {
            var next = GradientStep.Next(values[i], gradients[i], rate);
            if (!T.IsFinite(next))
            {
                return $"the step {name}{Position(parameter, i)} − α·d{name}{Position(parameter, i)} = {ValueChecks.Format(values[i])} − " +
                    $"{ValueChecks.Format(rate)}·{ValueChecks.Format(gradients[i])} overflows to {ValueChecks.Format(next)}";
            }
        }

        return $"the step of {name} is not finite";
    }

    private static string Position<T>(Matrix<T> matrix, int index)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var (row, column) = Math.DivRem(index, matrix.Columns);
        return $"[{row}, {column}]";
    }

    /// <summary>How a step updates the parameters: plain gradient descent at a learning rate, or an optimizer.</summary>
    /// <param name="LearningRate">α of plain gradient descent.</param>
    /// <param name="Optimizer">The optimizer's name, or null for plain gradient descent.</param>
    internal readonly record struct StepKind(double LearningRate, string? Optimizer);

    /// <summary>Where in training a step was: an iteration of full-batch Fit, a batch of mini-batch Fit, or neither.</summary>
    internal readonly record struct Where(int? Iteration, int? Epoch, int? Batch)
    {
        /// <summary>" at iteration 7", " in epoch 3, batch 5", or nothing.</summary>
        public override string ToString() =>
            Iteration is { } iteration ? $" at iteration {iteration}" : Epoch is { } epoch ? $" in epoch {epoch}, batch {Batch}" : string.Empty;
    }
}
