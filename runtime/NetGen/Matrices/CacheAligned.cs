using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGen.CompilerServices;

/// <summary>
/// Arrays whose elements begin on a cache line, for the matrices and buffers that kernels stream in vectors. A 512-bit
/// load that straddles two lines costs two, and the GC aligns an array's elements to 8 bytes only, so a weight matrix
/// could straddle on every load: 64 × 784 floats took 1.37 µs per product on a line, 1.84 µs 8 bytes past one (Zen 5).
/// </summary>
/// <remarks>
/// Arrays whose elements take 85,000 bytes or more are pinned, so that their offset from a line never changes, and have a
/// line's worth of elements more than asked for, so that the elements fit after the offset. The GC would put them on the
/// large object heap anyway, which is also collected only with generation 2, so pinning them costs nothing more. Smaller
/// arrays are ordinary ones used from index 0: pinned, a 30 × 64 matrix created in a loop took 2.1 µs and a
/// generation-2 collection every 400 matrices, against 0.15 µs and none. Which kind an array is follows from its length
/// alone (pinned arrays are never shorter than <see cref="PinnedLength"/>, ordinary ones always are), so nothing but the
/// array needs to be kept.
/// </remarks>
internal static unsafe class CacheAligned<T>
    where T : unmanaged
{
    private const int LineBytes = 64;

    /// <summary>The extra elements of a pinned array, and of a span passed to <see cref="Align"/>: room to start on the next line.</summary>
    public static int Slack => LineBytes / sizeof(T);

    /// <summary>
    /// Arrays asked for with at least this many elements are pinned and aligned: those of 85,000 bytes or more, which the
    /// GC would put on the large object heap (it counts the array's header too, so a few shorter ones go there as well).
    /// </summary>
    private static int PinnedLength => (85_000 + sizeof(T) - 1) / sizeof(T);

    /// <summary>Whether <see cref="Allocate"/> pins an array of <paramref name="length"/> elements.</summary>
    public static bool Pins(int length) => length >= PinnedLength;

    /// <summary>An array of zeros with room for <paramref name="length"/> elements from <see cref="Start"/>.</summary>
    public static T[] Allocate(int length) =>
        Pins(length) ? GC.AllocateArray<T>(checked(length + Slack), pinned: true) : new T[length];

    /// <summary>The index of <paramref name="array"/>'s first element on a cache line (0 for a small array).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Start(T[] array) =>
        array.Length >= PinnedLength
            ? (int)((nuint)(-(nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array)) & (LineBytes - 1)) / (nuint)sizeof(T))
            : 0;

    /// <summary>
    /// The <paramref name="length"/> elements of <paramref name="span"/> (at least <paramref name="length"/> +
    /// <see cref="Slack"/> long) from its first element on a cache line: memory on the stack, which does not move.
    /// </summary>
    public static Span<T> Align(Span<T> span, int length)
    {
        var start = (nuint)(-(nint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(span)) & (LineBytes - 1)) / (nuint)sizeof(T);
        return span.Slice((int)start, length);
    }

    /// <summary>The number of elements <paramref name="array"/> holds from <see cref="Start"/> on.</summary>
    public static int Capacity(T[] array) => array.Length >= PinnedLength ? array.Length - Slack : array.Length;
}
