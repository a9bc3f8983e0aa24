using System;
using System.ComponentModel;
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
/// and nothing after the checksum. A checkpoint (<c>TrainingOptions.CheckpointPath</c>) has the same layout with the
/// magic "NGCHKPNT" and, between the parameters and the checksum, the training state (int32 length, then its bytes,
/// which the checksum covers too; see <see cref="TrainingCheckpoint"/>). Every value is finite: saving refuses a network with a NaN or infinite parameter,
/// and loading rejects a file that holds one. Loading reads and checks the whole file before it touches the network,
/// so a file that is truncated (anywhere), corrupted, followed by other bytes, or of another architecture is rejected
/// with the network unchanged. Saving to a path replaces the file atomically: the target is always either the old
/// file or the new one, complete, even if the process is killed or the machine loses power while it saves.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class NetworkFile
{
    /// <summary>The format version this runtime writes and reads.</summary>
    public const int FormatVersion = NetworkFileFormat.Version;

    /// <summary>A parameter file: the parameters alone.</summary>
    internal static readonly Kind Parameters = new(NetworkFileFormat.ParametersMagic, "parameter file");

    /// <summary>A checkpoint: the parameters and the training state.</summary>
    internal static readonly Kind Checkpoint = new(NetworkFileFormat.CheckpointMagic, "checkpoint");

    /// <summary>Writes the parameters of <paramref name="network"/> to <paramref name="stream"/>.</summary>
    /// <exception cref="InvalidOperationException">
    /// A parameter is NaN or infinite (nothing was written), or another thread trained the network while it was written.
    /// </exception>
    public static void Save<T>(INetwork<T> network, Stream stream)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(stream);
        var token = BeginSave(network);
        Write(network, stream, Parameters, trainingState: null);
        network.TrainingGuard.EndRead(token, nameof(Save));
    }

    /// <summary>
    /// Writes the parameters of <paramref name="network"/> to the file at <paramref name="path"/>, replacing it
    /// atomically: the file is written under a temporary name in the same folder (<c>path.&lt;random&gt;.tmp</c>),
    /// flushed to the disk, then renamed over <paramref name="path"/>. Whenever the process stops, the file at
    /// <paramref name="path"/> is the old one or the new one, complete; a save that fails deletes its temporary file,
    /// and only a process killed while it saves can leave one behind, which never has the target's name.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// A parameter is NaN or infinite, or another thread trains the network: the file is left as it was.
    /// </exception>
    public static void Save<T>(INetwork<T> network, string path)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        Save(network, path, Parameters, trainingState: null);

    /// <summary>Writes a file of <paramref name="kind"/> to <paramref name="path"/> atomically, as <see cref="Save{T}(INetwork{T}, string)"/> does.</summary>
    internal static void Save<T>(INetwork<T> network, string path, Kind kind, byte[]? trainingState)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var token = BeginSave(network);
        ReplaceAtomically(path, stream =>
        {
            Write(network, stream, kind, trainingState);

            // Training on another thread during the write would have mixed two networks: keep the old file then.
            network.TrainingGuard.EndRead(token, nameof(Save));
        });
    }

    /// <summary>
    /// Replaces the file at <paramref name="path"/> with what <paramref name="write"/> writes, atomically (see
    /// <see cref="Save{T}(INetwork{T}, string)"/>); if <paramref name="write"/> throws, the file is left as it was.
    /// </summary>
    internal static void ReplaceAtomically(string path, Action<Stream> write)
    {
        var target = Path.GetFullPath(path);
        var temporary = $"{target}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            DeleteIfPossible(temporary);
            throw;
        }
    }

    /// <summary>Reads parameters from the file at <paramref name="path"/>; see <see cref="Load{T}(INetwork{T}, Stream)"/>.</summary>
    public static void Load<T>(INetwork<T> network, string path)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        using var stream = File.OpenRead(path);
        Load(network, stream);
    }

    /// <summary>
    /// Reads parameters written by <see cref="Save{T}(INetwork{T}, Stream)"/> for the same architecture into
    /// <paramref name="network"/>. The file must be all that is left of <paramref name="stream"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">
    /// The stream is not a NetGen parameter file, is of another format version, is truncated or corrupted, continues
    /// after the file's end, holds a value that is not finite, or holds a network of another architecture (the message
    /// names both). The network is left unchanged.
    /// </exception>
    public static void Load<T>(INetwork<T> network, Stream stream)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        RequireLittleEndian();
        SetParameters(network, Read(stream, network, Parameters).Values);
    }

    /// <summary>Copies values that <see cref="Read{T}"/> checked into the network's parameters.</summary>
    internal static void SetParameters<T>(INetwork<T> network, T[][] values)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (var p = 0; p < values.Length; p++)
        {
            values[p].CopyTo(network.Parameters[p].AsSpan());
        }
    }

    /// <summary>Writes the file, parameters already checked; a checkpoint's training state goes after the parameters.</summary>
    private static void Write<T>(INetwork<T> network, Stream stream, Kind kind, byte[]? trainingState)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(kind.Magic);
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

        if (trainingState is not null)
        {
            writer.Write(trainingState.Length);
            checksum.Append(trainingState);
            writer.Write(trainingState);
        }

        writer.Write(checksum.Value);
    }

    /// <summary>
    /// Checks, before anything is written, that <paramref name="network"/> can be saved: it is not null, no other thread
    /// is training it, the platform is little-endian, and every parameter is finite (a file holds only parameters that a
    /// network can compute with). Returns the token of the read, to check at the end that no training overlapped it.
    /// </summary>
    private static int BeginSave<T>(INetwork<T> network)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var token = BeginRead(network, nameof(Save), "saved", "A parameter file");
        RequireLittleEndian();
        return token;
    }

    /// <summary>
    /// Begins a read of every parameter of <paramref name="network"/> for a file: checks that it is not null, that no
    /// other thread is training it, and that every parameter is finite. Returns the token to pass to
    /// <see cref="TrainingGuard.EndRead"/>.
    /// </summary>
    /// <param name="network">The network to read.</param>
    /// <param name="operation">The public method, for the guard's message.</param>
    /// <param name="done">What the method does to the network, for the refusal: "saved", "exported".</param>
    /// <param name="file">The file it writes, for the refusal: "A parameter file".</param>
    internal static int BeginRead<T>(INetwork<T> network, string operation, string done, string file)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        var token = network.TrainingGuard.BeginRead(operation);
        if (Divergence.FirstNonFiniteParameter(network.Parameters, values: null) is { } bad)
        {
            throw new InvalidOperationException($"The network cannot be {done}: {bad}. {file} holds finite numbers only; nothing was written.");
        }

        return token;
    }

    /// <summary>Deletes a temporary file after a failed save, keeping the failure's own exception if that fails too.</summary>
    private static void DeleteIfPossible(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The save's exception says what went wrong; a temporary file left behind never has the target's name.
        }
    }

    /// <summary>
    /// Reads and checks a whole file of <paramref name="kind"/>, into new arrays; the network is only read. A
    /// checkpoint's training state is returned as its bytes, checksummed but not yet interpreted.
    /// </summary>
    internal static (T[][] Values, byte[]? TrainingState) Read<T>(Stream stream, INetwork<T> network, Kind kind)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var noun = kind.Noun;
        Span<byte> magic = stackalloc byte[kind.Magic.Length];
        var read = stream.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
        if (!magic[..read].SequenceEqual(kind.Magic.AsSpan(0, read)))
        {
            throw new InvalidDataException($"This is not a NetGen {noun}: it does not start with \"{Encoding.ASCII.GetString(kind.Magic)}\".");
        }

        if (read < kind.Magic.Length)
        {
            throw new InvalidDataException($"The {noun} is truncated: it ends after {read} bytes, within its 8-byte header.");
        }

        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        var part = "the format version";
        try
        {
            var version = reader.ReadInt32();
            if (version != FormatVersion)
            {
                throw new InvalidDataException($"The {noun} has format version {version}; this version of NetGen reads version {FormatVersion}.");
            }

            part = "the architecture";
            var architecture = reader.ReadString();
            if (reader.ReadUInt64() != Fingerprint(Encoding.UTF8.GetBytes(architecture)))
            {
                throw new InvalidDataException($"The {noun} is corrupted: its architecture does not match its fingerprint.");
            }

            if (architecture != network.Architecture)
            {
                throw new InvalidDataException($"The {noun} holds a network {architecture}, but this network is {network.Architecture}.");
            }

            part = "the number of parameter matrices";
            var parameters = network.Parameters;
            var count = reader.ReadInt32();
            if (count != parameters.Count)
            {
                throw new InvalidDataException($"The {noun} holds {count} parameter matrices, but {architecture} has {parameters.Count}.");
            }

            var values = new T[count][];
            var checksum = new Fnv1a();
            for (var p = 0; p < count; p++)
            {
                part = $"parameter matrix {p} ({Divergence.ParameterName(p)})";
                int rows = reader.ReadInt32(), columns = reader.ReadInt32();
                if (rows != parameters[p].Rows || columns != parameters[p].Columns)
                {
                    throw new InvalidDataException($"Parameter matrix {p} of the file is {rows} × {columns}, but it should be {parameters[p].Rows} × {parameters[p].Columns}.");
                }

                values[p] = new T[parameters[p].Length];
                var bytes = MemoryMarshal.AsBytes(values[p].AsSpan());
                stream.ReadExactly(bytes);
                checksum.Append(bytes);
            }

            byte[]? trainingState = null;
            if (ReferenceEquals(kind, Checkpoint))
            {
                part = "the training state";
                var length = reader.ReadInt32();
                if (length < 0)
                {
                    throw new InvalidDataException($"The {noun} is corrupted: its training state claims {length} bytes.");
                }

                if (stream.CanSeek && length > stream.Length - stream.Position)
                {
                    throw new EndOfStreamException();
                }

                trainingState = new byte[length];
                stream.ReadExactly(trainingState);
                checksum.Append(trainingState);
            }

            part = "the checksum";
            if (reader.ReadUInt64() != checksum.Value)
            {
                throw new InvalidDataException($"The {noun} is corrupted: its values do not match its checksum.");
            }

            if (stream.ReadByte() >= 0)
            {
                throw new InvalidDataException($"The {noun} continues after its checksum, where a {noun} ends: it is corrupted, or not one file.");
            }

            if (Divergence.FirstNonFiniteParameter(parameters, values) is { } bad)
            {
                throw new InvalidDataException($"The {noun} holds a value that is not finite: {bad}.");
            }

            return (values, trainingState);
        }
        catch (EndOfStreamException exception)
        {
            throw new InvalidDataException($"The {noun} is truncated: it ends within {part}.", exception);
        }
        catch (Exception exception) when (exception is IOException or DecoderFallbackException or FormatException)
        {
            throw new InvalidDataException($"The {noun} is corrupted: {exception.Message}", exception);
        }
    }

    /// <summary>The format is little-endian, which is the memory layout on every platform .NET supports but s390x.</summary>
    internal static void RequireLittleEndian()
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

    /// <summary>What tells the two kinds of file apart: the magic, and the name messages give it.</summary>
    internal sealed class Kind(string magic, string noun)
    {
        public byte[] Magic { get; } = Encoding.ASCII.GetBytes(magic);

        public string Noun { get; } = noun;
    }
}
