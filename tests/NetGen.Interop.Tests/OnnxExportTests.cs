using System.Numerics;
using System.Text;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Xunit.Abstractions;

namespace NetGen.Interop.Tests;

/// <summary>
/// Exported networks run in ONNX Runtime on random inputs and random parameters (biases too) and give NetGen's
/// predictions, transposed: within 1e-5 in single precision and 1e-12 in double precision, relative to max(1, |y|).
/// </summary>
public sealed class OnnxExportTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, (Func<INetwork<float>> Single, Func<INetwork<double>> Double)> Networks = new()
    {
        ["ReLU → sigmoid"] = (() => new ReLUSigmoidF32(1), () => new ReLUSigmoidF64(1)),
        ["leaky ReLU (0.2) → softmax"] = (() => new LeakySoftmaxF32(1), () => new LeakySoftmaxF64(1)),
        ["tanh → linear → linear"] = (() => new TanhLinearF32(1), () => new TanhLinearF64(1)),
        ["SiLU (dropout) → 3 sigmoid units"] = (() => new SiLUMultiLabelF32(1), () => new SiLUMultiLabelF64(1)),
        ["sigmoid (dropout) → tanh"] = (() => new SigmoidTanhF32(1), () => new SigmoidTanhF64(1)),
        ["mlp 784 → 128 → 64 → 1"] = (() => new MlpF32(1), () => new MlpF64(1)),
    };

    /// <summary>Every network, in both precisions, at batch sizes 1, 7 and 256.</summary>
    public static TheoryData<string, string, int> Cases()
    {
        var cases = new TheoryData<string, string, int>();
        foreach (var name in Networks.Keys)
        {
            foreach (var precision in new[] { "float", "double" })
            {
                foreach (var batch in new[] { 1, 7, 256 })
                {
                    cases.Add(name, precision, batch);
                }
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ONNX_Runtime_predicts_what_NetGen_predicts(string network, string precision, int batch)
    {
        var difference = precision == "float"
            ? Compare(Networks[network].Single(), batch, tolerance: 1e-5)
            : Compare(Networks[network].Double(), batch, tolerance: 1e-12);
        output.WriteLine($"{network}, {precision}, m = {batch}: max |ONNX Runtime − NetGen| = {difference:E2}");
    }

    [Fact]
    public void The_model_declares_its_input_output_and_architecture()
    {
        using var session = Session(Export(new LeakySoftmaxF64(1)));

        var input = session.InputMetadata["X"];
        Assert.Equal(TensorElementType.Double, input.ElementDataType);
        Assert.Equal([-1, 5], input.Dimensions);
        Assert.Equal("batch", input.SymbolicDimensions[0]);
        var outputs = session.OutputMetadata["Y"];
        Assert.Equal([-1, 4], outputs.Dimensions);
        Assert.Equal("batch", outputs.SymbolicDimensions[0]);

        var metadata = session.ModelMetadata;
        Assert.Equal("NetGen", metadata.ProducerName);
        Assert.Equal("5 → 8 LeakyReLU(0.2) → 4 Softmax (double)", metadata.CustomMetadataMap["netgen.architecture"]);
        Assert.Equal(
            "[Network(Inputs = 5, Loss = Loss.CategoricalCrossEntropy, Precision = Precision.Double)]\n" +
            "[Dense(8, Activation.LeakyReLU, Slope = 0.2)]\n" +
            "[Dense(4, Activation.Softmax)]",
            metadata.CustomMetadataMap["netgen.declaration"]);
        Assert.Equal(LeakySoftmaxF64.Architecture, metadata.Description);
    }

    [Fact]
    public void Single_precision_models_hold_float_tensors()
    {
        using var session = Session(Export(new ReLUSigmoidF32(1)));
        Assert.Equal(TensorElementType.Float, session.InputMetadata["X"].ElementDataType);
        Assert.Equal(TensorElementType.Float, session.OutputMetadata["Y"].ElementDataType);
    }

    [Fact]
    public void Dropout_is_left_out()
    {
        // The networks with dropout also predict as NetGen does (above), which never drops.
        var model = Export(new SiLUMultiLabelF32(1));
        Assert.DoesNotContain("Dropout", Encoding.ASCII.GetString(model), StringComparison.Ordinal);
        Assert.Contains("Sigmoid", Encoding.ASCII.GetString(model), StringComparison.Ordinal);
    }

    [Fact]
    public void Exporting_to_a_path_replaces_the_file_and_leaves_the_stream_open()
    {
        var folder = Directory.CreateTempSubdirectory("netgen-onnx-");
        try
        {
            var path = Path.Combine(folder.FullName, "model.onnx");
            File.WriteAllText(path, "an older file");
            var network = new TanhLinearF32(1);
            network.ExportOnnx(path);

            using var stream = new MemoryStream();
            network.ExportOnnx(stream);
            Assert.True(stream.CanWrite);
            Assert.Equal(stream.ToArray(), File.ReadAllBytes(path));
            Assert.Equal(["model.onnx"], folder.GetFiles().Select(f => f.Name));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_network_with_a_parameter_that_is_not_finite_is_not_exported()
    {
        var folder = Directory.CreateTempSubdirectory("netgen-onnx-");
        try
        {
            var path = Path.Combine(folder.FullName, "model.onnx");
            File.WriteAllText(path, "an older file");
            var network = new ReLUSigmoidF32(1);
            network.Parameters[2][0, 3] = float.NaN;

            var exception = Assert.Throws<InvalidOperationException>(() => network.ExportOnnx(path));
            Assert.Equal("The network cannot be exported: W2[0, 3] is NaN. An ONNX model holds finite numbers only; nothing was written.", exception.Message);
            Assert.Equal("an older file", File.ReadAllText(path));
            Assert.Equal(["model.onnx"], folder.GetFiles().Select(f => f.Name));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Gives the network random parameters, predicts a random batch with NetGen and with ONNX Runtime, and checks every
    /// output. Returns the largest absolute difference.
    /// </summary>
    private static double Compare<T>(INetwork<T> network, int batch, double tolerance)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var random = new Random(batch);
        foreach (var parameter in network.Parameters)
        {
            // W[l] uniform in ±2/√n[l−1], keeping pre-activations of order 1 in every layer; b[l] uniform in ±0.5.
            var scale = parameter.Columns == 1 ? 0.5 : 2 / Math.Sqrt(parameter.Columns);
            Fill(parameter.AsSpan(), random, scale);
        }

        var X = new Matrix<T>(network.InputSize, batch);
        Fill(X.AsSpan(), random, 2);
        var expected = network.Predict(X);
        var actual = RunInOnnxRuntime(network, X);

        var largest = 0.0;
        for (var j = 0; j < batch; j++)
        {
            for (var i = 0; i < network.OutputSize; i++)
            {
                var e = double.CreateChecked(expected[i, j]);
                var a = double.CreateChecked(actual[(j * network.OutputSize) + i]);
                var difference = Math.Abs(a - e);
                Assert.True(difference <= tolerance * Math.Max(1, Math.Abs(e)), $"Output {i} of example {j}: ONNX Runtime {a}, NetGen {e}.");
                largest = Math.Max(largest, difference);
            }
        }

        return largest;
    }

    /// <summary>
    /// Exports <paramref name="network"/>, runs the model in ONNX Runtime on <paramref name="X"/> (transposed: ONNX
    /// models take one example per row) and returns its outputs, [m, n[L]] row by row.
    /// </summary>
    internal static T[] RunInOnnxRuntime<T>(INetwork<T> network, Matrix<T> X)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var batch = X.Columns;
        using var session = Session(Export(network));
        var rows = new T[batch * network.InputSize];
        for (var j = 0; j < batch; j++)
        {
            for (var i = 0; i < network.InputSize; i++)
            {
                rows[(j * network.InputSize) + i] = X[i, j];
            }
        }

        using var input = OrtValue.CreateTensorValueFromMemory(rows, [batch, network.InputSize]);
        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions, ["X"], [input], ["Y"]);
        Assert.Equal([batch, network.OutputSize], results[0].GetTensorTypeAndShape().Shape);
        return results[0].GetTensorDataAsSpan<T>().ToArray();
    }

    private static void Fill<T>(Span<T> values, Random random, double scale)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (var k = 0; k < values.Length; k++)
        {
            values[k] = T.CreateChecked(scale * ((2 * random.NextDouble()) - 1));
        }
    }

    private static byte[] Export<T>(INetwork<T> network)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        using var stream = new MemoryStream();
        network.ExportOnnx(stream);
        return stream.ToArray();
    }

    /// <summary>A session on one thread: the tests run in parallel on a shared machine.</summary>
    private static InferenceSession Session(byte[] model)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        return new InferenceSession(model, options);
    }
}
