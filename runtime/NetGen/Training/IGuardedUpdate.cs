using System.Numerics;

namespace NetGen.CompilerServices;

/// <summary>
/// How a training step applies the gradients of its backward pass: all of the update, or none of it. Implemented by
/// small structs, so that the step that calls it is compiled for each and allocates nothing.
/// </summary>
internal interface IGuardedUpdate<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>How the update is described when it diverges.</summary>
    Divergence.StepKind Kind { get; }

    /// <summary>Applies the update when every new value is finite; otherwise changes nothing.</summary>
    /// <returns>−1 when the update was applied; else the index of the first parameter whose update was not finite.</returns>
    int TryApply(INetwork<T> network);
}
