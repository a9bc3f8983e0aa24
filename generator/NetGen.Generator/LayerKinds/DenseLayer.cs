using System.Collections.Generic;
using NetGen.Generator.Emission;
using NetGen.Generator.Model;
using static NetGen.Generator.Model.MemberNames;

namespace NetGen.Generator.LayerKinds;

/// <summary>The fully connected layer: Z[l] = W[l] · A[l-1] + b[l], with W[l] of n[l] × n[l-1] and b[l] of n[l] × 1.</summary>
internal sealed class DenseLayer : LayerKind
{
    public override string Name => "Dense";

    public override IReadOnlyList<ParameterShape> Parameters(LayerSpec layer) =>
    [
        new(Weights, layer.Units, layer.Inputs, "the weights", IsWeight: true),
        new(Biases, layer.Units, 1, "the biases", IsWeight: false, ", added to every column"),
    ];

    /// <summary>W · A: a multiply-add per weight; + b: one addition per unit.</summary>
    public override long ForwardFlops(LayerSpec layer) => 2L * layer.Units * layer.Inputs + layer.Units;

    /// <summary>dW = dZ · Aᵀ (a multiply-add per weight), db = Σ dZ (one addition per unit), dA[l-1] = Wᵀ · dZ (a multiply-add per weight).</summary>
    public override long BackwardFlops(LayerSpec layer, bool computesInputGradient) =>
        2L * layer.Units * layer.Inputs + layer.Units + (computesInputGradient ? 2L * layer.Units * layer.Inputs : 0);

    public override string Step(int l, string input) => $"{W(l)} · {input} + {B(l)}";

    public override string ForwardCall(int l, string input, string output) =>
        $"{RuntimeTypes.Kernels}.MultiplyAddBias({W(l)}, {input}, {B(l)}, {output});";

    public override void WriteBackward(SourceWriter writer, int l, BackwardNames names)
    {
        writer.WriteLine($"// {DW(l)} = (1/m) {names.Gradient} · {names.Input}ᵀ + (λ/m) {W(l)}");
        writer.WriteLine($"// {DB(l)} = (1/m) Σ {names.Gradient}, summed over the m columns");
        writer.WriteLine(names.InputGradient is null
            ? $"// dA{l - 1} = {W(l)}ᵀ · {names.Gradient} is not computed: nothing uses the gradient with respect to X."
            : $"// {names.InputGradient} = {W(l)}ᵀ · {names.Gradient}");
        writer.WriteLine(
            $"{RuntimeTypes.DenseLayer}.Backward({names.Gradient}, {names.Input}, {W(l)}, {DW(l)}, {DB(l)}, " +
            $"{names.InputGradient ?? "null"}, {names.OneOverM}, {names.LambdaOverM});");
    }
}
