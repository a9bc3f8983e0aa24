using System;
using System.Collections.Generic;
using System.Linq;

namespace NetGen.Generator.Model;

/// <summary>Where backward propagation takes an activation's derivative g' from.</summary>
internal enum DerivativeInput
{
    /// <summary>From Z, the layer's linear output (rectifiers, SiLU, the identity).</summary>
    PreActivation = 1,

    /// <summary>
    /// From the output A = g(Z), in which g' is a cheap polynomial (sigmoid, tanh, softmax). When dropout has scaled
    /// the cached A, g(Z) is recomputed first.
    /// </summary>
    Output = 2,
}

/// <summary>
/// Everything the generator knows about one activation, as one row of <see cref="All"/>: the validator, loss inference
/// and the emitter all read it, so adding an activation is an enum value, a runtime operator and one row here.
/// Equations are templates with the holes {Z}, {A}, {dA} and {dZ}, filled with the names of one layer's matrices.
/// </summary>
internal sealed class ActivationDescriptor
{
    private static readonly ActivationDescriptor[] Rows =
    [
        new(Activation.ReLU, "ReLUOperator", "ReLU({Z})", " = max(0, {Z})",
            "{dZ} = {dA} ⊙ ReLU'({Z}), where ReLU'(z) = 1 if z > 0, else 0", DerivativeInput.PreActivation,
            Initialization.HeNormal),
        new(Activation.Sigmoid, "SigmoidOperator", "σ({Z})", string.Empty,
            "{dZ} = {dA} ⊙ σ'({Z}) = {dA} ⊙ {A} ⊙ (1 − {A})", DerivativeInput.Output,
            Initialization.XavierNormal, impliedLoss: Loss.BinaryCrossEntropy),
        new(Activation.Tanh, "TanhOperator", "tanh({Z})", string.Empty,
            "{dZ} = {dA} ⊙ tanh'({Z}) = {dA} ⊙ (1 − {A}²)", DerivativeInput.Output,
            Initialization.XavierNormal),
        new(Activation.LeakyReLU, "LeakyReLUOperator", "LeakyReLU({Z})", " = {Z} where {Z} > 0, else α {Z}",
            "{dZ} = {dA} ⊙ LeakyReLU'({Z}), where LeakyReLU'(z) = 1 if z > 0, else α", DerivativeInput.PreActivation,
            Initialization.HeNormal, hasSlope: true),
        new(Activation.Softmax, "SoftmaxOperator", "softmax({Z})", ", column by column: e^{Z} / Σ e^{Z}",
            "{dZ} = {A} ⊙ ({dA} − Σᵢ {dA}ᵢ {A}ᵢ), column by column (the softmax Jacobian)", DerivativeInput.Output,
            Initialization.XavierNormal, impliedLoss: Loss.CategoricalCrossEntropy, isDistribution: true),
        new(Activation.Linear, "LinearOperator", "{Z}", string.Empty,
            "{dZ} = {dA}, since a linear activation has g'(z) = 1", DerivativeInput.PreActivation,
            Initialization.XavierNormal, impliedLoss: Loss.MeanSquaredError, isIdentity: true),
        new(Activation.SiLU, "SiLUOperator", "SiLU({Z})", " = {Z} ⊙ σ({Z})",
            "{dZ} = {dA} ⊙ SiLU'({Z}), where SiLU'(z) = σ(z) (1 + z (1 − σ(z)))", DerivativeInput.PreActivation,
            Initialization.HeNormal),
    ];

    private ActivationDescriptor(
        Activation activation,
        string runtimeOperator,
        string applied,
        string definition,
        string backwardEquation,
        DerivativeInput derivativeInput,
        Initialization autoInitialization,
        Loss? impliedLoss = null,
        bool hasSlope = false,
        bool isDistribution = false,
        bool isIdentity = false)
    {
        Activation = activation;
        RuntimeOperator = runtimeOperator;
        Applied = applied;
        Definition = definition;
        BackwardEquation = backwardEquation;
        DerivativeInput = derivativeInput;
        AutoInitialization = autoInitialization;
        ImpliedLoss = impliedLoss;
        HasSlope = hasSlope;
        IsDistribution = isDistribution;
        IsIdentity = isIdentity;
    }

    /// <summary>One row per <see cref="NetGen.Activation"/> value.</summary>
    public static IReadOnlyList<ActivationDescriptor> All => Rows;

    public Activation Activation { get; }

    /// <summary>The name users write and architecture strings show: <c>ReLU</c>.</summary>
    public string Name => Activation.ToString();

    /// <summary>The runtime's operator struct, <c>NetGen.CompilerServices.{RuntimeOperator}&lt;T&gt;</c>.</summary>
    public string RuntimeOperator { get; }

    /// <summary>g applied to {Z}, as the equations write it: <c>σ({Z})</c>.</summary>
    public string Applied { get; }

    /// <summary>What follows g({Z}) in the forward equation: its definition, or nothing when g is its own notation.</summary>
    public string Definition { get; }

    /// <summary>The forward equation A = g(Z).</summary>
    public string ForwardEquation => "{A} = " + Applied + Definition;

    /// <summary>The backward equation dZ = dA ⊙ g'(Z).</summary>
    public string BackwardEquation { get; }

    public DerivativeInput DerivativeInput { get; }

    /// <summary>What <see cref="Initialization.Auto"/> stands for before this activation: He for rectifiers, else Xavier/Glorot.</summary>
    public Initialization AutoInitialization { get; }

    /// <summary>The loss inferred when the output layer has this activation and <c>[Network]</c> names none.</summary>
    public Loss? ImpliedLoss { get; }

    /// <summary>Whether it takes the slope α (<c>DenseAttribute.Slope</c>).</summary>
    public bool HasSlope { get; }

    /// <summary>
    /// Whether each column of its output is a probability distribution (sums to 1): then it belongs on the output layer
    /// only, needs two units or more, and squared error does not fit it.
    /// </summary>
    public bool IsDistribution { get; }

    /// <summary>Whether g is the identity, which prediction may skip when it works in place.</summary>
    public bool IsIdentity { get; }

    /// <summary>The row of <paramref name="activation"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The table has no row for it: a new enum value without its row.</exception>
    public static ActivationDescriptor For(Activation activation) =>
        Rows.FirstOrDefault(row => row.Activation == activation)
        ?? throw new ArgumentOutOfRangeException(nameof(activation), activation, "No ActivationDescriptor row for this activation.");

    /// <summary>The activation as titles and architecture strings show it: <c>ReLU</c>, <c>LeakyReLU(0.1)</c>.</summary>
    public string Title(string slope) => HasSlope ? $"{Name}({slope})" : Name;
}
