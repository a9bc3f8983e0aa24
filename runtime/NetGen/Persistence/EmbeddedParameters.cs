using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGen.CompilerServices;

/// <summary>
/// Parameters compiled into the assembly by <c>[Network(Weights = …)]</c>: the generated parameterless constructor
/// copies each matrix from a <see cref="ReadOnlySpan{T}"/> of bytes over the assembly's data (no file, no allocation,
/// safe under trimming and Native AOT).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class EmbeddedParameters
{
    /// <summary>Copies <paramref name="values"/>, the little-endian bytes of the elements in row-major order, into <paramref name="parameter"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="values"/> does not hold exactly the matrix's elements.</exception>
    /// <exception cref="PlatformNotSupportedException">The platform is big-endian.</exception>
    public static void CopyTo<T>(ReadOnlySpan<byte> values, Matrix<T> parameter)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(parameter);
        NetworkFile.RequireLittleEndian();
        if (values.Length != (long)parameter.Length * Unsafe.SizeOf<T>())
        {
            throw new ArgumentException($"{values.Length} bytes do not hold the {parameter.Rows} × {parameter.Columns} elements of the parameter.", nameof(values));
        }

        MemoryMarshal.Cast<byte, T>(values).CopyTo(parameter.AsSpan());
    }
}
