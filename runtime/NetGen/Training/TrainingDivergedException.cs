using System;

namespace NetGen;

/// <summary>
/// A training step was refused because its cost, its gradients or its update were not finite numbers: the step was not
/// applied, so no parameter is NaN or infinite, and the parameters and the optimizer's state are those after the last
/// step that succeeded. Training diverges when the learning rate is too large for the problem, or when the inputs
/// are on scales far from 1; lower the rate, or scale the inputs, and train on from there.
/// </summary>
/// <remarks>
/// A non-finite value in the data is not reported this way: training names it with an <see cref="ArgumentException"/>
/// for X or Y, with its position.
/// </remarks>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public TrainingDivergedException()
        : this("Training diverged: a step was not finite and was not applied.")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    /// <param name="message">What diverged.</param>
    public TrainingDivergedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and the exception that caused it.</summary>
    /// <param name="message">What diverged.</param>
    /// <param name="innerException">The cause.</param>
    public TrainingDivergedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for the step that diverged.</summary>
    internal TrainingDivergedException(string message, int? iteration, int? epoch, int? batch, double? cost)
        : base(message)
    {
        (Iteration, Epoch, Batch, Cost) = (iteration, epoch, batch, cost);
    }

    /// <summary>
    /// The iteration of full-batch <c>Fit(X, Y, iterations, learningRate)</c> that diverged, numbered from 0 as its
    /// progress reports them; <see langword="null"/> for the other training calls.
    /// </summary>
    public int? Iteration { get; }

    /// <summary>The epoch of mini-batch <c>Fit(X, Y, options)</c> that diverged, from 0; <see langword="null"/> for the other training calls.</summary>
    public int? Epoch { get; }

    /// <summary>The batch of <see cref="Epoch"/> that diverged, from 0 for the first batch of the epoch; <see langword="null"/> outside mini-batch <c>Fit</c>.</summary>
    public int? Batch { get; }

    /// <summary>
    /// The cost of the step that diverged: NaN or infinite when the cost itself was not finite, a finite number when
    /// the gradients or the update were not; <see langword="null"/> for <c>Update</c> and <see cref="Optimizer.Step{T}"/>,
    /// which compute no cost.
    /// </summary>
    public double? Cost { get; }
}
