using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using NetGen.Generator.Import;

namespace NetGen.Generator.Tests;

/// <summary>An additional file held in memory, as a test hands it to the generator.</summary>
internal sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
{
    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text, Encoding.UTF8);
}

/// <summary>Weights files as the compiler gets them: the text copy NetGen.targets makes (header, then base64).</summary>
internal static class WeightsFiles
{
    /// <summary>The copy of <paramref name="bytes"/>, originally at <paramref name="originalPath"/>, as NetGen.targets writes it.</summary>
    public static AdditionalText Copy(string originalPath, byte[] bytes) =>
        new InMemoryAdditionalText(
            $"/obj/NetGenWeights/0/{System.IO.Path.GetFileName(originalPath)}{WeightsFileReader.Suffix}",
            WeightsFileReader.Header + originalPath + "\n" + Convert.ToBase64String(bytes));

    /// <summary>A file committed beside the integration tests (PyTorch's exports and a NetGen parameter file).</summary>
    public static byte[] Interop(string name) =>
        File.ReadAllBytes(System.IO.Path.Combine(AppContext.BaseDirectory, "Interop", name));
}

/// <summary>
/// Writes ONNX models (the ModelProto subset the import reads) for tests: graphs NetGen supports in both exporters'
/// conventions, and the ones it must refuse. A minimal protobuf writer; field numbers are onnx.proto's.
/// </summary>
internal sealed class OnnxBuilder
{
    private readonly List<byte[]> nodes = [];
    private readonly List<byte[]> initializers = [];
    private readonly List<string> inputs = ["X"];
    private readonly List<string> outputs = [];
    private int opset = 13;

    public OnnxBuilder Opset(int version)
    {
        opset = version;
        return this;
    }

    public OnnxBuilder Node(string opType, string[] nodeInputs, string output, params (string Name, object Value)[] attributes)
    {
        var node = new Writer();
        foreach (var input in nodeInputs)
        {
            node.String(1, input);
        }

        node.String(2, output);
        node.String(3, opType.ToLowerInvariant() + "_" + nodes.Count);
        node.String(4, opType);
        foreach (var (name, value) in attributes)
        {
            var attribute = new Writer();
            attribute.String(1, name);
            switch (value)
            {
                case float f:
                    attribute.Tag(2, 5);
                    attribute.Raw(BitConverter.GetBytes(f));
                    attribute.Varint(20, 1);
                    break;
                case long i:
                    attribute.Varint(3, (ulong)i);
                    attribute.Varint(20, 2);
                    break;
                default:
                    throw new ArgumentException(value.GetType().Name);
            }

            node.Message(5, attribute);
        }

        nodes.Add(node.ToArray());
        return this;
    }

    /// <summary>A float (or double) initializer of the given shape, its values in raw_data or float_data/double_data.</summary>
    public OnnxBuilder Initializer(string name, long[] dims, double[] values, bool asDouble = false, bool raw = true)
    {
        var tensor = new Writer();
        foreach (var dim in dims)
        {
            tensor.Varint(1, (ulong)dim);
        }

        tensor.Varint(2, asDouble ? 11UL : 1UL);
        tensor.String(8, name);
        var bytes = values.SelectMany(v => asDouble ? BitConverter.GetBytes(v) : BitConverter.GetBytes((float)v)).ToArray();
        tensor.Bytes(raw ? 9 : asDouble ? 10 : 4, bytes); // float_data and double_data packed
        initializers.Add(tensor.ToArray());
        return this;
    }

    public OnnxBuilder Output(string name)
    {
        outputs.Add(name);
        return this;
    }

    public OnnxBuilder Input(string name)
    {
        inputs.Add(name);
        return this;
    }

    public byte[] Build()
    {
        var graph = new Writer();
        foreach (var node in nodes)
        {
            graph.Bytes(1, node);
        }

        graph.String(2, "test");
        foreach (var initializer in initializers)
        {
            graph.Bytes(5, initializer);
        }

        foreach (var input in inputs)
        {
            graph.Message(11, new Writer().String(1, input));
        }

        foreach (var output in outputs)
        {
            graph.Message(12, new Writer().String(1, output));
        }

        var model = new Writer();
        model.Varint(1, 8);
        model.String(2, "NetGen tests");
        model.Message(7, graph);
        model.Message(8, new Writer().String(1, string.Empty).Varint(2, (ulong)opset));
        return model.ToArray();
    }

    /// <summary>n[0] → units… with the given activations, as Gemm (W [out, in], transB = 1) or MatMul + Add (W [in, out]).</summary>
    public static byte[] Chain(int inputs, (int Units, string? Activation)[] layers, bool matMul = false, int seed = 1, bool asDouble = false)
    {
        var builder = new OnnxBuilder();
        var random = new Random(seed);
        var current = "X";
        var previous = inputs;
        for (var l = 0; l < layers.Length; l++)
        {
            var (units, activation) = layers[l];
            var w = Enumerable.Range(0, units * previous).Select(_ => Math.Round(random.NextDouble() - 0.5, 3)).ToArray();
            var b = Enumerable.Range(0, units).Select(_ => Math.Round(random.NextDouble() - 0.5, 3)).ToArray();
            if (matMul)
            {
                builder.Initializer($"W{l}", [previous, units], Transpose(w, units, previous), asDouble);
                builder.Initializer($"b{l}", [units], b, asDouble);
                builder.Node("MatMul", [current, $"W{l}"], $"mm{l}");
                builder.Node("Add", [$"mm{l}", $"b{l}"], $"z{l}");
            }
            else
            {
                builder.Initializer($"W{l}", [units, previous], w, asDouble);
                builder.Initializer($"b{l}", [units], b, asDouble);
                builder.Node("Gemm", [current, $"W{l}", $"b{l}"], $"z{l}", ("alpha", 1f), ("beta", 1f), ("transB", 1L));
            }

            current = $"z{l}";
            if (activation is not null)
            {
                var attributes = activation == "LeakyRelu" ? new[] { ("alpha", (object)0.2f) } : activation == "Softmax" ? [("axis", (object)(-1L))] : [];
                builder.Node(activation, [current], $"a{l}", attributes);
                current = $"a{l}";
            }

            previous = units;
        }

        return builder.Output(current).Build();
    }

    /// <summary>W (rows × columns, row-major) transposed.</summary>
    public static double[] Transpose(double[] w, int rows, int columns)
    {
        var result = new double[w.Length];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                result[(c * rows) + r] = w[(r * columns) + c];
            }
        }

        return result;
    }

    private sealed class Writer
    {
        private readonly List<byte> bytes = [];

        public Writer Tag(int field, int wire)
        {
            Raw(Varint((ulong)((field << 3) | wire)));
            return this;
        }

        public Writer Varint(int field, ulong value) => Tag(field, 0).Raw(Varint(value));

        public Writer String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

        public Writer Bytes(int field, byte[] value) => Tag(field, 2).Raw(Varint((ulong)value.Length)).Raw(value);

        public Writer Message(int field, Writer message) => Bytes(field, message.ToArray());

        public Writer Raw(byte[] value)
        {
            bytes.AddRange(value);
            return this;
        }

        public byte[] ToArray() => [.. bytes];

        private static byte[] Varint(ulong value)
        {
            var result = new List<byte>();
            do
            {
                var b = (byte)(value & 0x7F);
                value >>= 7;
                result.Add(value == 0 ? b : (byte)(b | 0x80));
            }
            while (value != 0);
            return [.. result];
        }
    }
}
