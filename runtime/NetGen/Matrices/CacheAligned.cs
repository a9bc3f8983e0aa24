using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGen.CompilerServices;

/// <summary>
/// Arrays whose elements begin on a cache line, for the matrices and buffers that kernels stream in vectors. A 512-bit
/// load that straddles two lines costs two, and the GC places an array's elements only 8 bytes apart from a line, so
/// a weight matrix could straddle on every load: 64 × 784 floats took 1.37 µs per product on a line, 1.84 µs 8 bytes
/// past one (Zen 5), and single-example prediction moved between 2.2 and 3.0 µs from one process to the next.
/// </summary>
/// <remarks>
/// Arrays of at least 1 KiB are pinned, so that their offset from a line never changes, and have a line's worth of
/// elements more than asked for, so that the elements fit after the offset; smaller ones, which sit in L1 wherever
/// they lie, are ordinary arrays used from index 0, so that creating many small matrices stays as cheap as before.
/// Which kind an array is follows from its length alone (pinned arrays are never shorter than
/// <see cref="PinnedLength"/>, ordinary ones always are), so nothing but the array needs to be kept.
/// </remarks>
internal static unsafe class CacheAligned<T>
    where T : unmanaged
{
    private const int LineBytes = 64;

    /// <summary>The extra elements of a pinned array, and of a span passed to <see cref="Align"/>: room to start on the next line.</summary>
    public static int Slack => LineBytes / sizeof(T);

    /// <summary>Arrays asked for with at least this many elements are pinned and aligned.</summary>
    private static int PinnedLength => 1024 / sizeof(T);

    /// <summary>An array of zeros with room for <paramref name="length"/> elements from <see cref="Start"/>.</summary>
    public static T[] Allocate(int length) =>
        length >= PinnedLength ? GC.AllocateArray<T>(checked(length + Slack), pinned: true) : new T[length];

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
