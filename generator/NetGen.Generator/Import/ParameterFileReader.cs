using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using NetGen.CompilerServices;
using NetGen.Generator.Model;

namespace NetGen.Generator.Import;

/// <summary>
/// Reads a NetGen parameter file, the format of <c>NetGen.CompilerServices.NetworkFile</c> (its constants and checksum
/// are compiled into the generator from the runtime's <c>NetworkFileFormat.cs</c>): the magic, the format version, the
/// architecture with its fingerprint, the parameter matrices, the checksum, and nothing after it.
/// </summary>
internal static class ParameterFileReader
{
    public const string Format = "NetGen parameter file";

    private static readonly byte[] Magic = Encoding.ASCII.GetBytes(NetworkFileFormat.ParametersMagic);

    public static bool LooksLikeParameterFile(byte[] bytes) =>
        bytes.Length >= Magic.Length && new ReadOnlySpan<byte>(bytes, 0, Magic.Length).SequenceEqual(Magic);

    public static WeightsFile Read(string path, byte[] bytes)
    {
        var part = "the format version";
        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes, Magic.Length, bytes.Length - Magic.Length, writable: false), Encoding.UTF8);
            var version = reader.ReadInt32();
            if (version != NetworkFileFormat.Version)
            {
                return Failed(path, $"has format version {Integer(version)}; this version of NetGen reads version {Integer(NetworkFileFormat.Version)}");
            }

            part = "the architecture";
            var architecture = reader.ReadString();
            var fingerprint = new Fnv1a();
            fingerprint.Append(Encoding.UTF8.GetBytes(architecture));
            if (reader.ReadUInt64() != fingerprint.Value)
            {
                return Failed(path, "is corrupted: its architecture does not match its fingerprint");
            }

            // The element type is the architecture's last word: "… (float)" or "… (double)".
            var size = architecture.EndsWith("(double)", StringComparison.Ordinal) ? 8 : architecture.EndsWith("(float)", StringComparison.Ordinal) ? 4 : 0;
            if (size == 0)
            {
                return Failed(path, $"holds the architecture '{architecture}', which names no precision");
            }

            part = "the number of parameter matrices";
            var count = reader.ReadInt32();
            if (count < 0 || count > bytes.Length)
            {
                return Failed(path, $"is corrupted: it claims {Integer(count)} parameter matrices");
            }

            var parameters = new List<ParameterValues>(count);
            var checksum = new Fnv1a();
            for (var p = 0; p < count; p++)
            {
                part = $"parameter matrix {Integer(p)}";
                int rows = reader.ReadInt32(), columns = reader.ReadInt32();
                var length = (long)rows * columns * size;
                if (rows < 0 || columns < 0 || length > reader.BaseStream.Length - reader.BaseStream.Position)
                {
                    throw new EndOfStreamException();
                }

                var values = reader.ReadBytes((int)length);
                checksum.Append(values);
                for (var i = 0; i < values.Length; i += size)
                {
                    var value = size == 8 ? BitConverter.ToDouble(values, i) : BitConverter.ToSingle(values, i);
                    if (double.IsNaN(value) || double.IsInfinity(value))
                    {
                        return Failed(path, $"holds a value that is not finite in parameter matrix {Integer(p)}");
                    }
                }

                parameters.Add(new ParameterValues(rows, columns, new EquatableArray<byte>(values)));
            }

            part = "the checksum";
            if (reader.ReadUInt64() != checksum.Value)
            {
                return Failed(path, "is corrupted: its values do not match its checksum");
            }

            if (reader.BaseStream.Position != reader.BaseStream.Length)
            {
                return Failed(path, "continues after its checksum, where a parameter file ends: it is corrupted, or not one file");
            }

            return WeightsFile.Read(path, new ImportedWeights(Format, architecture, parameters.ToEquatableArray()));
        }
        catch (EndOfStreamException)
        {
            return Failed(path, $"is truncated: it ends within {part}");
        }
        catch (Exception exception) when (exception is IOException or DecoderFallbackException or FormatException or ArgumentException)
        {
            return Failed(path, $"is corrupted: {exception.Message}");
        }
    }

    private static WeightsFile Failed(string path, string detail) => WeightsFile.Failed(path, WeightsProblem.Unreadable, detail);

    private static string Integer(int value) => value.ToString(CultureInfo.InvariantCulture);
}
