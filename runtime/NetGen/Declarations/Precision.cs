// This file is compiled into both the runtime and the generator (linked source), so the two can never disagree.
namespace NetGen;

/// <summary>The floating-point type of a network's parameters, activations and gradients.</summary>
public enum Precision
{
    /// <summary>32-bit <see cref="float"/>: the fast default.</summary>
    Single = 1,

    /// <summary>64-bit <see cref="double"/>: for gradient checks and numerically demanding work.</summary>
    Double = 2,
}
