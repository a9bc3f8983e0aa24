using System;
using System.ComponentModel;
using System.Numerics;

namespace NetGen.CompilerServices;

/// <summary>
/// The dropout of one network: draws a new inverted-dropout mask per layer in every training forward pass, from its
/// own deterministic source, except while <see cref="Freeze"/> holds the masks fixed so that the cost is a function of
/// the parameters alone (as a gradient check needs).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DropoutMasks
{
    private readonly DeterministicRandom random;
    private bool frozen;

    /// <summary>Creates the masks' source from <paramref name="seed"/>: the same seed draws the same masks.</summary>
    public DropoutMasks(ulong seed) => random = new DeterministicRandom(seed);

    /// <summary>The generator the masks are drawn from, whose position checkpoints save and restore.</summary>
    internal DeterministicRandom Random => random;

    /// <summary>A = A ⊙ D, with D drawn anew at <paramref name="rate"/> unless the masks are frozen.</summary>
    /// <param name="A">The activations of the layer, scaled in place.</param>
    /// <param name="D">The layer's mask: 0 for a dropped unit and 1 / (1 − rate) for a kept one.</param>
    /// <param name="rate">The fraction of units dropped.</param>
    public void Apply<T>(Matrix<T> A, Matrix<T> D, double rate)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (!frozen)
        {
            Regularization.DrawDropoutMask(D, rate, random);
        }

        Regularization.ApplyDropoutMask(A, D);
    }

    /// <summary>Keeps the current masks until the returned scope is disposed.</summary>
    public FrozenScope Freeze()
    {
        frozen = true;
        return new FrozenScope(this);
    }

    /// <summary>The extent during which the masks stay fixed.</summary>
    public readonly struct FrozenScope : IDisposable
    {
        private readonly DropoutMasks masks;

        internal FrozenScope(DropoutMasks masks) => this.masks = masks;

        /// <summary>Lets the next forward pass draw new masks again.</summary>
        public void Dispose() => masks.frozen = false;
    }
}
