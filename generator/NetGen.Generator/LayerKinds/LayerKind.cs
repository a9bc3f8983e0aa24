using System.Collections.Generic;
using NetGen.Generator.Emission;
using NetGen.Generator.Model;

namespace NetGen.Generator.LayerKinds;

/// <summary>
/// A kind of layer: the shapes of its parameters and the code of its own step, Z[l] from A[l-1] forward and, from
/// dZ[l], the parameter gradients and dA[l-1] backward. Everything around that step (the activation, dropout, the loss,
/// caches, training, persistence) is the same for every kind, so the emitter asks the layer's kind and never which
/// kind it is: a new kind is a subclass plus the attribute that declares it (docs/architecture.md, "Layer kinds").
/// </summary>
/// <remarks>Kinds are stateless singletons, so a <see cref="LayerSpec"/> holding one still compares by value.</remarks>
internal abstract class LayerKind
{
    /// <summary>Fully connected: Z = W · A + b.</summary>
    public static LayerKind Dense { get; } = new DenseLayer();

    /// <summary>The kind as layer titles and the runtime's <c>NetGen.LayerKind</c> name it: <c>Dense</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The trainable parameters of <paramref name="layer"/>, in the order <c>Parameters</c> lists them.</summary>
    public abstract IReadOnlyList<ParameterShape> Parameters(LayerSpec layer);

    /// <summary>
    /// The floating-point operations of <see cref="Step"/> for one example (a multiply-add counts as 2), the activation
    /// not included: what the generated class documents as the cost of its declaration.
    /// </summary>
    public abstract long ForwardFlops(LayerSpec layer);

    /// <summary>
    /// The floating-point operations of the backward step for one example, from dZ[l]: the parameter gradients and,
    /// when <paramref name="computesInputGradient"/> (every layer but the first), dA[l-1]. Regularization not included.
    /// </summary>
    public abstract long BackwardFlops(LayerSpec layer, bool computesInputGradient);

    /// <summary>The layer's step as an expression of its input, for equations: <c>W1 · A0 + b1</c>.</summary>
    public abstract string Step(int l, string input);

    /// <summary>The statement that computes <see cref="Step"/> of <paramref name="input"/> into <paramref name="output"/>.</summary>
    public abstract string ForwardCall(int l, string input, string output);

    /// <summary>
    /// Whether the layer is small enough for the runtime's fused kernels: its forward step then computes the activation in
    /// the same pass (<see cref="FusedForwardCall"/>), and its backward step forms dZ[l-1] directly
    /// (<see cref="BackwardNames.Previous"/>).
    /// </summary>
    public abstract bool IsSmall(LayerSpec layer, Precision precision);

    /// <summary>
    /// The statement that computes <see cref="Step"/> of <paramref name="input"/> into <paramref name="z"/> and its
    /// activation into <paramref name="output"/> (which may be <paramref name="z"/>) in one pass, for a layer that
    /// <see cref="IsSmall"/> with an elementwise activation.
    /// </summary>
    public abstract string FusedForwardCall(int l, string input, string z, string output, string activation);

    /// <summary>
    /// The statement that computes <see cref="Step"/> of a single example's <paramref name="input"/> span, and its
    /// activation, in place in the span <paramref name="output"/>: prediction's path for one example, on buffers of the
    /// call's own.
    /// </summary>
    public abstract string ExampleForwardCall(int l, string input, string output, string activation);

    /// <summary>
    /// Writes the equations and calls of the backward step from dZ[l]: the gradient of every parameter (with the L2
    /// term of those it decays) and, unless <see cref="BackwardNames.InputGradient"/> is null, dA[l-1].
    /// </summary>
    public abstract void WriteBackward(SourceWriter writer, int l, BackwardNames names);
}

/// <summary>One trainable parameter of a layer.</summary>
/// <param name="Symbol">Its letter: the parameter of layer l is <c>{Symbol}{l}</c> and its gradient <c>d{Symbol}{l}</c>.</param>
/// <param name="Rows">Its rows.</param>
/// <param name="Columns">Its columns.</param>
/// <param name="Role">What it is, for documentation: <c>the weights</c>.</param>
/// <param name="IsWeight">
/// Whether it is drawn with the layer's initialization and decayed by L2 regularization; otherwise it starts at zero
/// and is not decayed (a bias).
/// </param>
/// <param name="Remark">What its documentation adds after the shape: <c>, added to every column</c>.</param>
internal readonly record struct ParameterShape(string Symbol, int Rows, int Columns, string Role, bool IsWeight, string Remark = "")
{
    public string Name(int l) => Symbol + l;

    public string Gradient(int l) => "d" + Symbol + l;

    public long Count => (long)Rows * Columns;
}

/// <summary>The matrices a backward step reads and writes.</summary>
/// <param name="Gradient">dZ[l].</param>
/// <param name="Input">A[l-1], the layer's input in the forward pass.</param>
/// <param name="InputGradient">dA[l-1], or null for the first layer (nothing uses the gradient with respect to X).</param>
/// <param name="OneOverM">The local holding 1/m.</param>
/// <param name="LambdaOverM">The local holding λ/m.</param>
/// <param name="IsSmall">Whether the layer <see cref="LayerKind.IsSmall"/> in the network's precision.</param>
/// <param name="Previous">
/// For a small layer, the activation step of layer l−1 to fuse in: the step then writes dZ[l-1] and never dA[l-1].
/// </param>
internal readonly record struct BackwardNames(
    string Gradient, string Input, string? InputGradient, string OneOverM, string LambdaOverM, bool IsSmall = false, PreviousActivation? Previous = null);

/// <summary>The activation step of layer l−1, dZ[l-1] = dA[l-1] ⊙ g'(…), as a small layer's backward step fuses it.</summary>
/// <param name="Operator">The runtime operator of g[l-1], as an expression.</param>
/// <param name="DerivativeInput">What g' reads: Z[l-1], or A[l-1].</param>
/// <param name="Gradient">dZ[l-1].</param>
/// <param name="Equation">The step's equation, with Wᵀ · dZ[l] for dA[l-1]: <c>dZ1 = (W2ᵀ · dZ2) ⊙ tanh'(Z1) = …</c>.</param>
internal sealed record PreviousActivation(string Operator, string DerivativeInput, string Gradient, string Equation);
