using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Numerics;
using System.Runtime.InteropServices;
using Google.Protobuf;
using NetGen.CompilerServices;
using Onnx;

namespace NetGen;

/// <summary>
/// Builds the ONNX model of a network, behind <c>ExportOnnx</c>. The names and the layout are NetGen's ONNX
/// conventions (docs/interop.md), which the import side reads back:
/// <list type="bullet">
/// <item>input <c>X</c>, [batch, n[0]], and output <c>Y</c>, [batch, n[L]]: one example per row, the transpose of
/// NetGen's X (n[0] × m), with the batch dimension named <c>batch</c>;</item>
/// <item>per dense layer l, the initializers <c>W{l}</c> (n[l] × n[l−1], NetGen's own layout) and <c>b{l}</c> (1-D, n[l]),
/// and the node <c>Gemm{l}</c> with transB = 1: Z{l} = A{l−1} · W{l}ᵀ + b{l}, row for row the transpose of
/// Z[l] = W[l] · A[l−1] + b[l];</item>
/// <item>the activation's node(s) after it, from <c>Z{l}</c> to <c>A{l}</c>; a linear layer has none, its <c>Gemm</c>
/// writing <c>A{l}</c> itself; the last layer's output is named <c>Y</c>;</item>
/// <item>dropout is left out: prediction never drops.</item>
/// </list>
/// </summary>
internal static class OnnxExport
{
    /// <summary>The ONNX operator set the model imports: 13, where Softmax normalizes along one axis (the last).</summary>
    public const long Opset = 13;

    /// <summary>The IR version of opset 13 (ONNX 1.8).</summary>
    public const long IrVersion = 7;

    /// <summary>The graph's input.</summary>
    public const string InputName = "X";

    /// <summary>The graph's output.</summary>
    public const string OutputName = "Y";

    /// <summary>The symbolic name of the first, batch dimension of the input and the output.</summary>
    public const string BatchDimension = "batch";

    /// <summary>The metadata key of <see cref="INetwork{T}.Architecture"/>.</summary>
    public const string ArchitectureKey = "netgen.architecture";

    /// <summary>
    /// The metadata key of the declaration: the <c>[Network]</c> attribute (inputs, loss, precision), then the layer list
    /// as <c>[Dense]</c> attributes, one per line.
    /// </summary>
    public const string DeclarationKey = "netgen.declaration";

    /// <summary>Writes the model of <paramref name="network"/> to <paramref name="stream"/>.</summary>
    public static void Write<T>(INetwork<T> network, Stream stream)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(stream);
        Build(network).WriteTo(stream);
    }

    /// <summary>Writes the model of <paramref name="network"/> to the file at <paramref name="path"/>, replacing it atomically.</summary>
    public static void Write<T>(INetwork<T> network, string path)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var model = Build(network);
        NetworkFile.ReplaceAtomically(path, model.WriteTo);
    }

    /// <summary>
    /// The model, its parameters copied while no other thread trains the network (the same guard as <c>Save</c>), so that
    /// writing it afterwards cannot mix two networks.
    /// </summary>
    private static ModelProto Build<T>(INetwork<T> network)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        const string operation = nameof(NetworkExtensions.ExportOnnx);
        var token = NetworkFile.BeginRead(network, operation, "exported", "An ONNX model");
        NetworkFile.RequireLittleEndian(); // raw_data is little-endian
        var elementType = ElementType<T>();
        var graph = new GraphProto { Name = network.GetType().Name };
        graph.Input.Add(Value(InputName, elementType, network.InputSize));
        graph.Output.Add(Value(OutputName, elementType, network.OutputSize));

        var layers = network.Layers;
        var parameters = network.Parameters;
        if (layers.Count == 0)
        {
            throw new ArgumentException($"The network {network.Architecture} lists no layers: there is nothing to export.", nameof(network));
        }

        var next = 0;
        var input = InputName;
        for (var l = 1; l <= layers.Count; l++)
        {
            var layer = layers[l - 1];
            var inputs = l == 1 ? network.InputSize : layers[l - 2].Units;
            if (layer.Inputs != inputs || (l == layers.Count && layer.Units != network.OutputSize))
            {
                throw new ArgumentException($"Layer {l} of {network.Architecture} ({layer.Inputs} → {layer.Units}) does not connect its neighbours ({inputs} inputs, {network.OutputSize} outputs at the end).", nameof(network));
            }

            var output = l == layers.Count ? OutputName : $"A{l}";
            var z = layer.Activation == Activation.Linear ? output : $"Z{l}";
            switch (layer.Kind)
            {
                case LayerKind.Dense:
                    var (w, b) = ($"W{l}", $"b{l}");
                    graph.Initializer.Add(Tensor(w, elementType, Parameter(network, next++, layer.Units, layer.Inputs, l), [layer.Units, layer.Inputs]));
                    graph.Initializer.Add(Tensor(b, elementType, Parameter(network, next++, layer.Units, 1, l), [layer.Units]));
                    var gemm = Node("Gemm", $"Gemm{l}", [input, w, b], z);
                    gemm.Attribute.Add(new AttributeProto { Name = "transB", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
                    graph.Node.Add(gemm);
                    break;
                default:
                    throw new InvalidOperationException($"Layer {l} is of kind {layer.Kind}, which has no ONNX export.");
            }

            AddActivation<T>(graph, elementType, layer, l, z, output);
            input = output;
        }

        if (next != parameters.Count)
        {
            throw new ArgumentException($"The network {network.Architecture} has {parameters.Count} parameter matrices, but its layers have {next}.", nameof(network));
        }

        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "NetGen",
            ProducerVersion = typeof(OnnxExport).Assembly.GetName().Version?.ToString(3) ?? string.Empty,
            DocString = network.Architecture,
            Graph = graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = Opset });
        model.MetadataProps.Add(new StringStringEntryProto { Key = ArchitectureKey, Value = network.Architecture });
        model.MetadataProps.Add(new StringStringEntryProto { Key = DeclarationKey, Value = Declaration(network) });
        network.TrainingGuard.EndRead(token, operation);
        return model;
    }

    /// <summary>
    /// Parameter matrix <paramref name="index"/>, which layer <paramref name="l"/> needs as <paramref name="rows"/> ×
    /// <paramref name="columns"/>: generated networks always agree with their <c>Layers</c>; a hand-written
    /// <see cref="INetwork{T}"/> may not, and would otherwise give a model that no runtime loads.
    /// </summary>
    private static ReadOnlySpan<T> Parameter<T>(INetwork<T> network, int index, int rows, int columns, int l)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var parameters = network.Parameters;
        if (index >= parameters.Count || parameters[index].Rows != rows || parameters[index].Columns != columns)
        {
            var found = index < parameters.Count ? $"is {parameters[index].Rows} × {parameters[index].Columns}" : "does not exist";
            throw new ArgumentException($"Layer {l} of {network.Architecture} needs parameter matrix {index} as {rows} × {columns}, but it {found}.", nameof(network));
        }

        return parameters[index].AsSpan();
    }

    /// <summary>The node(s) of g[l], from <paramref name="z"/> to <paramref name="output"/>; none for a linear layer.</summary>
    private static void AddActivation<T>(GraphProto graph, TensorProto.Types.DataType elementType, LayerInfo layer, int l, string z, string output)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        switch (layer.Activation)
        {
            case Activation.ReLU:
                graph.Node.Add(Node("Relu", $"Relu{l}", [z], output));
                break;
            case Activation.LeakyReLU when elementType == TensorProto.Types.DataType.Double:
                // LeakyRelu's alpha is a float attribute, which would round α, and ONNX Runtime has no double LeakyRelu
                // kernel: g(z) = z if z > 0, else α z, as NetGen computes it, with α and 0 as double scalars.
                graph.Initializer.Add(Tensor<T>($"alpha{l}", elementType, [T.CreateChecked(layer.Slope)], []));
                graph.Initializer.Add(Tensor<T>($"zero{l}", elementType, [T.Zero], []));
                graph.Node.Add(Node("Greater", $"Greater{l}", [z, $"zero{l}"], $"P{l}"));
                graph.Node.Add(Node("Mul", $"Mul{l}", [z, $"alpha{l}"], $"N{l}"));
                graph.Node.Add(Node("Where", $"Where{l}", [$"P{l}", z, $"N{l}"], output));
                break;
            case Activation.LeakyReLU:
                var leaky = Node("LeakyRelu", $"LeakyRelu{l}", [z], output);
                leaky.Attribute.Add(new AttributeProto { Name = "alpha", Type = AttributeProto.Types.AttributeType.Float, F = (float)layer.Slope });
                graph.Node.Add(leaky);
                break;
            case Activation.Tanh:
                graph.Node.Add(Node("Tanh", $"Tanh{l}", [z], output));
                break;
            case Activation.Sigmoid:
                graph.Node.Add(Node("Sigmoid", $"Sigmoid{l}", [z], output));
                break;
            case Activation.Softmax:
                // [batch, n[l]]: the last axis is the features, each example's row sums to 1 as each column of A[l] does.
                var softmax = Node("Softmax", $"Softmax{l}", [z], output);
                softmax.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = -1 });
                graph.Node.Add(softmax);
                break;
            case Activation.SiLU:
                // Opset 13 has no SiLU (Swish): g(z) = z σ(z) as Sigmoid, then Mul.
                graph.Node.Add(Node("Sigmoid", $"Sigmoid{l}", [z], $"S{l}"));
                graph.Node.Add(Node("Mul", $"Mul{l}", [z, $"S{l}"], output));
                break;
            case Activation.Linear:
                break; // the identity: the Gemm writes the output itself
            default:
                throw new InvalidOperationException($"Layer {l} has the activation {layer.Activation}, which has no ONNX export.");
        }
    }

    /// <summary>The ONNX element type of <typeparamref name="T"/>: FLOAT or DOUBLE.</summary>
    private static TensorProto.Types.DataType ElementType<T>() =>
        typeof(T) == typeof(float) ? TensorProto.Types.DataType.Float
        : typeof(T) == typeof(double) ? TensorProto.Types.DataType.Double
        : throw new NotSupportedException($"ONNX export supports float and double networks, not {typeof(T).Name}.");

    private static NodeProto Node(string operatorType, string name, string[] inputs, string output)
    {
        var node = new NodeProto { OpType = operatorType, Name = name };
        node.Input.Add(inputs);
        node.Output.Add(output);
        return node;
    }

    /// <summary>An initializer holding <paramref name="values"/> (row-major; a scalar when <paramref name="dims"/> is empty) in raw little-endian bytes.</summary>
    private static TensorProto Tensor<T>(string name, TensorProto.Types.DataType elementType, ReadOnlySpan<T> values, long[] dims)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var tensor = new TensorProto
        {
            Name = name,
            DataType = (int)elementType,
            RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values)),
        };
        tensor.Dims.Add(dims);
        return tensor;
    }

    /// <summary>A graph input or output: a tensor of [batch, <paramref name="features"/>].</summary>
    private static ValueInfoProto Value(string name, TensorProto.Types.DataType elementType, int features)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = BatchDimension });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = features });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)elementType, Shape = shape } },
        };
    }

    /// <summary>
    /// The attributes that declare the network, one per line: <c>[Network(Inputs = 8, Loss = Loss.MeanSquaredError,
    /// Precision = Precision.Double)]</c>, then <c>[Dense(16, Activation.LeakyReLU, Slope = 0.1)]</c>, … (dropout is not
    /// part of an exported network).
    /// </summary>
    private static string Declaration<T>(INetwork<T> network)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var precision = typeof(T) == typeof(float) ? Precision.Single : Precision.Double;
        var lines = new List<string> { $"[Network(Inputs = {network.InputSize}, Loss = Loss.{network.Loss}, Precision = Precision.{precision})]" };
        foreach (var layer in network.Layers)
        {
            var slope = layer.Activation == Activation.LeakyReLU
                ? string.Create(CultureInfo.InvariantCulture, $", Slope = {layer.Slope:R}")
                : string.Empty;
            lines.Add($"[{layer.Kind}({layer.Units}, Activation.{layer.Activation}{slope})]");
        }

        return string.Join('\n', lines);
    }
}
