using System;
using System.Collections.Generic;
using System.Numerics;
using NetGen.CompilerServices;

namespace NetGen;

/// <summary>
/// Updates a network's parameters from the gradients of its last <see cref="INetwork{T}.Backward"/>. An optimizer keeps
/// its state (velocities, moment estimates) for one network: it allocates it on the first <see cref="Step{T}"/> and never
/// again, so training steps do not allocate. Use one optimizer per network.
/// </summary>
/// <remarks>
/// A step is all or nothing: it first computes every new value (parameters and state) without writing any, and writes
/// them only when all are finite. A step with a non-finite gradient, or one that would overflow a parameter or a
/// running average, changes nothing, not even <see cref="StepCount"/>, and throws <see cref="TrainingDivergedException"/>.
/// </remarks>
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
            Arguments.RequirePositiveFinite(value, nameof(LearningRate));
            learningRate = value;
        }
    }

    /// <summary>The number of steps taken since the optimizer was created or <see cref="Reset"/>: t in Adam's bias correction.</summary>
    public long StepCount { get; private set; }

    /// <summary>How many arrays of state the optimizer keeps per parameter matrix.</summary>
    private protected abstract int StateBuffers { get; }

    /// <summary>Applies one update to every parameter of <paramref name="network"/> from its current gradients.</summary>
    /// <exception cref="InvalidOperationException">
    /// The optimizer already holds the state of another network, or a parameter was NaN or infinite before the step
    /// (set outside training); nothing was changed.
    /// </exception>
    /// <exception cref="TrainingDivergedException">
    /// A gradient, a new parameter value or a new value of the optimizer's state is not finite; nothing was changed.
    /// </exception>
    public void Step<T>(INetwork<T> network)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        var refused = TryStep(network);
        if (refused >= 0)
        {
            throw Divergence.OfUpdate(network, refused, Kind);
        }
    }

    /// <summary>How this optimizer's steps are described when one diverges.</summary>
    internal Divergence.StepKind Kind => new(learningRate, GetType().Name);

    /// <summary>
    /// Applies one update if every new value is finite, else changes nothing: no parameter, no state, no
    /// <see cref="StepCount"/>.
    /// </summary>
    /// <returns>−1 when the step was applied; else the index of the first parameter whose update was not finite.</returns>
    internal int TryStep<T>(INetwork<T> network)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var parameters = network.Parameters;
        var gradients = network.Gradients;
        var buffers = StateFor(parameters);
        var step = StepCount + 1;
        var rate = T.CreateTruncating(learningRate);
        for (var p = 0; p < parameters.Count; p++)
        {
            if (!Update(parameters[p], gradients[p], buffers[p], rate, step, commit: false))
            {
                return p;
            }
        }

        for (var p = 0; p < parameters.Count; p++)
        {
            Update(parameters[p], gradients[p], buffers[p], rate, step, commit: true);
        }

        StepCount = step;
        return -1;
    }

    /// <summary>Forgets the state and the step count, so that the optimizer can start over, on this or another network.</summary>
    public void Reset()
    {
        owner = null;
        state = null;
        StepCount = 0;
    }

    /// <summary>
    /// Computes the update of one parameter matrix and, when <paramref name="commit"/>, writes it; otherwise writes
    /// nothing and tells whether every new value (of the parameter and of the state) is finite. Both passes compute
    /// the same values. <paramref name="first"/> and <paramref name="second"/> are the parameter's state arrays (as
    /// many as <see cref="StateBuffers"/>, zero at the first step; empty beyond that).
    /// </summary>
    /// <param name="parameter">The parameter.</param>
    /// <param name="gradient">Its gradient, of the same length.</param>
    /// <param name="first">The first state array.</param>
    /// <param name="second">The second state array.</param>
    /// <param name="learningRate">α.</param>
    /// <param name="step">The number of this step, from 1: t in Adam's bias correction.</param>
    /// <param name="commit">Whether to write the new values.</param>
    /// <returns>When not committing, whether every new value is finite; when committing, true.</returns>
    private protected abstract bool Update<T>(Span<T> parameter, ReadOnlySpan<T> gradient, Span<T> first, Span<T> second, T learningRate, long step, bool commit)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>;

    private bool Update<T>(Matrix<T> parameter, Matrix<T> gradient, T[][] slots, T learningRate, long step, bool commit)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var values = parameter.AsSpan();
        var gradients = gradient.AsSpan();
        if (gradients.Length != values.Length)
        {
            throw new ArgumentException($"A gradient is {gradient.Rows} × {gradient.Columns}, but its parameter is {parameter.Rows} × {parameter.Columns}: Gradients must match Parameters matrix by matrix.", nameof(gradient));
        }

        return Update(values, gradients, slots.Length > 0 ? slots[0] : default, slots.Length > 1 ? slots[1] : default, learningRate, step, commit);
    }

    /// <summary>How many arrays of state the optimizer keeps per parameter matrix, for checkpoints.</summary>
    internal int StateBufferCount => StateBuffers;

    /// <summary>The state the optimizer keeps for <paramref name="network"/>, for checkpoints: null before its first step.</summary>
    /// <exception cref="InvalidOperationException">The optimizer holds the state of another network.</exception>
    internal T[][][]? StateOf<T>(INetwork<T> network)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        state is null ? null : StateFor(network.Parameters);

    /// <summary>Puts back state and a step count saved by a checkpoint of <paramref name="network"/> (null state: none yet).</summary>
    internal void Restore<T>(INetwork<T> network, T[][][]? buffers, long stepCount)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        owner = buffers is null ? null : network.Parameters;
        state = buffers;
        StepCount = stepCount;
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

/// <summary>A step of an optimizer, as the update of a training step.</summary>
internal readonly struct OptimizerStep<T>(Optimizer optimizer) : IGuardedUpdate<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public Divergence.StepKind Kind => optimizer.Kind;

    /// <inheritdoc/>
    public int TryApply(INetwork<T> network) => optimizer.TryStep(network);
}
