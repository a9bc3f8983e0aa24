using System;
using System.Collections.Generic;
using System.Linq;

namespace NetGen.Generator.Model;

/// <summary>
/// Everything the generator knows about one loss, as one row of <see cref="All"/>: what it is, which outputs it fits,
/// how the emitter computes it stably, and how its output gradient dZ[L] is formed. Texts are templates with the holes
/// {Z}, {A}, {dA} and {dZ}, filled with the output layer's names.
/// </summary>
internal sealed class LossDescriptor
{
    private static readonly LossDescriptor[] Rows =
    [
        new(
            Loss.BinaryCrossEntropy,
            name: "binary cross-entropy",
            formula: "−(1/m) Σ [Y log A + (1 − Y) log(1 − A)]",
            labels: ", 0 or 1",
            requiredOutput: "a Sigmoid output layer",

            // Binary cross-entropy takes one probability per unit: log(a) and log(1 − a) need 0 < a < 1.
            fits: output => output.Activation == Activation.Sigmoid,
            cost:
            [
                "J = −(1/m) Σ [Y log {A} + (1 − Y) log(1 − {A})], evaluated from {Z} (where {A} = σ({Z})) in the equivalent",
                "form (1/m) Σ [max({Z}, 0) − {Z} ⊙ Y + log(1 + e^−|{Z}|)], which stays finite when {A} rounds to 0 or 1;",
                "log(1 + e^−|{Z}|) = −log σ(|{Z}|) = −log max({A}, 1 − {A}) reuses the outputs.",
            ],
            costCall: "BinaryCrossEntropy({Z}, {A}, Y)",
            fusedOutput: Activation.Sigmoid,
            fusedDerivation:
            [
                "{dZ} = {dA} ⊙ σ'({Z}), where {dA} = −(Y / {A} − (1 − Y) / (1 − {A})) and σ'({Z}) = {A} ⊙ (1 − {A}),",
                "    = −Y ⊙ (1 − {A}) + (1 − Y) ⊙ {A} = {A} − Y",
                "exact, and free of the division by zero that {dA} has when {A} rounds to 0 or 1.",
            ]),
        new(
            Loss.CategoricalCrossEntropy,
            name: "categorical cross-entropy",
            formula: "−(1/m) Σ Σᵢ Yᵢ log Aᵢ",
            labels: ", one-hot columns",
            requiredOutput: "a Softmax output layer",

            // Categorical cross-entropy takes one distribution per example over the units: Σ a = 1.
            fits: output => output.Activation == Activation.Softmax,
            cost:
            [
                "J = −(1/m) Σ Σᵢ Yᵢ log {A}ᵢ, evaluated from {Z} (where {A} = softmax({Z})) in the equivalent form",
                "(1/m) Σ Σᵢ Yᵢ (log Σₖ e^{Z}ₖ − {Z}ᵢ), the log-sum-exp shifted by each column's maximum: finite even when",
                "an output rounds to 0.",
            ],
            costCall: "CategoricalCrossEntropyFromLogits({Z}, Y)",
            fusedOutput: Activation.Softmax,
            fusedDerivation:
            [
                "{dZ} = {A} − Y: per example, with {dA}ₖ = −Yₖ / {A}ₖ and ∂{A}ₖ/∂{Z}ᵢ = {A}ₖ (δₖᵢ − {A}ᵢ),",
                "    ∂J/∂{Z}ᵢ = Σₖ (−Yₖ / {A}ₖ) {A}ₖ (δₖᵢ − {A}ᵢ) = −Yᵢ + {A}ᵢ Σₖ Yₖ = {A}ᵢ − Yᵢ, since each column of Y sums to 1;",
                "exact, without the softmax Jacobian or a division by an output that rounds to 0.",
            ]),
        new(
            Loss.MeanSquaredError,
            name: "mean squared error",
            formula: "(1/2m) Σ ‖A − Y‖²",
            labels: string.Empty,
            requiredOutput: "an output layer other than Softmax",

            // Squared error suits any output but a distribution, whose units are not independent targets.
            fits: output => !output.IsDistribution,
            cost: ["J = (1/2m) Σ ‖{A} − Y‖²"],
            costCall: "MeanSquaredError({A}, Y)",
            fusedOutput: Activation.Linear,
            fusedDerivation:
            [
                "{dZ} = {dA} ⊙ 1 = {A} − Y, since J = (1/2m) Σ ‖{A} − Y‖² gives {dA} = {A} − Y and a linear output has g' = 1",
            ],
            outputGradient: "{dA} = {A} − Y, from J = (1/2m) Σ ‖{A} − Y‖²"),
    ];

    private readonly Func<ActivationDescriptor, bool> fits;

    private LossDescriptor(
        Loss loss,
        string name,
        string formula,
        string labels,
        string requiredOutput,
        Func<ActivationDescriptor, bool> fits,
        string[] cost,
        string costCall,
        Activation fusedOutput,
        string[] fusedDerivation,
        string? outputGradient = null)
    {
        Loss = loss;
        Name = name;
        Formula = formula;
        Labels = labels;
        RequiredOutput = requiredOutput;
        this.fits = fits;
        CostDerivation = cost;
        CostCall = costCall;
        FusedOutput = fusedOutput;
        FusedDerivation = fusedDerivation;
        OutputGradient = outputGradient;
    }

    /// <summary>One row per <see cref="NetGen.Loss"/> value.</summary>
    public static IReadOnlyList<LossDescriptor> All => Rows;

    public Loss Loss { get; }

    /// <summary>The loss in words: <c>binary cross-entropy</c>.</summary>
    public string Name { get; }

    /// <summary>The textbook formula, in A and Y.</summary>
    public string Formula { get; }

    /// <summary>What the labels hold, appended to "n × m" in documentation: <c>, 0 or 1</c>.</summary>
    public string Labels { get; }

    /// <summary>The output layer the loss needs, in words, for diagnostics.</summary>
    public string RequiredOutput { get; }

    /// <summary>The comment lines before the cost: the formula and the stable form the runtime evaluates.</summary>
    public IReadOnlyList<string> CostDerivation { get; }

    /// <summary>The call of <c>NetGen.CompilerServices.Losses</c> that computes the cost.</summary>
    public string CostCall { get; }

    /// <summary>The output activation whose gradient fuses with this loss into dZ[L] = A[L] − Y.</summary>
    public Activation FusedOutput { get; }

    /// <summary>The comment lines that derive the fused gradient.</summary>
    public IReadOnlyList<string> FusedDerivation { get; }

    /// <summary>
    /// dA[L] for an output that does not fuse, after which the activation's own backward step forms dZ[L]; null when
    /// the loss fits its fused output only.
    /// </summary>
    public string? OutputGradient { get; }

    /// <summary>The row of <paramref name="loss"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The table has no row for it: a new enum value without its row.</exception>
    public static LossDescriptor For(Loss loss) =>
        Rows.FirstOrDefault(row => row.Loss == loss)
        ?? throw new ArgumentOutOfRangeException(nameof(loss), loss, "No LossDescriptor row for this loss.");

    /// <summary>Whether the loss is defined for outputs of <paramref name="output"/>.</summary>
    public bool Fits(ActivationDescriptor output) => fits(output);

    /// <summary>Whether dZ[L] = A[L] − Y directly, for an output layer of <paramref name="output"/>.</summary>
    public bool IsFusedWith(Activation output) => output == FusedOutput;
}
