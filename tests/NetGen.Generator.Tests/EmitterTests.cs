extern alias generator;

using System.Text.RegularExpressions;
using generator::NetGen.Generator.Emission;
using generator::NetGen.Generator.LayerKinds;
using generator::NetGen.Generator.Model;

namespace NetGen.Generator.Tests;

using Activation = generator::NetGen.Activation;
using Loss = generator::NetGen.Loss;
using Precision = generator::NetGen.Precision;
using LayerKind = generator::NetGen.Generator.LayerKinds.LayerKind;

/// <summary>
/// The emitter from hand-built specs, one method body or one layer at a time: what each piece writes, without a
/// compilation. The whole files are covered by the snapshots.
/// </summary>
public class EmitterTests
{
    private const string Services = "global::NetGen.CompilerServices";

    [Fact]
    public void A_sigmoid_layer_under_dropout_recomputes_its_activation_before_its_backward_step()
    {
        var spec = Spec(Loss.BinaryCrossEntropy, Dense(3, 4, Activation.Sigmoid, dropout: 0.5), Dense(4, 1, Activation.Sigmoid));

        var code = NetworkEmitter.EmitPart(spec, emitter => emitter.WriteLayerBackward(1));

        Assert.Equal($$"""
            // Layer 1: Dense(4, Sigmoid, dropout 0.5), 3 → 4
            // dA1 = dA1 ⊙ D1: only the units kept in the forward pass send their gradient back, scaled alike
            {{Services}}.Regularization.ApplyDropoutMask(dA1, D1);
            // dZ1 = dA1 ⊙ σ'(Z1) = dA1 ⊙ σ(Z1) ⊙ (1 − σ(Z1))
            {{Services}}.Activations.Forward(Z1, dZ1, default({{Services}}.SigmoidOperator<double>));
            {{Services}}.Activations.Backward(dA1, dZ1, dZ1, default({{Services}}.SigmoidOperator<double>));
            // dW1 = (1/m) dZ1 · A0ᵀ + (λ/m) W1
            // db1 = (1/m) Σ dZ1, summed over the m columns
            // dA0 = W1ᵀ · dZ1 is not computed: nothing uses the gradient with respect to X.
            {{Services}}.SmallDense.Backward(dZ1, A0, W1, dW1, db1, oneOverM, lambdaOverM);

            """, code);
    }

    [Fact]
    public void A_layer_whose_derivative_reads_Z_needs_no_recomputation_under_dropout()
    {
        var spec = Spec(Loss.BinaryCrossEntropy, Dense(3, 4, Activation.Sigmoid), Dense(4, 5, Activation.SiLU, dropout: 0.2), Dense(5, 1, Activation.Sigmoid));

        var code = NetworkEmitter.EmitPart(spec, emitter => emitter.WriteLayerBackward(2));

        Assert.Contains("// dZ2 = dA2 ⊙ SiLU'(Z2), where SiLU'(z) = σ(z) (1 + z (1 − σ(z)))\n", code);
        Assert.Contains($"{Services}.Activations.Backward(dA2, Z2, dZ2, default({Services}.SiLUOperator<double>));\n", code);
        Assert.DoesNotContain("Activations.Forward", code);
        Assert.Contains(
            $"{Services}.SmallDense.Backward(dZ2, A1, W2, dW2, db2, oneOverM, lambdaOverM, A1, dZ1, default({Services}.SigmoidOperator<double>));", code);
    }

    [Fact]
    public void Squared_error_on_a_tanh_output_forms_dA_then_the_activation_backward_step()
    {
        var spec = Spec(Loss.MeanSquaredError, Dense(3, 2, Activation.Tanh));

        var code = NetworkEmitter.EmitPart(spec, emitter => emitter.WriteLayerBackward(1));

        Assert.Equal($$"""
            // Layer 1 (output): Dense(2, Tanh), 3 → 2
            // dA1 = A1 − Y, from J = (1/2m) Σ ‖A1 − Y‖²
            {{Services}}.Kernels.Subtract(A1, Y, dA1);
            // dZ1 = dA1 ⊙ tanh'(Z1) = dA1 ⊙ (1 − A1²)
            {{Services}}.Activations.Backward(dA1, A1, dZ1, default({{Services}}.TanhOperator<double>));
            // dW1 = (1/m) dZ1 · A0ᵀ + (λ/m) W1
            // db1 = (1/m) Σ dZ1, summed over the m columns
            // dA0 = W1ᵀ · dZ1 is not computed: nothing uses the gradient with respect to X.
            {{Services}}.SmallDense.Backward(dZ1, A0, W1, dW1, db1, oneOverM, lambdaOverM);

            """, code);
    }

    [Fact]
    public void Softmax_with_cross_entropy_fuses_the_output_gradient()
    {
        var spec = Spec(Loss.CategoricalCrossEntropy, Dense(4, 3, Activation.Softmax));

        var code = NetworkEmitter.EmitPart(spec, emitter => emitter.WriteLayerBackward(1));

        Assert.Contains("// dZ1 = A1 − Y: per example, with dA1ₖ = −Yₖ / A1ₖ and ∂A1ₖ/∂Z1ᵢ = A1ₖ (δₖᵢ − A1ᵢ),\n", code);
        Assert.Contains($"{Services}.Kernels.Subtract(A1, Y, dZ1);\n", code);
        Assert.DoesNotContain("SoftmaxOperator", code);
    }

    [Fact]
    public void The_cost_is_the_losses_stable_form_plus_the_L2_penalty()
    {
        var spec = Spec(Loss.MeanSquaredError, Dense(3, 2, Activation.Linear));

        var code = NetworkEmitter.EmitPart(spec, emitter => emitter.WriteComputeCost());

        Assert.Contains($$"""
                int m = caches.RequireForwardPass(Y, OutputSize);
                // J = (1/2m) Σ ‖A1 − Y‖²
                // + (λ/2m) Σ ‖W[l]‖², the L2 penalty (0 when λ = 0)
                return {{Services}}.Losses.MeanSquaredError(A1, Y) + weightDecay.Penalty(m);
            """, code);
    }

    [Fact]
    public void A_leaky_ReLU_layer_passes_its_slope_to_the_operator_in_the_networks_precision()
    {
        var spec = Spec(Loss.BinaryCrossEntropy, Dense(3, 4, Activation.LeakyReLU, slope: 0.2), Dense(4, 1, Activation.Sigmoid)) with { Precision = Precision.Single };

        var code = NetworkEmitter.EmitPart(spec, emitter => emitter.WriteForward());

        Assert.Contains("// A1 = LeakyReLU(Z1) = Z1 where Z1 > 0, else α Z1, in the same pass\n", code);
        Assert.Contains($"{Services}.SmallDense.Forward(W1, A0, b1, Z1, A1, new {Services}.LeakyReLUOperator<float>(0.2f));\n", code);
    }

    [Fact]
    public void GeneratedCode_marks_the_class_once_unless_the_class_carries_it_already()
    {
        var spec = Spec(Loss.BinaryCrossEntropy, Dense(3, 1, Activation.Sigmoid));

        var code = NetworkEmitter.Emit(spec);
        var marked = NetworkEmitter.Emit(spec with { Type = spec.Type with { HasGeneratedCodeAttribute = true } });

        Assert.Single(Regex.Matches(code, "GeneratedCode"));
        Assert.Matches("""\n    /// </remarks>\n    \[global::System\.CodeDom\.Compiler\.GeneratedCode\("NetGen", "[0-9.]+"\)\]\n    partial class Net """, code);
        Assert.DoesNotContain("GeneratedCode", marked);
    }

    [Fact]
    public void What_every_network_shares_is_left_to_the_runtime()
    {
        var spec = Spec(Loss.BinaryCrossEntropy, Dense(3, 4, Activation.ReLU, dropout: 0.5), Dense(4, 1, Activation.Sigmoid));

        var code = NetworkEmitter.Emit(spec);

        foreach (var name in new[] { "Update", "TrainStep", "Fit", "Save", "Load", "NetworkTraining", "MiniBatchTrainer", "NetworkFile", "NetworkPrediction" })
        {
            Assert.DoesNotContain(name, code);
        }

        Assert.Contains("public double L2Regularization { get => weightDecay.Strength; set => weightDecay.Strength = value; }\n", code);
        Assert.Contains($"private readonly {Services}.TrainingGuard trainingGuard = new {Services}.TrainingGuard();\n", code);
        Assert.Contains($"{Services}.TrainingGuard global::NetGen.INetwork<double>.TrainingGuard => trainingGuard;\n", code);
        Assert.Contains(
            "public double CheckGradients(global::NetGen.Matrix<double> X, global::NetGen.Matrix<double> Y, double epsilon = 1e-7) =>\n" +
            $"            {Services}.GradientCheck.Check(this, X, Y, epsilon, dropout);\n",
            code);
        Assert.Contains("public void Predict(global::NetGen.Matrix<double> X, global::NetGen.Matrix<double> result) => predictionWorkspaces.Predict(X, result);\n", code);
        Assert.Contains(
            "public void Predict(global::System.ReadOnlySpan<double> x, global::System.Span<double> output) => predictionWorkspaces.Predict(x, output);\n", code);
        Assert.Contains($"{Services}.SmallDense.Backward(dZ1, A0, W1, dW1, db1, oneOverM, lambdaOverM);\n        }}\n    }}\n}}\n", code);
    }

    /// <summary>
    /// The layer-kind seam: a kind the generator does not have (an elementwise scale, Z = w ⊙ A + b) plugs into a
    /// network beside a dense layer, and the emitter writes its parameters, its steps and its shape from the kind alone.
    /// </summary>
    [Fact]
    public void A_second_layer_kind_plugs_in_without_the_dense_code_paths()
    {
        var scale = new LayerSpec(new ScaleLayer(), 3, 3, Activation.Tanh, 0.01, 0, generator::NetGen.Initialization.XavierNormal);
        var spec = Spec(Loss.BinaryCrossEntropy, scale, Dense(3, 1, Activation.Sigmoid));

        var code = NetworkEmitter.Emit(spec);

        Assert.Contains("○ Layer 1: Scale(3, Tanh); w1 is 3 × 1 (Xavier normal), b1 is 3 × 1 (6 parameters).<br/>", code);
        Assert.Contains("public const long ParameterCount = 10;", code);
        Assert.Contains("new global::NetGen.LayerInfo(global::NetGen.LayerKind.Scale, 3, 3, global::NetGen.Activation.Tanh),", code);
        Assert.Contains("public global::NetGen.Matrix<double> w1 { get; } = new global::NetGen.Matrix<double>(3, 1);", code);
        Assert.Contains("public global::NetGen.Matrix<double> dw1 { get; } = new global::NetGen.Matrix<double>(3, 1);", code);
        Assert.Contains("Parameters = global::System.Array.AsReadOnly(new[] { w1, b1, W2, b2 });", code);
        Assert.Contains("weightDecay = new global::NetGen.CompilerServices.WeightDecay<double>(w1, W2);", code);
        Assert.Contains("global::NetGen.CompilerServices.Initializers.XavierNormal(w1, random);", code);
        Assert.Contains("// Z1 = w1 ⊙ A0 + b1\n            Scale.Forward(w1, A0, b1, Z1);\n", code);
        Assert.Contains("// Layer 1: A1 = g(w1 ⊙ X + b1), where g(Z) = tanh(Z)\n            Scale.Forward(w1, X, b1, A1);\n", code);
        Assert.Contains(
            "// Layer 1: A1 = g(w1 ⊙ x + b1), where g(Z) = tanh(Z)\n            Scale.ForwardExample(w1, x, b1, A1, default(global::NetGen.CompilerServices.TanhOperator<double>));\n",
            code);
        Assert.Contains("// dw1 = (1/m) Σ dZ1 ⊙ A0, db1 = (1/m) Σ dZ1\n            Scale.Backward(dZ1, A0, w1, dw1, db1, null, oneOverM, lambdaOverM);\n", code);
        Assert.DoesNotContain("MultiplyAddBias(w1", code);

        // The dense layer after it is written exactly as in any network: small, so its backward step takes the scale
        // layer's activation step too, whatever that layer's kind.
        Assert.Contains($"{Services}.SmallDense.Forward(W2, A1, b2, Z2, A2, default({Services}.SigmoidOperator<double>));", code);
        Assert.Contains(
            $"{Services}.SmallDense.Backward(dZ2, A1, W2, dW2, db2, oneOverM, lambdaOverM, A1, dZ1, default({Services}.TanhOperator<double>));", code);
    }

    /// <summary>
    /// The cut-over in float is 4,096 weights: 64 × 64 runs on the fused small-layer kernels, 65 × 64 on the general ones. A small
    /// layer's backward step takes the previous layer's activation step, so that dA[l-1] is never stored; a large layer
    /// leaves it to the previous layer, as before.
    /// </summary>
    [Fact]
    public void Float_layers_up_to_4096_weights_run_fused_and_larger_ones_on_the_general_kernels()
    {
        var spec = Spec(Loss.BinaryCrossEntropy, Dense(64, 64, Activation.ReLU), Dense(64, 65, Activation.Tanh), Dense(65, 1, Activation.Sigmoid))
            with { Precision = Precision.Single };

        var code = NetworkEmitter.Emit(spec);

        Assert.Contains($"// A1 = ReLU(Z1) = max(0, Z1), in the same pass\n            {Services}.SmallDense.Forward(W1, A0, b1, Z1, A1, default({Services}.ReLUOperator<float>));\n", code);
        Assert.Contains($"{Services}.Kernels.MultiplyAddBias(W2, A1, b2, Z2);\n            // A2 = tanh(Z2)\n            {Services}.Activations.Forward(Z2, A2, default({Services}.TanhOperator<float>));\n", code);
        Assert.Contains($"{Services}.SmallDense.Forward(W3, A2, b3, Z3, A3, default({Services}.SigmoidOperator<float>));\n", code);
        Assert.Contains($$"""
                        // dZ2 = (W3ᵀ · dZ3) ⊙ tanh'(Z2) = (W3ᵀ · dZ3) ⊙ (1 − A2²)
                        // (layer 2's activation step, fused into this one: dA2 = W3ᵀ · dZ3 is never stored)
                        {{Services}}.SmallDense.Backward(dZ3, A2, W3, dW3, db3, oneOverM, lambdaOverM, A2, dZ2, default({{Services}}.TanhOperator<float>));

                        // Layer 2: Dense(65, Tanh), 64 → 65
                        // dZ2 was formed with layer 3's step, above.
                        // dW2 = (1/m) dZ2 · A1ᵀ + (λ/m) W2
                        // db2 = (1/m) Σ dZ2, summed over the m columns
                        // dA1 = W2ᵀ · dZ2
                        {{Services}}.DenseLayer.Backward(dZ2, A1, W2, dW2, db2, dA1, oneOverM, lambdaOverM);

                        // Layer 1: Dense(64, ReLU), 64 → 64
                        // dZ1 = dA1 ⊙ ReLU'(Z1), where ReLU'(z) = 1 if z > 0, else 0
                        {{Services}}.Activations.Backward(dA1, Z1, dZ1, default({{Services}}.ReLUOperator<float>));
            """, code);
        Assert.Contains("// dA2 is never stored either: the small layer after each forms dZ[l] = (Wᵀ · dZ[l+1]) ⊙ g'[l] in one pass.\n", code);
        Assert.Contains("Z1 = Cache(64), A1 = Cache(64), dZ1 = Cache(64), dA1 = Cache(64);\n", code);
        Assert.Contains("Z2 = Cache(65), A2 = Cache(65), dZ2 = Cache(65);\n", code);
    }

    /// <summary>In double the cut-over is 2,048 weights (measured: the fused kernels lose from 4,096 on).</summary>
    [Fact]
    public void Double_layers_up_to_2048_weights_run_fused()
    {
        var spec = Spec(Loss.BinaryCrossEntropy, Dense(64, 32, Activation.ReLU), Dense(32, 65, Activation.ReLU), Dense(65, 1, Activation.Sigmoid));

        var code = NetworkEmitter.Emit(spec);

        Assert.Contains($"{Services}.SmallDense.Forward(W1, A0, b1, Z1, A1, default({Services}.ReLUOperator<double>));\n", code);
        Assert.Contains($"{Services}.Kernels.MultiplyAddBias(W2, A1, b2, Z2);\n", code);
        Assert.Contains($"{Services}.SmallDense.Forward(W3, A2, b3, Z3, A3, default({Services}.SigmoidOperator<double>));\n", code);
    }

    /// <summary>
    /// A small hidden layer whose g' reads A (tanh) does not keep Z: its fused forward step writes A alone. Under dropout
    /// g(Z) is recomputed from Z in the backward pass, so Z is kept; so it is for ReLU (g' reads Z) and the output layer.
    /// </summary>
    [Fact]
    public void Small_tanh_layers_write_A_alone_unless_dropout_needs_Z()
    {
        var spec = Spec(Loss.MeanSquaredError, Dense(4, 32, Activation.Tanh), Dense(32, 16, Activation.Tanh, dropout: 0.1), Dense(16, 8, Activation.ReLU), Dense(8, 4, Activation.Tanh))
            with { Precision = Precision.Single };

        var code = NetworkEmitter.Emit(spec);

        Assert.Contains($"// Z1 itself is not kept: backward propagation reads g' from A1.\n            {Services}.SmallDense.Forward(W1, A0, b1, A1, A1, default({Services}.TanhOperator<float>));\n", code);
        Assert.Contains($"{Services}.SmallDense.Forward(W2, A1, b2, Z2, A2, default({Services}.TanhOperator<float>));\n", code);
        Assert.Contains($"{Services}.SmallDense.Forward(W3, A2, b3, Z3, A3, default({Services}.ReLUOperator<float>));\n", code);
        Assert.Contains($"{Services}.SmallDense.Forward(W4, A3, b4, Z4, A4, default({Services}.TanhOperator<float>));\n", code);
        Assert.Contains("// Z1 is not kept: g'[l] is read from A[l], so the forward pass writes A[l] alone.\n", code);
        Assert.Contains("private readonly global::NetGen.Matrix<float> A1 = Cache(32), dZ1 = Cache(32);\n", code);
        Assert.Contains("Z2 = Cache(16), A2 = Cache(16), D2 = Cache(16), dZ2 = Cache(16), dA2 = Cache(16);\n", code);
    }

    /// <summary>A softmax output is not elementwise: the small layer's product runs alone and the softmax after it.</summary>
    [Fact]
    public void A_small_softmax_layer_keeps_its_activation_out_of_the_product()
    {
        var spec = Spec(Loss.CategoricalCrossEntropy, Dense(4, 3, Activation.Softmax));

        var code = NetworkEmitter.Emit(spec);

        Assert.Contains($"{Services}.Kernels.MultiplyAddBias(W1, A0, b1, Z1);\n", code);
        Assert.Contains($"{Services}.Activations.Forward(Z1, A1, default({Services}.SoftmaxOperator<double>));\n", code);
        Assert.DoesNotContain("SmallDense.Forward", code);
        Assert.Contains($"{Services}.SmallDense.Backward(dZ1, A0, W1, dW1, db1, oneOverM, lambdaOverM);\n", code);
    }

    [Fact]
    public void The_class_documents_and_declares_what_the_declaration_costs()
    {
        // 30 → 20 → 7 → 5 → 1 in double precision. Forward, 2 n[l] n[l-1] + n[l] per layer: 1,220 + 287 + 75 + 11.
        // Backward, the same for dW and db, plus 2 n[l] n[l-1] for dA[l-1] but in layer 1: 1,220 + 567 + 145 + 21.
        var spec = Spec(Loss.BinaryCrossEntropy,
            Dense(30, 20, Activation.ReLU), Dense(20, 7, Activation.ReLU), Dense(7, 5, Activation.ReLU), Dense(5, 1, Activation.Sigmoid));

        var code = NetworkEmitter.Emit(spec);

        Assert.Contains("public const long ParameterCount = 813;", code);
        Assert.Contains("public const long ParameterBytes = 6504;", code);
        Assert.Contains("public const long ForwardFlopsPerExample = 1593;", code);
        Assert.Contains("public const long BackwardFlopsPerExample = 1953;", code);
        Assert.Contains("/// ○ Memory: 6,504 bytes for the parameters, as much for their gradients, and for the optimizer's state none (gradient descent), 6,504 bytes (momentum, RMSProp) or 13.0 kB (Adam)", code);
        Assert.Contains("/// ○ Cost per example: 1,593 FLOPs forward, 1,953 backward", code);
    }

    /// <summary>A test-only layer kind: Z = w ⊙ A + b, one weight and one bias per unit (inputs = units).</summary>
    private sealed class ScaleLayer : LayerKind
    {
        public override string Name => "Scale";

        public override IReadOnlyList<ParameterShape> Parameters(LayerSpec layer) =>
        [
            new("w", layer.Units, 1, "the scales", IsWeight: true),
            new("b", layer.Units, 1, "the biases", IsWeight: false),
        ];

        public override long ForwardFlops(LayerSpec layer) => 2L * layer.Units;

        public override long BackwardFlops(LayerSpec layer, bool computesInputGradient) => (computesInputGradient ? 4L : 3L) * layer.Units;

        public override string Step(int l, string input) => $"w{l} ⊙ {input} + b{l}";

        public override string ForwardCall(int l, string input, string output) => $"Scale.Forward(w{l}, {input}, b{l}, {output});";

        public override bool IsSmall(LayerSpec layer, Precision precision) => false;

        public override string FusedForwardCall(int l, string input, string z, string output, string activation) =>
            throw new NotSupportedException("A scale layer has no fused kernel.");

        public override string ExampleForwardCall(int l, string input, string output, string activation) =>
            $"Scale.ForwardExample(w{l}, {input}, b{l}, {output}, {activation});";

        public override void WriteBackward(SourceWriter writer, int l, BackwardNames names)
        {
            writer.WriteLine($"// dw{l} = (1/m) Σ {names.Gradient} ⊙ {names.Input}, db{l} = (1/m) Σ {names.Gradient}");
            writer.WriteLine($"Scale.Backward({names.Gradient}, {names.Input}, w{l}, dw{l}, db{l}, {names.InputGradient ?? "null"}, {names.OneOverM}, {names.LambdaOverM});");
        }
    }

    private static LayerSpec Dense(int inputs, int units, Activation activation, double dropout = 0, double slope = 0.01) =>
        new(LayerKind.Dense, inputs, units, activation, slope, dropout, ActivationDescriptor.For(activation).AutoInitialization);

    private static NetworkSpec Spec(Loss loss, params LayerSpec[] layers) => new(
        new TypeHierarchy("Samples", EquatableArray<ContainingType>.Empty, "Net", "Samples.Net", HasGeneratedCodeAttribute: false),
        layers[0].Inputs,
        new EquatableArray<LayerSpec>(layers),
        loss,
        Precision.Double);
}
