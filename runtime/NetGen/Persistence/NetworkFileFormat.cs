using System;

namespace NetGen.CompilerServices;

/// <summary>
/// The constants of the parameter file format that <see cref="NetworkFile"/> writes, and its checksum. Compiled into
/// the generator too (linked source), which reads parameter files named by <c>[Network(Weights = …)]</c> at build time,
/// so the two never disagree about the format.
/// </summary>
internal static class NetworkFileFormat
{
    /// <summary>The magic of a parameter file.</summary>
    public const string ParametersMagic = "NGPARAMS";

    /// <summary>The magic of a checkpoint.</summary>
    public const string CheckpointMagic = "NGCHKPNT";

    /// <summary>The format version this code writes and reads.</summary>
    public const int Version = 1;
}

/// <summary>64-bit FNV-1a: a simple, stable hash, enough to catch accidental corruption (not tampering).</summary>
internal struct Fnv1a
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
