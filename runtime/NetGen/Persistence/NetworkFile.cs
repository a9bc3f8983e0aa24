using System.ComponentModel;
using System;
using System.IO;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;

namespace NetGen.CompilerServices;

/// <summary>
/// The parameter file of a generated network, behind its <c>Save</c> and <c>Load</c>. Little-endian binary:
/// <code>
/// "NGPARAMS"                 8 bytes, the magic
/// format version             int32, 1
/// architecture               length-prefixed UTF-8, e.g. "30 → 20 ReLU → 1 Sigmoid (float)"
/// fingerprint                uint64, FNV-1a of the architecture's UTF-8 bytes
/// parameter matrices         int32 count; per matrix int32 rows, int32 columns, then rows × columns values
/// checksum                   uint64, FNV-1a of every value byte
/// </code>
/// Loading reads and checks the whole file before it touches the network, so a file that is truncated, corrupted or of
/// another architecture is rejected with the network unchanged.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class NetworkFile
{
    /// <summary>The format version this runtime writes and reads.</summary>
    public const int FormatVersion = 1;

    private static ReadOnlySpan<byte> Magic => "NGPARAMS"u8;

    /// <summary>Writes the parameters of <paramref name="network"/> to <paramref name="stream"/>.</summary>
    public static void Save<T>(INetwork<T> network, Stream stream)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        RequireLittleEndian();
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(network.Architecture);
        writer.Write(Fingerprint(Encoding.UTF8.GetBytes(network.Architecture)));
        writer.Write(network.Parameters.Count);
        var checksum = new Fnv1a();
        foreach (var parameter in network.Parameters)
        {
            writer.Write(parameter.Rows);
            writer.Write(parameter.Columns);
            var bytes = MemoryMarshal.AsBytes(parameter.AsSpan());
            checksum.Append(bytes);
            writer.Write(bytes);
        }

        writer.Write(checksum.Value);
    }

    /// <summary>Writes the parameters of <paramref name="network"/> to the file at <paramref name="path"/>, replacing it.</summary>
    public static void Save<T>(INetwork<T> network, string path)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        using var stream = File.Create(path);
        Save(network, stream);
    }

    /// <summary>Reads parameters from the file at <paramref name="path"/>; see <see cref="Load{T}(INetwork{T}, Stream)"/>.</summary>
    public static void Load<T>(INetwork<T> network, string path)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        using var stream = File.OpenRead(path);
        Load(network, stream);
    }

    /// <summary>Reads parameters written by <see cref="Save{T}(INetwork{T}, Stream)"/> for the same architecture into <paramref name="network"/>.</summary>
    /// <exception cref="InvalidDataException">
    /// The stream is not a NetGen parameter file, is of another format version, is truncated or corrupted, or holds a
    /// network of another architecture (the message names both). The network is left unchanged.
    /// </exception>
    public static void Load<T>(INetwork<T> network, Stream stream)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        RequireLittleEndian();
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            var values = Read<T>(reader, network);
            for (var p = 0; p < values.Length; p++)
            {
                values[p].CopyTo(network.Parameters[p].AsSpan());
            }
        }
        catch (Exception exception) when (exception is IOException or DecoderFallbackException or FormatException)
        {
            throw new InvalidDataException($"The parameter file is truncated or corrupted: {exception.Message}", exception);
        }
    }

    /// <summary>Reads and checks everything, into new arrays; the network is only read.</summary>
    private static T[][] Read<T>(BinaryReader reader, INetwork<T> network)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
        {
            throw new InvalidDataException("This is not a NetGen parameter file: it does not start with \"NGPARAMS\".");
        }

        var version = reader.ReadInt32();
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"The parameter file has format version {version}; this version of NetGen reads version {FormatVersion}.");
        }

        var architecture = reader.ReadString();
        if (reader.ReadUInt64() != Fingerprint(Encoding.UTF8.GetBytes(architecture)))
        {
            throw new InvalidDataException("The parameter file is corrupted: its architecture does not match its fingerprint.");
        }

        if (architecture != network.Architecture)
        {
            throw new InvalidDataException($"The parameter file holds a network {architecture}, but this network is {network.Architecture}.");
        }

        var parameters = network.Parameters;
        var count = reader.ReadInt32();
        if (count != parameters.Count)
        {
            throw new InvalidDataException($"The parameter file holds {count} parameter matrices, but {architecture} has {parameters.Count}.");
        }

        var values = new T[count][];
        var checksum = new Fnv1a();
        for (var p = 0; p < count; p++)
        {
            int rows = reader.ReadInt32(), columns = reader.ReadInt32();
            if (rows != parameters[p].Rows || columns != parameters[p].Columns)
            {
                throw new InvalidDataException($"Parameter matrix {p} of the file is {rows} × {columns}, but it should be {parameters[p].Rows} × {parameters[p].Columns}.");
            }

            values[p] = new T[parameters[p].Length];
            var bytes = MemoryMarshal.AsBytes(values[p].AsSpan());
            reader.BaseStream.ReadExactly(bytes);
            checksum.Append(bytes);
        }

        if (reader.ReadUInt64() != checksum.Value)
        {
            throw new InvalidDataException("The parameter file is corrupted: its values do not match its checksum.");
        }

        return values;
    }

    /// <summary>The format is little-endian, which is the memory layout on every platform .NET supports but s390x.</summary>
    private static void RequireLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("NetGen parameter files are little-endian; this platform is not.");
        }
    }

    private static ulong Fingerprint(ReadOnlySpan<byte> bytes)
    {
        var hash = new Fnv1a();
        hash.Append(bytes);
        return hash.Value;
    }

    /// <summary>64-bit FNV-1a: a simple, stable hash, enough to catch accidental corruption (not tampering).</summary>
    private struct Fnv1a
    {
        private ulong value;

        public Fnv1a() => value = 0xCBF29CE484222325;

        public readonly ulong Value => value;

        public void Append(ReadOnlySpan<byte> bytes)
        {
            foreach (var b in bytes)
            {
                value = (value ^ b) * 0x100000001B3;
            }
        }
    }
}
