using System;
using System.Collections.Generic;
using System.Numerics;

namespace NetGen;

/// <summary>
/// Updates a network's parameters from the gradients of its last <see cref="INetwork{T}.Backward"/>. An optimizer keeps
/// its state (velocities, moment estimates) for one network: it allocates it on the first <see cref="Step{T}"/> and never
/// again, so training steps do not allocate. Use one optimizer per network.
/// </summary>
public abstract class Optimizer
{
    private double learningRate;

    // The Parameters list the state belongs to, and the state: StateBuffers arrays per parameter, as T[][].
    private object? owner;
    private object? state;

    private protected Optimizer(double learningRate) => LearningRate = learningRate;

    /// <summary>The step size α. A learning-rate schedule changes it between epochs.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a positive finite number.</exception>
    public double LearningRate
    {
        get => learningRate;
        set
        {
            RequirePositive(value, nameof(LearningRate));
            learningRate = value;
        }
    }

    /// <summary>The number of steps taken since the optimizer was created or <see cref="Reset"/>: t in Adam's bias correction.</summary>
    public long StepCount { get; private set; }

    /// <summary>How many arrays of state the optimizer keeps per parameter matrix.</summary>
    private protected abstract int StateBuffers { get; }

    /// <summary>Applies one update to every parameter of <paramref name="network"/> from its current gradients.</summary>
    /// <exception cref="InvalidOperationException">The optimizer already holds the state of another network.</exception>
    public void Step<T>(INetwork<T> network)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        var parameters = network.Parameters;
        var gradients = network.Gradients;
        var buffers = StateFor(parameters);
        StepCount++;
        var rate = T.CreateTruncating(learningRate);
        for (var p = 0; p < parameters.Count; p++)
        {
            var slots = buffers[p];
            Update(
                parameters[p].AsSpan(),
                gradients[p].AsSpan(),
                slots.Length > 0 ? slots[0] : default,
                slots.Length > 1 ? slots[1] : default,
                rate);
        }
    }

    /// <summary>Forgets the state and the step count, so that the optimizer can start over, on this or another network.</summary>
    public void Reset()
    {
        owner = null;
        state = null;
        StepCount = 0;
    }

    /// <summary>
    /// Updates one parameter matrix in place. <paramref name="first"/> and <paramref name="second"/> are its state arrays
    /// (as many as <see cref="StateBuffers"/>, zero at the first step; empty beyond that).
    /// </summary>
    private protected abstract void Update<T>(Span<T> parameter, ReadOnlySpan<T> gradient, Span<T> first, Span<T> second, T learningRate)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>;

    /// <summary>Checks a hyperparameter in (0, ∞).</summary>
    private protected static void RequirePositive(double value, string name)
    {
        if (!(value > 0 && double.IsFinite(value)))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a positive finite number.");
        }
    }

    /// <summary>Checks a decay rate β in [0, 1).</summary>
    private protected static void RequireDecay(double value, string name)
    {
        if (!(value >= 0 && value < 1))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least 0 and less than 1.");
        }
    }

    private T[][][] StateFor<T>(IReadOnlyList<Matrix<T>> parameters)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (state is null)
        {
            var buffers = new T[parameters.Count][][];
            for (var p = 0; p < parameters.Count; p++)
            {
                buffers[p] = new T[StateBuffers][];
                for (var s = 0; s < StateBuffers; s++)
                {
                    buffers[p][s] = new T[parameters[p].Length];
                }
            }

            owner = parameters;
            state = buffers;
        }

        if (!ReferenceEquals(owner, parameters) || state is not T[][][] typed)
        {
            throw new InvalidOperationException($"This {GetType().Name} optimizer holds the state of another network. Use one optimizer per network, or call Reset() first.");
        }

        return typed;
    }
}
