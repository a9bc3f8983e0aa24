using System.Collections.Generic;
using System.IO;

namespace NetGen.Generator.Import;

/// <summary>
/// The part of an ONNX model (onnx.proto, https://github.com/onnx/onnx/blob/main/onnx/onnx.proto) that importing a
/// chain of dense layers needs: the default domain's opset, the graph's nodes, initializers, inputs and outputs.
/// Every other field is skipped. Field numbers are onnx.proto's.
/// </summary>
internal sealed class OnnxModel
{
    /// <summary>TensorProto.DataType.FLOAT.</summary>
    public const int Float = 1;

    /// <summary>TensorProto.DataType.DOUBLE.</summary>
    public const int Double = 11;

    public long IrVersion { get; private set; }

    /// <summary>The opset of the default domain ("" or "ai.onnx"), or 0 when the model imports none.</summary>
    public long Opset { get; private set; }

    public List<OnnxNode> Nodes { get; } = [];

    /// <summary>The initializers, and the tensors of <c>Constant</c> nodes, by name.</summary>
    public Dictionary<string, OnnxTensor> Initializers { get; } = [];

    public List<string> Inputs { get; } = [];

    public List<string> Outputs { get; } = [];

    /// <summary>Reads a ModelProto; throws <see cref="InvalidDataException"/> when the bytes are not one.</summary>
    public static OnnxModel Read(byte[] bytes)
    {
        var model = new OnnxModel();
        var reader = new ProtobufReader(bytes);
        var hasGraph = false;
        while (reader.NextField(out var field, out var wire))
        {
            switch (field, wire)
            {
                case (1, ProtobufReader.Varint):
                    model.IrVersion = reader.ReadInt64();
                    break;
                case (7, ProtobufReader.LengthDelimited):
                    model.ReadGraph(reader.ReadMessage());
                    hasGraph = true;
                    break;
                case (8, ProtobufReader.LengthDelimited):
                    model.ReadOpset(reader.ReadMessage());
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        if (model.IrVersion <= 0 || !hasGraph)
        {
            throw new InvalidDataException("it is not an ONNX model: it has no IR version or no graph");
        }

        return model;
    }

    private void ReadOpset(ProtobufReader reader)
    {
        string domain = string.Empty;
        long version = 0;
        while (reader.NextField(out var field, out var wire))
        {
            switch (field, wire)
            {
                case (1, ProtobufReader.LengthDelimited):
                    domain = reader.ReadString();
                    break;
                case (2, ProtobufReader.Varint):
                    version = reader.ReadInt64();
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        if (domain is "" or "ai.onnx")
        {
            Opset = version;
        }
    }

    private void ReadGraph(ProtobufReader reader)
    {
        while (reader.NextField(out var field, out var wire))
        {
            switch (field, wire)
            {
                case (1, ProtobufReader.LengthDelimited):
                    Nodes.Add(OnnxNode.Read(reader.ReadMessage()));
                    break;
                case (5, ProtobufReader.LengthDelimited):
                    var tensor = OnnxTensor.Read(reader.ReadMessage());
                    Initializers[tensor.Name] = tensor;
                    break;
                case (11, ProtobufReader.LengthDelimited):
                    Inputs.Add(ReadValueInfoName(reader.ReadMessage()));
                    break;
                case (12, ProtobufReader.LengthDelimited):
                    Outputs.Add(ReadValueInfoName(reader.ReadMessage()));
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        // A Constant node is an initializer written as a node (some exporters write weights that way).
        foreach (var node in Nodes)
        {
            if (node.OpType == "Constant" && node.Outputs.Count == 1 && node.Tensor is { } value)
            {
                Initializers[node.Outputs[0]] = value;
            }
        }
    }

    private static string ReadValueInfoName(ProtobufReader reader)
    {
        var name = string.Empty;
        while (reader.NextField(out var field, out var wire))
        {
            if (field == 1 && wire == ProtobufReader.LengthDelimited)
            {
                name = reader.ReadString();
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return name;
    }
}

/// <summary>A NodeProto: an operator, its inputs and outputs by name, and the attributes the import reads.</summary>
internal sealed class OnnxNode
{
    public string Name { get; private set; } = string.Empty;

    public string OpType { get; private set; } = string.Empty;

    public string Domain { get; private set; } = string.Empty;

    public List<string> Inputs { get; } = [];

    public List<string> Outputs { get; } = [];

    /// <summary>Integer attributes (AttributeProto.i) by name.</summary>
    public Dictionary<string, long> Integers { get; } = [];

    /// <summary>Float attributes (AttributeProto.f) by name.</summary>
    public Dictionary<string, float> Floats { get; } = [];

    /// <summary>The names of every attribute, read or not.</summary>
    public List<string> AttributeNames { get; } = [];

    /// <summary>A tensor attribute (AttributeProto.t), as a <c>Constant</c> node's <c>value</c> holds.</summary>
    public OnnxTensor? Tensor { get; private set; }

    /// <summary>How messages name the node: its operator, and its name when it has one.</summary>
    public string Description => Name.Length > 0 ? $"'{OpType}' (node '{Name}')" : $"'{OpType}'";

    public static OnnxNode Read(ProtobufReader reader)
    {
        var node = new OnnxNode();
        while (reader.NextField(out var field, out var wire))
        {
            switch (field, wire)
            {
                case (1, ProtobufReader.LengthDelimited):
                    node.Inputs.Add(reader.ReadString());
                    break;
                case (2, ProtobufReader.LengthDelimited):
                    node.Outputs.Add(reader.ReadString());
                    break;
                case (3, ProtobufReader.LengthDelimited):
                    node.Name = reader.ReadString();
                    break;
                case (4, ProtobufReader.LengthDelimited):
                    node.OpType = reader.ReadString();
                    break;
                case (5, ProtobufReader.LengthDelimited):
                    node.ReadAttribute(reader.ReadMessage());
                    break;
                case (7, ProtobufReader.LengthDelimited):
                    node.Domain = reader.ReadString();
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return node;
    }

    private void ReadAttribute(ProtobufReader reader)
    {
        string name = string.Empty;
        float? f = null;
        long? i = null;
        OnnxTensor? t = null;
        while (reader.NextField(out var field, out var wire))
        {
            switch (field, wire)
            {
                case (1, ProtobufReader.LengthDelimited):
                    name = reader.ReadString();
                    break;
                case (2, ProtobufReader.Fixed32):
                    f = reader.ReadFloat();
                    break;
                case (3, ProtobufReader.Varint):
                    i = reader.ReadInt64();
                    break;
                case (5, ProtobufReader.LengthDelimited):
                    t = OnnxTensor.Read(reader.ReadMessage());
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        AttributeNames.Add(name);
        if (f is { } single)
        {
            Floats[name] = single;
        }

        if (i is { } integer)
        {
            Integers[name] = integer;
        }

        if (t is not null && name == "value")
        {
            Tensor = t;
        }
    }
}

/// <summary>A TensorProto of floats or doubles, its elements as little-endian bytes in row-major order.</summary>
internal sealed class OnnxTensor
{
    public string Name { get; private set; } = string.Empty;

    /// <summary>TensorProto.data_type: <see cref="OnnxModel.Float"/>, <see cref="OnnxModel.Double"/> or another type.</summary>
    public int DataType { get; private set; }

    public List<long> Dims { get; } = [];

    /// <summary>The elements, little-endian; empty for a tensor whose data is stored outside the model.</summary>
    public byte[] Bytes { get; private set; } = [];

    /// <summary>Whether the data lives in another file (data_location = EXTERNAL), which an import cannot read.</summary>
    public bool IsExternal { get; private set; }

    public int ElementSize => DataType == OnnxModel.Double ? 8 : 4;

    public long ElementCount
    {
        get
        {
            long count = 1;
            foreach (var dim in Dims)
            {
                count *= dim;
            }

            return count;
        }
    }

    public static OnnxTensor Read(ProtobufReader reader)
    {
        var tensor = new OnnxTensor();
        var values = new List<byte>();
        byte[]? raw = null;
        while (reader.NextField(out var field, out var wire))
        {
            switch (field, wire)
            {
                case (1, ProtobufReader.Varint):
                    tensor.Dims.Add(reader.ReadInt64());
                    break;
                case (1, ProtobufReader.LengthDelimited):
                    var packed = reader.ReadMessage();
                    while (!packed.AtEnd)
                    {
                        tensor.Dims.Add(packed.ReadInt64());
                    }

                    break;
                case (2, ProtobufReader.Varint):
                    tensor.DataType = (int)reader.ReadInt64();
                    break;
                case (4, ProtobufReader.Fixed32):
                    AppendLittleEndian(values, reader.ReadFixed32(), 4);
                    break;
                case (4, ProtobufReader.LengthDelimited):
                    raw = Append(raw, reader.ReadByteArray());
                    break;
                case (8, ProtobufReader.LengthDelimited):
                    tensor.Name = reader.ReadString();
                    break;
                case (9, ProtobufReader.LengthDelimited):
                    raw = Append(raw, reader.ReadByteArray());
                    break;
                case (10, ProtobufReader.Fixed64):
                    AppendLittleEndian(values, reader.ReadFixed64(), 8);
                    break;
                case (10, ProtobufReader.LengthDelimited):
                    raw = Append(raw, reader.ReadByteArray());
                    break;
                case (14, ProtobufReader.Varint):
                    tensor.IsExternal = reader.ReadInt64() == 1;
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        tensor.Bytes = raw ?? values.ToArray();
        return tensor;
    }

    private static byte[] Append(byte[]? first, byte[] second)
    {
        if (first is null)
        {
            return second;
        }

        var joined = new byte[first.Length + second.Length];
        first.CopyTo(joined, 0);
        second.CopyTo(joined, first.Length);
        return joined;
    }

    private static void AppendLittleEndian(List<byte> bytes, ulong value, int size)
    {
        for (var i = 0; i < size; i++)
        {
            bytes.Add((byte)(value >> (8 * i)));
        }
    }
}
