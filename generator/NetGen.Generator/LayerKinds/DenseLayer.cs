using System;
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

    /// <summary>
    /// At most 4,096 weights in float, 2,048 in double: the cut-overs measured by tests/NetGen.Benchmarks/SmallLayerBenchmarks.cs
    /// (docs/performance.md, "Speed II: small layers"). Below them the fused column strips beat the general products; above
    /// them the packed GEMM does.
    /// </summary>
    public override bool IsSmall(LayerSpec layer, Precision precision) => (long)layer.Units * layer.Inputs <= precision switch
    {
        Precision.Single => 4096,
        Precision.Double => 2048,
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "Unknown precision."),
    };

    public override string FusedForwardCall(int l, string input, string z, string output, string activation) =>
        $"{RuntimeTypes.SmallDense}.Forward({W(l)}, {input}, {B(l)}, {z}, {output}, {activation});";

    public override string ExampleForwardCall(int l, string input, string output, string activation) =>
        $"{RuntimeTypes.DenseLayer}.ForwardExample({W(l)}, {input}, {B(l)}, {output}, {activation});";

    public override void WriteBackward(SourceWriter writer, int l, BackwardNames names)
    {
        var gradient = names.Gradient;
        var decay = $"{names.OneOverM}, {names.LambdaOverM}";
        writer.WriteLine($"// {DW(l)} = (1/m) {gradient} · {names.Input}ᵀ + (λ/m) {W(l)}");
        writer.WriteLine($"// {DB(l)} = (1/m) Σ {gradient}, summed over the m columns");
        if (names.InputGradient is null)
        {
            writer.WriteLine($"// dA{l - 1} = {W(l)}ᵀ · {gradient} is not computed: nothing uses the gradient with respect to X.");
            writer.WriteLine(names.IsSmall
                ? $"{RuntimeTypes.SmallDense}.Backward({gradient}, {names.Input}, {W(l)}, {DW(l)}, {DB(l)}, {decay});"
                : $"{RuntimeTypes.DenseLayer}.Backward({gradient}, {names.Input}, {W(l)}, {DW(l)}, {DB(l)}, null, {decay});");
        }
        else if (names.Previous is { } previous)
        {
            writer.WriteLine($"// {previous.Equation}");
            writer.WriteLine($"// (layer {l - 1}'s activation step, fused into this one: {names.InputGradient} = {W(l)}ᵀ · {gradient} is never stored)");
            writer.WriteLine(
                $"{RuntimeTypes.SmallDense}.Backward({gradient}, {names.Input}, {W(l)}, {DW(l)}, {DB(l)}, {decay}, " +
                $"{previous.DerivativeInput}, {previous.Gradient}, {previous.Operator});");
        }
        else
        {
            writer.WriteLine($"// {names.InputGradient} = {W(l)}ᵀ · {gradient}");
            writer.WriteLine(
                $"{RuntimeTypes.DenseLayer}.Backward({gradient}, {names.Input}, {W(l)}, {DW(l)}, {DB(l)}, {names.InputGradient}, {decay});");
        }
    }
}
