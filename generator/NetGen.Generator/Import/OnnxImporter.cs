using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using NetGen.Generator.Emission;
using NetGen.Generator.LayerKinds;
using NetGen.Generator.Model;

namespace NetGen.Generator.Import;

/// <summary>
/// Turns an ONNX model into <see cref="ImportedWeights"/>: its graph must be a chain from its one input to its one
/// output of dense layers, each a <c>Gemm</c> (W as [out, in] with transB = 1, or [in, out] with transB = 0) or a
/// <c>MatMul</c> by W as [in, out] with an optional <c>Add</c> of the bias, followed by <c>Relu</c>,
/// <c>LeakyRelu</c>, <c>Tanh</c>, <c>Sigmoid</c>, <c>Softmax</c> over the last axis, <c>Identity</c> or nothing.
/// Weights are initializers (or <c>Constant</c> nodes) of floats or doubles. Anything else is a problem that names
/// the operator or what the graph does.
/// </summary>
internal static class OnnxImporter
{
    public const string Format = "ONNX model";

    /// <summary>The operators a model may use, for messages.</summary>
    public const string SupportedOperators = "Gemm, MatMul + Add, Relu, LeakyRelu, Tanh, Sigmoid, Softmax (last axis), Identity, and SiLU as Sigmoid + Mul";

    /// <summary>Whether <paramref name="bytes"/> start like a ModelProto (field 1, ir_version, as a varint).</summary>
    public static bool LooksLikeOnnx(byte[] bytes) => bytes.Length > 0 && bytes[0] == 0x08;

    public static WeightsFile Import(string path, byte[] bytes)
    {
        OnnxModel model;
        try
        {
            model = OnnxModel.Read(bytes);
        }
        catch (InvalidDataException exception)
        {
            return WeightsFile.Failed(path, WeightsProblem.Unreadable, $"is not a readable ONNX model: it has {exception.Message}");
        }

        return new Walk(path, model).Run();
    }

    /// <summary>A problem found while walking the graph: unsupported (a graph NetGen cannot express) or unreadable (broken data).</summary>
    private sealed class ImportException(WeightsProblem problem, string detail) : Exception(detail)
    {
        public WeightsProblem Problem { get; } = problem;
    }

    private sealed class Walk(string path, OnnxModel model)
    {
        private readonly List<LayerSpec> layers = [];
        private readonly List<ParameterValues> parameters = [];
        private int? dataType;

        public WeightsFile Run()
        {
            try
            {
                return WeightsFile.Read(path, Import());
            }
            catch (ImportException exception)
            {
                return WeightsFile.Failed(path, exception.Problem, exception.Message);
            }
        }

        private ImportedWeights Import()
        {
            var inputs = model.Inputs.Where(name => !model.Initializers.ContainsKey(name)).ToList();
            if (inputs.Count != 1 || model.Outputs.Count != 1)
            {
                throw Unsupported($"has {Count(inputs.Count, "input")} and {Count(model.Outputs.Count, "output")}, but a chain of dense layers has one of each");
            }

            foreach (var node in model.Nodes.Where(n => n.Domain is not ("" or "ai.onnx")))
            {
                throw Unsupported($"uses the operator {node.Description} of the domain '{node.Domain}'; NetGen imports {SupportedOperators}");
            }

            var consumers = model.Nodes
                .Where(n => n.OpType != "Constant")
                .SelectMany(n => n.Inputs.Where(i => i.Length > 0).Distinct().Select(i => (Input: i, Node: n)))
                .ToLookup(pair => pair.Input, pair => pair.Node);
            var used = new HashSet<OnnxNode>();
            var current = inputs[0];
            while (true)
            {
                var next = Single(consumers, current);
                if (next is null)
                {
                    break;
                }

                used.Add(next);
                current = next.OpType switch
                {
                    "Gemm" => Gemm(next, current),
                    "MatMul" => MatMul(next, current, consumers, used),
                    "Identity" => next.Outputs[0],
                    _ => throw Unsupported(NotALayer(next, layers.Count == 0 ? null : layers[layers.Count - 1])),
                };

                // The activation that follows a dense layer (or none, when the next node is another dense layer): one node,
                // or the forms NetGen's exporter writes for SiLU and for a double-precision leaky ReLU.
                if (next.OpType is "Gemm" or "MatMul")
                {
                    var readers = consumers[current].ToList();
                    if (readers.Count == 1 && TryActivation(readers[0], out var kind, out var slope))
                    {
                        used.Add(readers[0]);
                        Replace(kind, slope);
                        current = readers[0].Outputs[0];
                    }
                    else if (readers.Count > 1 && Composite(current, readers) is { } composite)
                    {
                        used.UnionWith(readers);
                        Replace(composite.Activation, composite.Slope);
                        current = composite.Output;
                    }
                }
            }

            if (current != model.Outputs[0])
            {
                throw Unsupported($"does not reach its output '{model.Outputs[0]}' through a chain of dense layers from its input '{inputs[0]}'");
            }

            if (layers.Count == 0)
            {
                throw Unsupported("has no Gemm or MatMul: it holds no dense layer");
            }

            if (model.Nodes.FirstOrDefault(n => n.OpType != "Constant" && !used.Contains(n)) is { } unused)
            {
                throw Unsupported($"has the node {unused.Description} outside the chain from its input to its output");
            }

            var precision = dataType == OnnxModel.Double ? Precision.Double : Precision.Single;
            var spec = new NetworkSpec(
                new TypeHierarchy(string.Empty, EquatableArray<ContainingType>.Empty, "Imported", "Imported", false),
                layers[0].Inputs,
                layers.ToEquatableArray(),
                Loss.MeanSquaredError,
                precision);
            return new ImportedWeights(Format, NetworkEmitter.ArchitectureOf(spec), parameters.ToEquatableArray());
        }

        /// <summary>The one node that reads <paramref name="tensor"/>, or null when none does; several is a branch.</summary>
        private OnnxNode? Single(ILookup<string, OnnxNode> consumers, string tensor)
        {
            var readers = consumers[tensor].ToList();
            if (readers.Count > 1)
            {
                throw Unsupported($"branches: '{tensor}' is read by {string.Join(" and ", readers.Select(r => r.Description))}, but a chain of dense layers reads each tensor once");
            }

            if (readers.Count == 1 && tensor == model.Outputs[0])
            {
                throw Unsupported($"reads its output '{tensor}' again in {readers[0].Description}");
            }

            return readers.FirstOrDefault();
        }

        private string Gemm(OnnxNode node, string input)
        {
            RequireAttribute(node, "alpha", 1f);
            RequireAttribute(node, "beta", 1f);
            if (node.Integers.TryGetValue("transA", out var transA) && transA != 0)
            {
                throw Unsupported($"uses {node.Description} with transA = {transA}; NetGen imports Gemm on the layer's input as it is (transA = 0)");
            }

            if (node.Inputs.Count < 2 || node.Inputs[0] != input)
            {
                throw Unsupported($"uses {node.Description} with the layer's input as its second operand; NetGen imports Y = X · Wᵀ + b (A = X)");
            }

            var transposed = node.Integers.TryGetValue("transB", out var transB) && transB != 0;
            var weights = Initializer(node, node.Inputs[1], "its weights B");
            var (units, inputs) = Matrix(node, weights, transposed);
            var bias = node.Inputs.Count > 2 && node.Inputs[2].Length > 0 ? Initializer(node, node.Inputs[2], "its bias C") : null;
            AddLayer(node, weights, transposed, units, inputs, bias);
            return node.Outputs[0];
        }

        private string MatMul(OnnxNode node, string input, ILookup<string, OnnxNode> consumers, HashSet<OnnxNode> used)
        {
            if (node.Inputs.Count != 2 || node.Inputs[0] != input)
            {
                throw Unsupported($"uses {node.Description} with the layer's input as its second operand; NetGen imports Y = X · W + b");
            }

            var weights = Initializer(node, node.Inputs[1], "its weights");
            var (units, inputs) = Matrix(node, weights, transposed: false);
            var output = node.Outputs[0];
            OnnxTensor? bias = null;
            if (Single(consumers, output) is { OpType: "Add" } add && add.Inputs.Count == 2)
            {
                var other = add.Inputs[0] == output ? add.Inputs[1] : add.Inputs[0];
                bias = Initializer(add, other, "the bias it adds");
                used.Add(add);
                output = add.Outputs[0];
            }

            AddLayer(node, weights, transposed: false, units, inputs, bias);
            return output;
        }

        /// <summary>Adds a dense layer: W as [units, inputs] (transposing a stored [inputs, units]), b as [units, 1] (zeros when absent).</summary>
        private void AddLayer(OnnxNode node, OnnxTensor weights, bool transposed, int units, int inputs, OnnxTensor? bias)
        {
            if (layers.Count > 0 && layers[layers.Count - 1].Units != inputs)
            {
                throw Unsupported($"feeds {Count(layers[layers.Count - 1].Units, "value")} into {node.Description}, whose weights take {Count(inputs, "input")}");
            }

            if (bias is not null && bias.ElementCount != units)
            {
                throw Unsupported($"adds a bias of {Count(bias.ElementCount, "element")} [{string.Join(", ", bias.Dims)}] in {node.Description}, whose layer has {Count(units, "unit")}");
            }

            var size = weights.ElementSize;
            var w = transposed ? weights.Bytes : Transpose(weights.Bytes, inputs, units, size);
            var b = bias?.Bytes ?? new byte[units * size];
            parameters.Add(new ParameterValues(units, inputs, new EquatableArray<byte>(w)));
            parameters.Add(new ParameterValues(units, 1, new EquatableArray<byte>(b)));
            layers.Add(new LayerSpec(LayerKind.Dense, inputs, units, NetGen.Activation.Linear, 0.01, 0, Initialization.XavierNormal));
        }

        /// <summary>Gives the last layer the activation <paramref name="activation"/>.</summary>
        private void Replace(Activation activation, double slope)
        {
            var last = layers[layers.Count - 1];
            layers[layers.Count - 1] = last with { Activation = activation, Slope = slope };
        }

        private bool TryActivation(OnnxNode node, out Activation activation, out double slope)
        {
            slope = 0.01;
            switch (node.OpType)
            {
                case "Relu":
                    activation = NetGen.Activation.ReLU;
                    return true;
                case "LeakyRelu":
                    // The slope as the float ONNX stores, written as its shortest round-trip form (0.2f → 0.2).
                    slope = ShortestDouble(node.Floats.TryGetValue("alpha", out var alpha) ? alpha : 0.01f);
                    activation = NetGen.Activation.LeakyReLU;
                    return true;
                case "Tanh":
                    activation = NetGen.Activation.Tanh;
                    return true;
                case "Sigmoid":
                    activation = NetGen.Activation.Sigmoid;
                    return true;
                case "Softmax":
                    // Inputs are [batch, features]: axis 1 and −1 are both the feature axis (before opset 13 the default,
                    // 1, flattened to 2-D at axis 1, which for a 2-D input is the same).
                    var axis = node.Integers.TryGetValue("axis", out var x) ? x : (model.Opset >= 13 ? -1 : 1);
                    if (axis is not (1 or -1))
                    {
                        throw Unsupported($"uses {node.Description} over axis {axis}; NetGen's softmax normalizes each example's outputs (axis 1 or -1)");
                    }

                    activation = NetGen.Activation.Softmax;
                    return true;
                case "Identity":
                    activation = NetGen.Activation.Linear;
                    return true;
                default:
                    activation = default;
                    return false;
            }
        }

        /// <summary>
        /// An activation written as several nodes reading the layer's output <paramref name="z"/>: SiLU as
        /// <c>Sigmoid(Z) → S</c>, <c>Mul(Z, S)</c> (PyTorch's and NetGen's exports; opset 13 has no SiLU), and leaky ReLU as
        /// <c>Greater(Z, 0) → P</c>, <c>Mul(Z, α) → N</c>, <c>Where(P, Z, N)</c> (NetGen's export of a double network, whose α
        /// a float attribute would round). Null when <paramref name="readers"/> are neither (then they are a branch).
        /// </summary>
        private (Activation Activation, double Slope, string Output)? Composite(string z, List<OnnxNode> readers)
        {
            var sigmoid = readers.FirstOrDefault(r => r.OpType == "Sigmoid" && r.Inputs.Count == 1);
            var mul = readers.FirstOrDefault(r => r.OpType == "Mul" && r.Inputs.Count == 2);
            if (readers.Count == 2 && sigmoid is not null && mul is not null && mul.Inputs.Contains(sigmoid.Outputs[0]))
            {
                return (NetGen.Activation.SiLU, 0.01, mul.Outputs[0]);
            }

            var greater = readers.FirstOrDefault(r => r.OpType == "Greater" && r.Inputs.Count == 2 && r.Inputs[0] == z);
            var where = readers.FirstOrDefault(r => r.OpType == "Where" && r.Inputs.Count == 3);
            if (readers.Count == 3 && greater is not null && mul is not null && where is not null
                && where.Inputs[0] == greater.Outputs[0] && where.Inputs[1] == z && where.Inputs[2] == mul.Outputs[0]
                && Scalar(greater.Inputs[1]) == 0 && Scalar(mul.Inputs[0] == z ? mul.Inputs[1] : mul.Inputs[0]) is { } alpha)
            {
                return (NetGen.Activation.LeakyReLU, alpha, where.Outputs[0]);
            }

            return null;
        }

        /// <summary>The value of a one-element float or double initializer, or null.</summary>
        private double? Scalar(string name) =>
            model.Initializers.TryGetValue(name, out var tensor) && tensor.ElementCount == 1 && !tensor.IsExternal
                && tensor.Bytes.Length == tensor.ElementSize && tensor.DataType is OnnxModel.Float or OnnxModel.Double
                ? (tensor.DataType == OnnxModel.Double ? BitConverter.ToDouble(tensor.Bytes, 0) : ShortestDouble(BitConverter.ToSingle(tensor.Bytes, 0)))
                : null;

        /// <summary>A float as the double its shortest round-trip form denotes (0.2f → 0.2), as a slope is declared.</summary>
        private static double ShortestDouble(float value) =>
            double.Parse(value.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

        /// <summary>Why <paramref name="node"/>, met where a dense layer should start, cannot be imported.</summary>
        private string NotALayer(OnnxNode node, LayerSpec? previous) =>
            TryActivation(node, out _, out _)
                ? $"applies {node.Description} {(previous is null ? "to its input" : "after another activation")}, where NetGen expects a Gemm or MatMul"
                : $"uses the operator {node.Description}; NetGen imports {SupportedOperators}";

        private OnnxTensor Initializer(OnnxNode node, string name, string what)
        {
            if (!model.Initializers.TryGetValue(name, out var tensor))
            {
                throw Unsupported($"computes {what} of {node.Description} in the graph ('{name}'); NetGen imports weights stored as initializers");
            }

            if (tensor.IsExternal)
            {
                throw new ImportException(WeightsProblem.Unreadable, $"stores the tensor '{name}' in an external data file; export the model with its weights inside it");
            }

            if (tensor.DataType is not (OnnxModel.Float or OnnxModel.Double))
            {
                throw Unsupported($"stores the tensor '{name}' as ONNX data type {tensor.DataType}; NetGen imports float (1) and double (11) tensors");
            }

            if (dataType is { } type && type != tensor.DataType)
            {
                throw Unsupported($"mixes float and double tensors ('{name}'); a NetGen network has one precision");
            }

            dataType = tensor.DataType;
            if (tensor.Dims.Any(d => d <= 0) || tensor.ElementCount > NetGen.Generator.Validation.NetworkValidator.MaxArrayLength
                || tensor.Bytes.LongLength != tensor.ElementCount * tensor.ElementSize)
            {
                throw new ImportException(
                    WeightsProblem.Unreadable,
                    $"holds the tensor '{name}' of shape [{string.Join(", ", tensor.Dims)}] with {tensor.Bytes.LongLength} bytes of data, which do not match its shape");
            }

            RequireFinite(tensor);
            return tensor;
        }

        /// <summary>The layer's (units, inputs) from a 2-D weight tensor, [units, inputs] when transposed, else [inputs, units].</summary>
        private (int Units, int Inputs) Matrix(OnnxNode node, OnnxTensor weights, bool transposed)
        {
            if (weights.Dims.Count != 2)
            {
                throw Unsupported($"multiplies by a tensor of shape [{string.Join(", ", weights.Dims)}] in {node.Description}; dense weights are 2-D");
            }

            var (rows, columns) = ((int)weights.Dims[0], (int)weights.Dims[1]);
            return transposed ? (rows, columns) : (columns, rows);
        }

        private static void RequireAttribute(OnnxNode node, string name, float expected)
        {
            if (node.Floats.TryGetValue(name, out var value) && value != expected)
            {
                throw new ImportException(
                    WeightsProblem.Unsupported,
                    $"uses {node.Description} with {name} = {value.ToString("R", CultureInfo.InvariantCulture)}; NetGen imports Gemm with alpha = beta = 1");
            }
        }

        private static void RequireFinite(OnnxTensor tensor)
        {
            for (var i = 0; i < tensor.Bytes.Length; i += tensor.ElementSize)
            {
                var value = tensor.ElementSize == 8 ? BitConverter.ToDouble(tensor.Bytes, i) : BitConverter.ToSingle(tensor.Bytes, i);
                if (double.IsNaN(value) || double.IsInfinity(value))
                {
                    throw new ImportException(
                        WeightsProblem.Unreadable,
                        $"holds a value that is not finite ({value.ToString(CultureInfo.InvariantCulture)}) at element {i / tensor.ElementSize} of the tensor '{tensor.Name}'");
                }
            }
        }

        private static byte[] Transpose(byte[] bytes, int rows, int columns, int size)
        {
            var result = new byte[bytes.Length];
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < columns; c++)
                {
                    Buffer.BlockCopy(bytes, ((r * columns) + c) * size, result, ((c * rows) + r) * size, size);
                }
            }

            return result;
        }

        private static ImportException Unsupported(string detail) => new(WeightsProblem.Unsupported, detail);

        private static string Count(long count, string noun) =>
            $"{count.ToString(CultureInfo.InvariantCulture)} {noun}{(count == 1 ? string.Empty : "s")}";
    }
}
