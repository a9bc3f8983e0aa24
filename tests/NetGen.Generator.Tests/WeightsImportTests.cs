using System.Globalization;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Import;

namespace NetGen.Generator.Tests;

/// <summary>
/// <c>[Network(Weights = …)]</c>: reading ONNX models written by PyTorch and in both exporters' conventions, reading
/// NetGen parameter files, the diagnostics of every problem, the generated constructor, and incrementality.
/// </summary>
public class WeightsImportTests
{
    private const string Classifier = """
        using NetGen;
        namespace Samples
        {
            [Network(Inputs = 4, Weights = "Interop/classifier.onnx")]
            [Dense(16, Activation.ReLU)]
            [Dense(8, Activation.Tanh)]
            [Dense(3, Activation.Softmax)]
            public partial class Net { }
        }
        """;

    private static AdditionalText ClassifierFile => WeightsFiles.Copy("Interop/classifier.onnx", WeightsFiles.Interop("classifier.onnx"));

    [Fact]
    public void PyTorchs_Gemm_export_reads_as_its_architecture()
    {
        var file = OnnxImporter.Import("classifier.onnx", WeightsFiles.Interop("classifier.onnx"));

        Assert.Equal(WeightsProblem.None, file.Problem);
        Assert.Equal("4 → 16 ReLU → 8 Tanh → 3 Softmax (float)", file.Weights!.Architecture);
        Assert.Equal([(16, 4), (16, 1), (8, 16), (8, 1), (3, 8), (3, 1)], file.Weights.Parameters.Select(p => (p.Rows, p.Columns)));
    }

    [Fact]
    public void PyTorchs_MatMul_and_Add_export_reads_as_the_parameters_NetGen_saved_from_it()
    {
        // regressor.ngparams is the network compiled from regressor.onnx, saved by the runtime's NetworkFile: the W read
        // from MatMul's [in, out] and transposed must be the W NetGen computes with, bit for bit.
        var onnx = OnnxImporter.Import("regressor.onnx", WeightsFiles.Interop("regressor.onnx"));
        var saved = ParameterFileReader.Read("regressor.ngparams", WeightsFiles.Interop("regressor.ngparams"));

        Assert.Equal(WeightsProblem.None, onnx.Problem);
        Assert.Equal(WeightsProblem.None, saved.Problem);
        Assert.Equal("4 → 6 LeakyReLU(0.2) → 1 Sigmoid (float)", onnx.Weights!.Architecture);
        Assert.Equal(saved.Weights!.Architecture, onnx.Weights.Architecture);
        Assert.Equal(saved.Weights.Parameters, onnx.Weights.Parameters);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Gemm_with_W_as_out_by_in_and_MatMul_with_W_as_in_by_out_give_the_same_parameters(bool asDouble)
    {
        var layers = new (int, string?)[] { (5, "Relu"), (4, "LeakyRelu"), (3, "Tanh"), (2, "Sigmoid"), (2, null) };
        var gemm = OnnxImporter.Import("gemm.onnx", OnnxBuilder.Chain(3, layers, matMul: false, asDouble: asDouble));
        var matMul = OnnxImporter.Import("matmul.onnx", OnnxBuilder.Chain(3, layers, matMul: true, asDouble: asDouble));

        Assert.Equal(WeightsProblem.None, gemm.Problem);
        Assert.Equal($"3 → 5 ReLU → 4 LeakyReLU(0.2) → 3 Tanh → 2 Sigmoid → 2 Linear ({(asDouble ? "double" : "float")})", gemm.Weights!.Architecture);
        Assert.Equal(gemm.Weights, matMul.Weights);
        var w1 = gemm.Weights.Parameters[0];
        Assert.Equal((5, 3), (w1.Rows, w1.Columns));
    }

    [Fact]
    public void Gemm_with_transB_0_is_transposed_and_float_data_reads_like_raw_data()
    {
        double[] w = [1, 2, 3, 4, 5, 6]; // [in = 3, out = 2]
        var model = new OnnxBuilder()
            .Initializer("W", [3, 2], w, raw: false)
            .Initializer("b", [2], [0.5, -0.5], raw: false)
            .Node("Gemm", ["X", "W", "b"], "Y", ("transB", 0L))
            .Output("Y")
            .Build();

        var file = OnnxImporter.Import("m.onnx", model);

        Assert.Equal("3 → 2 Linear (float)", file.Weights!.Architecture);
        Assert.Equal(new float[] { 1, 3, 5, 2, 4, 6 }, Floats(file.Weights.Parameters[0]));
        Assert.Equal(new float[] { 0.5f, -0.5f }, Floats(file.Weights.Parameters[1]));
    }

    [Fact]
    public void NetGens_exporter_forms_of_SiLU_and_of_a_double_leaky_ReLU_are_read_as_those_activations()
    {
        // docs/interop.md, "Export": SiLU as Sigmoid(Z) → S, Mul(Z, S); a double network's leaky ReLU as
        // Greater(Z, 0) → P, Mul(Z, α) → N, Where(P, Z, N), with α a DOUBLE scalar (0.1 is not a float).
        var model = new OnnxBuilder()
            .Initializer("W1", [3, 2], [1, 2, 3, 4, 5, 6], asDouble: true)
            .Initializer("b1", [3], [0, 0, 0], asDouble: true)
            .Initializer("W2", [2, 3], [1, 2, 3, 4, 5, 6], asDouble: true)
            .Initializer("b2", [2], [0, 0], asDouble: true)
            .Initializer("alpha2", [], [0.1], asDouble: true)
            .Initializer("zero2", [], [0], asDouble: true)
            .Node("Gemm", ["X", "W1", "b1"], "Z1", ("transB", 1L))
            .Node("Sigmoid", ["Z1"], "S1")
            .Node("Mul", ["Z1", "S1"], "A1")
            .Node("Gemm", ["A1", "W2", "b2"], "Z2", ("transB", 1L))
            .Node("Greater", ["Z2", "zero2"], "P2")
            .Node("Mul", ["Z2", "alpha2"], "N2")
            .Node("Where", ["P2", "Z2", "N2"], "Y")
            .Output("Y")
            .Build();

        var file = OnnxImporter.Import("m.onnx", model);

        Assert.Equal(WeightsProblem.None, file.Problem);
        Assert.Equal("2 → 3 SiLU → 2 LeakyReLU(0.1) (double)", file.Weights!.Architecture);
    }

    [Fact]
    public void The_generated_constructor_embeds_the_parameters_and_compiles_as_CSharp_8()
    {
        var run = GeneratorRunner.Run(Classifier, Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp8, additionalTexts: [ClassifierFile]);

        Assert.Empty(run.GeneratorDiagnostics);
        var weights = Assert.Single(run.RunResult.GeneratedTrees, tree => tree.FilePath.EndsWith("Samples.Net.NetGen.Weights.g.cs", StringComparison.Ordinal)).ToString();
        Assert.Contains("public Net() : this(seed: 0)", weights, StringComparison.Ordinal);
        Assert.Contains("global::NetGen.CompilerServices.EmbeddedParameters.CopyTo(EmbeddedWeights.W3, W3);", weights, StringComparison.Ordinal);
        Assert.Contains("public static global::System.ReadOnlySpan<byte> b3 => global::System.Runtime.InteropServices.MemoryMarshal.AsBytes(global::System.MemoryExtensions.AsSpan(\"", weights, StringComparison.Ordinal);
        run.AssertOutputCompilesWithoutWarnings();
    }

    [Fact]
    public void NG0010_parameterless_constructor_of_a_network_with_weights() => DiagnosticAssert.Reports(
        """
        using NetGen;
        [Network(Inputs = 4, Weights = "Interop/classifier.onnx")]
        [Dense(16, Activation.ReLU)]
        [Dense(8, Activation.Tanh)]
        [Dense(3, Activation.Softmax)]
        public partial class Net
        {
            public {|NG0010:Net|}() : this(1) { }
        }
        """,
        additionalTexts: [ClassifierFile]);

    [Fact]
    public void NG0040_file_that_is_not_an_additional_file() => DiagnosticAssert.Reports("""
        using NetGen;
        [Network(Inputs = 4, {|NG0040:Weights = "model.onnx"|})]
        [Dense(3, Activation.Softmax)]
        public partial class Net { }
        """);

    [Fact]
    public void NG0040_path_that_matches_several_files()
    {
        var bytes = OnnxBuilder.Chain(4, [(3, "Softmax")]);
        var diagnostics = DiagnosticAssert.Reports(
            """
            using NetGen;
            [Network(Inputs = 4, {|NG0040:Weights = "model.onnx"|})]
            [Dense(3, Activation.Softmax)]
            public partial class Net { }
            """,
            additionalTexts: [WeightsFiles.Copy("/a/model.onnx", bytes), WeightsFiles.Copy("/b/model.onnx", bytes)]);
        Assert.Contains("matches several AdditionalFiles items (/a/model.onnx, /b/model.onnx)", diagnostics[0].GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void NG0041_file_that_is_not_a_model() => DiagnosticAssert.Reports(
        """
        using NetGen;
        [Network(Inputs = 4, {|NG0041:Weights = "model.onnx"|})]
        [Dense(3, Activation.Softmax)]
        public partial class Net { }
        """,
        additionalTexts: [WeightsFiles.Copy("model.onnx", Encoding("not a model"))]);

    [Fact]
    public void NG0041_truncated_model()
    {
        var bytes = OnnxBuilder.Chain(4, [(3, "Softmax")]);
        var diagnostics = DiagnosticAssert.Reports(
            """
            using NetGen;
            [Network(Inputs = 4, {|NG0041:Weights = "model.onnx"|})]
            [Dense(3, Activation.Softmax)]
            public partial class Net { }
            """,
            additionalTexts: [WeightsFiles.Copy("model.onnx", bytes[..^7])]);
        Assert.Contains("is not a readable ONNX model", diagnostics[0].GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void NG0041_corrupted_parameter_file()
    {
        var bytes = WeightsFiles.Interop("regressor.ngparams");
        bytes[^12] ^= 1; // a value: the checksum no longer matches
        var diagnostics = DiagnosticAssert.Reports(
            """
            using NetGen;
            [Network(Inputs = 4, {|NG0041:Weights = "regressor.ngparams"|})]
            [Dense(6, Activation.LeakyReLU, Slope = 0.2)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net { }
            """,
            additionalTexts: [WeightsFiles.Copy("regressor.ngparams", bytes)]);
        Assert.Contains("its values do not match its checksum", diagnostics[0].GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void NG0041_file_the_build_step_did_not_convert() => DiagnosticAssert.Reports(
        """
        using NetGen;
        [Network(Inputs = 4, {|NG0041:Weights = "model.onnx"|})]
        [Dense(3, Activation.Softmax)]
        public partial class Net { }
        """,
        additionalTexts: [new InMemoryAdditionalText("/src/model.onnx", "\b\u0008garbage")]);

    [Fact]
    public void NG0042_unsupported_operator_is_named()
    {
        var model = new OnnxBuilder()
            .Initializer("W", [3, 4], new double[12])
            .Node("Gemm", ["X", "W"], "Z", ("transB", 1L))
            .Node("Conv", ["Z"], "Y")
            .Output("Y")
            .Build();
        var diagnostics = DiagnosticAssert.Reports(
            """
            using NetGen;
            [Network(Inputs = 4, {|NG0042:Weights = "model.onnx"|})]
            [Dense(3, Activation.Softmax)]
            public partial class Net { }
            """,
            additionalTexts: [WeightsFiles.Copy("model.onnx", model)]);
        Assert.Equal(
            "The ONNX model 'model.onnx' of 'Net' uses the operator 'Conv' (node 'conv_1'); NetGen imports Gemm, MatMul + Add, Relu, LeakyRelu, Tanh, Sigmoid, Softmax (last axis), Identity, and SiLU as Sigmoid + Mul",
            diagnostics[0].GetMessage(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("branch", "branches: 'Z' is read by")]
    [InlineData("softmax axis", "over axis 0")]
    [InlineData("weights computed", "computes its weights B of 'Gemm'")]
    [InlineData("two inputs", "has 2 inputs and 1 output")]
    public void NG0042_unsupported_graph_shapes(string shape, string expected)
    {
        var builder = new OnnxBuilder().Initializer("W", [3, 4], new double[12]);
        _ = shape switch
        {
            "branch" => builder.Node("Gemm", ["X", "W"], "Z", ("transB", 1L)).Node("Relu", ["Z"], "A").Node("Tanh", ["Z"], "B").Output("A"),
            "softmax axis" => builder.Node("Gemm", ["X", "W"], "Z", ("transB", 1L)).Node("Softmax", ["Z"], "Y", ("axis", 0L)).Output("Y"),
            "weights computed" => builder.Node("Relu", ["W"], "V").Node("Gemm", ["X", "V"], "Y", ("transB", 1L)).Output("Y"),
            "two inputs" => builder.Input("X2").Node("Gemm", ["X", "W"], "Y", ("transB", 1L)).Output("Y"),
            _ => throw new ArgumentOutOfRangeException(nameof(shape)),
        };
        var file = OnnxImporter.Import("model.onnx", builder.Build());

        Assert.Equal(WeightsProblem.Unsupported, file.Problem);
        Assert.Contains(expected, file.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void NG0043_other_layers_are_reported_on_the_attribute_with_both_architectures()
    {
        var diagnostics = DiagnosticAssert.Reports(
            """
            using NetGen;
            [{|NG0043:Network(Inputs = 4, Weights = "Interop/classifier.onnx")|}]
            [Dense(16, Activation.ReLU)]
            [Dense(3, Activation.Softmax)]
            public partial class Net { }
            """,
            additionalTexts: [ClassifierFile]);
        Assert.Equal(
            "The ONNX model 'Interop/classifier.onnx' holds the network 4 → 16 ReLU → 8 Tanh → 3 Softmax (float), but 'Net' is declared as 4 → 16 ReLU → 3 Softmax (float); change the [Dense] attributes or Precision to match, or use another file",
            diagnostics[0].GetMessage(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("[Dense(16, Activation.ReLU)] [Dense(8, Activation.Tanh)] [Dense(3, Activation.Softmax)]", "Precision = Precision.Double", "(double)")]
    [InlineData("[Dense(16, Activation.ReLU)] [Dense(8, Activation.Sigmoid)] [Dense(3, Activation.Softmax)]", "Loss = Loss.CategoricalCrossEntropy", "8 Sigmoid")]
    [InlineData("[Dense(16, Activation.ReLU)] [Dense(9, Activation.Tanh)] [Dense(3, Activation.Softmax)]", "Loss = Loss.CategoricalCrossEntropy", "9 Tanh")]
    [InlineData("[Dense(16, Activation.ReLU)] [Dense(8, Activation.Tanh)] [Dense(3, Activation.Softmax)]", "Inputs = 5", "5 → 16")]
    public void NG0043_every_difference_is_a_mismatch(string layers, string setting, string declared)
    {
        var source = "using NetGen;\n[{|NG0043:Network(" + (setting.StartsWith("Inputs", StringComparison.Ordinal) ? setting : "Inputs = 4, " + setting)
            + ", Weights = \"Interop/classifier.onnx\")|}]\n" + layers + "\npublic partial class Net { }";
        var diagnostics = DiagnosticAssert.Reports(source, additionalTexts: [ClassifierFile]);
        Assert.Contains(declared, diagnostics[0].GetMessage(CultureInfo.InvariantCulture).Split("declared as")[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_weights_file_regenerates_only_its_networks_weights()
    {
        var source = Classifier + """

            [Network(Inputs = 4, Weights = "other.onnx")]
            [Dense(3, Activation.Softmax)]
            public partial class Other { }
            """;
        var other = WeightsFiles.Copy("other.onnx", OnnxBuilder.Chain(4, [(3, "Softmax")], seed: 1));
        var compilation = GeneratorRunner.Compile(source);
        var driver = GeneratorRunner.CreateDriver(compilation, [ClassifierFile, other]).RunGenerators(compilation);
        Assert.Equal(4, driver.GetRunResult().GeneratedTrees.Length);

        var changed = WeightsFiles.Copy("other.onnx", OnnxBuilder.Chain(4, [(3, "Softmax")], seed: 2));
        var second = driver.ReplaceAdditionalText(other, changed).RunGenerators(compilation).GetRunResult().Results.Single();

        Assert.All(second.TrackedSteps[TrackingNames.Spec].SelectMany(run => run.Outputs), output =>
            Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"spec {output.Reason}"));
        var weightsFiles = second.TrackedSteps[TrackingNames.WeightsFiles].SelectMany(run => run.Outputs).Select(o => o.Reason).ToList();
        Assert.Single(weightsFiles, reason => reason == IncrementalStepRunReason.Modified);
        var sources = second.TrackedOutputSteps[WellKnownGeneratorOutputs.SourceOutput].SelectMany(run => run.Outputs).Select(o => o.Reason).ToList();
        Assert.Single(sources, reason => reason == IncrementalStepRunReason.Modified);
        Assert.Equal(4, second.GeneratedSources.Length);
    }

    [Fact]
    public void An_edit_elsewhere_reads_no_weights_file_again()
    {
        var compilation = GeneratorRunner.Compile(Classifier);
        var driver = GeneratorRunner.CreateDriver(compilation, [ClassifierFile]).RunGenerators(compilation);
        var tree = compilation.SyntaxTrees.Single();
        var edited = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(tree.GetText().Replace(0, 0, "// a comment\n")));

        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.All(second.TrackedSteps[TrackingNames.WeightsFiles].SelectMany(run => run.Outputs), output =>
            Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    private static float[] Floats(ParameterValues values) =>
        Enumerable.Range(0, values.Bytes.Count / 4).Select(i => BitConverter.ToSingle([.. values.Bytes.Skip(i * 4).Take(4)], 0)).ToArray();

    private static byte[] Encoding(string text) => System.Text.Encoding.UTF8.GetBytes(text);
}
