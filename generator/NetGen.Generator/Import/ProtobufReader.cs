using System.IO;
using System.Text;

namespace NetGen.Generator.Import;

/// <summary>
/// Reads the protocol buffers wire format (https://protobuf.dev/programming-guides/encoding/) over a byte array: just
/// what reading an ONNX model's graph needs (varints, fixed 32/64-bit values, length-delimited fields, skipping the
/// rest). A malformed message throws <see cref="InvalidDataException"/>, which <see cref="OnnxModel.Read"/> turns
/// into a diagnostic.
/// </summary>
internal struct ProtobufReader
{
    public const int Varint = 0;
    public const int Fixed64 = 1;
    public const int LengthDelimited = 2;
    public const int Fixed32 = 5;

    private readonly byte[] data;
    private readonly int end;
    private int position;

    public ProtobufReader(byte[] data, int start, int end)
    {
        this.data = data;
        position = start;
        this.end = end;
    }

    public ProtobufReader(byte[] data)
        : this(data, 0, data.Length)
    {
    }

    /// <summary>The field number and wire type of the next field, or false at the end of the message.</summary>
    public bool NextField(out int field, out int wireType)
    {
        if (position >= end)
        {
            field = wireType = 0;
            return false;
        }

        var tag = ReadVarint();
        field = (int)(tag >> 3);
        wireType = (int)(tag & 7);
        if (field <= 0)
        {
            throw new InvalidDataException($"a protobuf field number {field} at byte {position}");
        }

        return true;
    }

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = ReadByte();
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException($"a varint longer than 10 bytes at byte {position}");
    }

    /// <summary>Whether the message has no more bytes (also the end of a packed repeated field's values).</summary>
    public readonly bool AtEnd => position >= end;

    public long ReadInt64() => (long)ReadVarint();

    public float ReadFloat()
    {
        Require(4);
        var value = System.BitConverter.ToSingle(data, position);
        position += 4;
        return value;
    }

    public uint ReadFixed32()
    {
        Require(4);
        var value = (uint)(data[position] | (data[position + 1] << 8) | (data[position + 2] << 16) | (data[position + 3] << 24));
        position += 4;
        return value;
    }

    public ulong ReadFixed64()
    {
        var low = ReadFixed32();
        return low | ((ulong)ReadFixed32() << 32);
    }

    /// <summary>A length-delimited field's bytes, as a range of the underlying array.</summary>
    public (int Start, int Length) ReadBytes()
    {
        var length = ReadVarint();
        if (length > (ulong)(end - position))
        {
            throw new InvalidDataException($"a field of {length} bytes at byte {position}, past the end of its message");
        }

        var start = position;
        position += (int)length;
        return (start, (int)length);
    }

    /// <summary>A length-delimited field read as a nested message.</summary>
    public ProtobufReader ReadMessage()
    {
        var (start, length) = ReadBytes();
        return new ProtobufReader(data, start, start + length);
    }

    public string ReadString()
    {
        var (start, length) = ReadBytes();
        return Encoding.UTF8.GetString(data, start, length);
    }

    /// <summary>A copy of a length-delimited field's bytes.</summary>
    public byte[] ReadByteArray()
    {
        var (start, length) = ReadBytes();
        var bytes = new byte[length];
        System.Array.Copy(data, start, bytes, 0, length);
        return bytes;
    }

    /// <summary>Skips a field of <paramref name="wireType"/> whose tag was just read.</summary>
    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case Varint:
                ReadVarint();
                break;
            case Fixed64:
                Require(8);
                position += 8;
                break;
            case LengthDelimited:
                ReadBytes();
                break;
            case Fixed32:
                Require(4);
                position += 4;
                break;
            default:
                throw new InvalidDataException($"the protobuf wire type {wireType} at byte {position}, which is not used by proto3");
        }
    }

    private byte ReadByte()
    {
        Require(1);
        return data[position++];
    }

    private void Require(int bytes)
    {
        if (end - position < bytes)
        {
            throw new InvalidDataException($"a message that ends within a field at byte {position}");
        }
    }
}
