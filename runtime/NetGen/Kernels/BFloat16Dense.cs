using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.CompilerServices;

/// <summary>
/// One dense layer's weights rounded to bfloat16 and laid out for streaming, and z = W · x + b for a single example on
/// them (<see cref="BFloat16Predictor"/>). A single example reads every weight once and does one multiply-add with it,
/// so its time is the time W takes to stream from cache (docs/performance.md, "Speed II: single-example latency and
/// serving"); bfloat16 halves those bytes. A bfloat16 is the upper half of a float, so widening one is a shift or a
/// mask, not a conversion.
/// <para>
/// Layout: rows in blocks of 8, columns in chunks of 8. For each block, chunk after chunk, four vectors of eight 32-bit
/// lanes; lane j of vector r holds row 2r's weight in its upper half and row 2r + 1's in its lower half, both at column
/// j of the chunk. So <c>lanes &amp; 0xFFFF0000</c> is row 2r as floats and <c>lanes &lt;&lt; 16</c> is row 2r + 1, and
/// the eight rows of a block stream from one contiguous run. Rows and columns past the layer's are zero.
/// </para>
/// </summary>
internal sealed unsafe class BFloat16Dense
{
    /// <summary>Rows computed together (eight accumulators, one per row) and the columns of one chunk.</summary>
    public const int Block = 8;

    /// <summary>
    /// Below this many weights a layer is not split over the workers. Higher than float's 2¹⁵: with half the bytes to
    /// stream, the hand-off and x's trip to the other core eat the gain. Measured (2 threads against 1): no gain at
    /// 784 × 128 (3.7 µs either way), 1.3× at 512 × 512, 1.7× at 1024 × 1024 (AVX2); on Zen 5 with the 512-bit loop,
    /// splitting 784 × 128 (a threshold of 2¹⁵) gave predict1-bf16 1.57 µs against 1.58 µs.
    /// </summary>
    private const long ParallelThreshold = 1L << 17;

    [ThreadStatic]
    private static SplitProduct? split;

    private readonly uint[] packed;
    private readonly float[] bias;

    /// <summary>Packs W (n × k, row-major) rounded to bfloat16, and keeps b (n) as floats.</summary>
    public BFloat16Dense(ReadOnlySpan<float> w, ReadOnlySpan<float> b, int n, int k)
    {
        Rows = n;
        Columns = k;
        PaddedColumns = RoundUp(k);
        var paddedRows = RoundUp(n);
        packed = CacheAligned<uint>.Allocate(paddedRows * PaddedColumns / 2);
        bias = b.ToArray();
        var index = CacheAligned<uint>.Start(packed);
        for (var block = 0; block < paddedRows; block += Block)
        {
            for (var chunk = 0; chunk < PaddedColumns; chunk += Block)
            {
                for (var pair = block; pair < block + Block; pair += 2)
                {
                    for (var column = chunk; column < chunk + Block; column++)
                    {
                        uint upper = Weight(w, pair, column), lower = Weight(w, pair + 1, column);
                        packed[index++] = (upper << 16) | lower;
                    }
                }
            }
        }

        ushort Weight(ReadOnlySpan<float> w, int row, int column) =>
            row < n && column < k ? BFloat16.Round(w[(row * k) + column]) : (ushort)0;
    }

    /// <summary>The layer's outputs n.</summary>
    public int Rows { get; }

    /// <summary>The layer's inputs k.</summary>
    public int Columns { get; }

    /// <summary>k rounded up to whole chunks: the length of the input <see cref="Forward"/> reads, zeros past k.</summary>
    public int PaddedColumns { get; }

    /// <summary>
    /// z = W · x + b, where x has <see cref="PaddedColumns"/> elements (zeros past <see cref="Columns"/>) and z has
    /// <see cref="Rows"/>. A large layer is split by row blocks over the workers, unless other predictions are running;
    /// each row is computed the same way wherever it runs, so the bits do not depend on the split.
    /// </summary>
    public void Forward(ReadOnlySpan<float> x, Span<float> z)
    {
        if (x.Length != PaddedColumns || z.Length != Rows)
        {
            throw new InvalidOperationException($"A bfloat16 layer of {Rows} × {Columns} was given {x.Length} inputs and {z.Length} outputs.");
        }

        var blocks = RoundUp(Rows) / Block;
        fixed (uint* w = &packed[CacheAligned<uint>.Start(packed)])
        fixed (float* xp = x, bp = bias, zp = z)
        {
            if ((long)Rows * Columns >= ParallelThreshold && blocks >= 2 && WorkerPool.Parallelism > 1 && !WorkerPool.SeveralPredictionsRunning)
            {
                split ??= new SplitProduct();
                if (split.TryRun(this, w, xp, bp, zp, blocks))
                {
                    return;
                }
            }

            Blocks(w, xp, bp, zp, 0, blocks);
        }
    }

    private static int RoundUp(int count) => (count + Block - 1) / Block * Block;

    /// <summary>Row blocks [first, end).</summary>
    private void Blocks(uint* w, float* x, float* b, float* z, int first, int end)
    {
        var chunks = PaddedColumns / Block;
        for (var block = first; block < end; block++)
        {
            var rows = w + ((nint)block * chunks * (Block * Block / 2));
            Sums sums;
            if (Vector512.IsHardwareAccelerated)
            {
                Eight512(rows, x, chunks, out sums);
            }
            else if (Vector256.IsHardwareAccelerated)
            {
                Eight<Vector256<float>, Lanes256>(rows, x, chunks, out sums);
            }
            else
            {
                Eight<Vector128<float>, Lanes128>(rows, x, chunks, out sums);
            }

            var row = block * Block;
            var count = Math.Min(Block, Rows - row);
            for (var r = 0; r < count; r++)
            {
                z[row + r] = b[row + r] + sums[r];
            }
        }
    }

    /// <summary>
    /// The eight dot products of one row block with x, each summed in one vector accumulator: a chunk at a time in 256-bit
    /// vectors, or as two halves in 128-bit ones where 256-bit vectors are emulated (ARM64, x86 without AVX2).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Eight<TVector, TLanes>(uint* w, float* x, int chunks, out Sums sums)
        where TVector : struct
        where TLanes : struct, IPairLanes<TVector>
    {
        sums = default;
        TVector c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default, c6 = default, c7 = default;
        for (var chunk = 0; chunk < chunks; chunk++, w += Block * Block / 2, x += Block)
        {
            for (var part = 0; part < Block; part += TLanes.Count)
            {
                var v = TLanes.Load(x + part);
                var (row0, row1) = TLanes.Widen(w + part);
                c0 = TLanes.MultiplyAdd(row0, v, c0);
                c1 = TLanes.MultiplyAdd(row1, v, c1);
                (row0, row1) = TLanes.Widen(w + Block + part);
                c2 = TLanes.MultiplyAdd(row0, v, c2);
                c3 = TLanes.MultiplyAdd(row1, v, c3);
                (row0, row1) = TLanes.Widen(w + (2 * Block) + part);
                c4 = TLanes.MultiplyAdd(row0, v, c4);
                c5 = TLanes.MultiplyAdd(row1, v, c5);
                (row0, row1) = TLanes.Widen(w + (3 * Block) + part);
                c6 = TLanes.MultiplyAdd(row0, v, c6);
                c7 = TLanes.MultiplyAdd(row1, v, c7);
            }
        }

        sums[0] = TLanes.Sum(c0);
        sums[1] = TLanes.Sum(c1);
        sums[2] = TLanes.Sum(c2);
        sums[3] = TLanes.Sum(c3);
        sums[4] = TLanes.Sum(c4);
        sums[5] = TLanes.Sum(c5);
        sums[6] = TLanes.Sum(c6);
        sums[7] = TLanes.Sum(c7);
    }

    /// <summary>
    /// <see cref="Eight{TVector, TLanes}"/> in 512-bit vectors: a load holds two pairs of rows at a chunk's eight columns,
    /// so an accumulator holds two rows, one per half, against x's eight columns repeated in both halves. Even and odd
    /// chunks have accumulators of their own, added at the end, so that eight multiply-adds are in flight: with one
    /// set, each waits for the last, and the loop ran no faster than the 256-bit one.
    /// </summary>
    /// <remarks>
    /// x is loaded sixteen columns at a time and each half repeated by a shuffle. A broadcast load would do it in one
    /// instruction, but .NET 10.0's JIT encodes Avx512F.BroadcastVector256ToVector512 at an address with a displacement
    /// wrongly (x + 8 floats read x + 16), and Vector512.Create(Vector256) compiles to two inserts that chain from one
    /// iteration to the next (the loop ran 2.3× slower than the 256-bit one).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Eight512(uint* w, float* x, int chunks, out Sums sums)
    {
        sums = default;
        var upperHalves = Vector512.Create(0xFFFF0000u);
        Vector512<float> even02 = default, even13 = default, even46 = default, even57 = default;
        Vector512<float> odd02 = default, odd13 = default, odd46 = default, odd57 = default;
        var chunk = 0;
        for (; chunk + 1 < chunks; chunk += 2, w += Block * Block, x += 2 * Block)
        {
            var columns = Vector512.Load(x);
            Accumulate(w, Avx512F.Shuffle4x128(columns, columns, 0b01_00_01_00), ref even02, ref even13, ref even46, ref even57);
            Accumulate(w + (Block * Block / 2), Avx512F.Shuffle4x128(columns, columns, 0b11_10_11_10), ref odd02, ref odd13, ref odd46, ref odd57);
        }

        if (chunk < chunks)
        {
            Accumulate(w, Vector512.Create(Vector256.Load(x)), ref even02, ref even13, ref even46, ref even57);
        }

        (even02, even13, even46, even57) = (even02 + odd02, even13 + odd13, even46 + odd46, even57 + odd57);
        sums[0] = Vector256.Sum(even02.GetLower());
        sums[1] = Vector256.Sum(even13.GetLower());
        sums[2] = Vector256.Sum(even02.GetUpper());
        sums[3] = Vector256.Sum(even13.GetUpper());
        sums[4] = Vector256.Sum(even46.GetLower());
        sums[5] = Vector256.Sum(even57.GetLower());
        sums[6] = Vector256.Sum(even46.GetUpper());
        sums[7] = Vector256.Sum(even57.GetUpper());

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        void Accumulate(uint* w, Vector512<float> v, ref Vector512<float> c02, ref Vector512<float> c13, ref Vector512<float> c46, ref Vector512<float> c57)
        {
            var lanes = Vector512.Load(w);
            c02 = Vector512.MultiplyAddEstimate((lanes & upperHalves).AsSingle(), v, c02);
            c13 = Vector512.MultiplyAddEstimate((lanes << 16).AsSingle(), v, c13);
            lanes = Vector512.Load(w + (2 * Block));
            c46 = Vector512.MultiplyAddEstimate((lanes & upperHalves).AsSingle(), v, c46);
            c57 = Vector512.MultiplyAddEstimate((lanes << 16).AsSingle(), v, c57);
        }
    }

    /// <summary>The vector operations of <see cref="Eight{TVector, TLanes}"/> at one width; the JIT compiles one copy per width.</summary>
    private interface IPairLanes<TVector>
        where TVector : struct
    {
        /// <summary>Columns per vector.</summary>
        static abstract int Count { get; }

        static abstract TVector Load(float* source);

        /// <summary>The two rows whose bfloat16 weights share the lanes at <paramref name="pairs"/>, as floats.</summary>
        static abstract (TVector Upper, TVector Lower) Widen(uint* pairs);

        static abstract TVector MultiplyAdd(TVector a, TVector b, TVector c);

        static abstract float Sum(TVector lanes);
    }

    private readonly struct Lanes256 : IPairLanes<Vector256<float>>
    {
        public static int Count => Vector256<float>.Count;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Load(float* source) => Vector256.Load(source);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static (Vector256<float> Upper, Vector256<float> Lower) Widen(uint* pairs)
        {
            var lanes = Vector256.Load(pairs);
            return ((lanes & Vector256.Create(0xFFFF0000u)).AsSingle(), (lanes << 16).AsSingle());
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Vector256.MultiplyAddEstimate(a, b, c);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Sum(Vector256<float> lanes) => Vector256.Sum(lanes);
    }

    private readonly struct Lanes128 : IPairLanes<Vector128<float>>
    {
        public static int Count => Vector128<float>.Count;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Load(float* source) => Vector128.Load(source);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static (Vector128<float> Upper, Vector128<float> Lower) Widen(uint* pairs)
        {
            var lanes = Vector128.Load(pairs);
            return ((lanes & Vector128.Create(0xFFFF0000u)).AsSingle(), (lanes << 16).AsSingle());
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> MultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c) => Vector128.MultiplyAddEstimate(a, b, c);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Sum(Vector128<float> lanes) => Vector128.Sum(lanes);
    }

    [InlineArray(Block)]
    private struct Sums
    {
        private float element;
    }

    /// <summary>The row blocks cut into equal runs, one per thread; the cut depends only on the block count and the thread count.</summary>
    private sealed class SplitProduct : ParallelWork
    {
        private BFloat16Dense? layer;
        private uint* w;
        private float* x, b, z;
        private int blocks, parts;

        public bool TryRun(BFloat16Dense layer, uint* w, float* x, float* b, float* z, int blocks)
        {
            this.layer = layer;
            this.w = w;
            this.x = x;
            this.b = b;
            this.z = z;
            this.blocks = blocks;
            parts = Math.Min(WorkerPool.Parallelism, blocks);
            var ran = WorkerPool.TryRun(this, parts);
            this.layer = null;
            return ran;
        }

        public override void Run(int part) =>
            layer!.Blocks(w, x, b, z, part * blocks / parts, (part + 1) * blocks / parts);
    }
}

/// <summary>Rounding floats to bfloat16, the upper 16 bits of a float: 8 significant bits, the float's range.</summary>
internal static class BFloat16
{
    /// <summary>
    /// The nearest bfloat16, ties to even (as IEEE 754 rounds), as its 16 bits. Values beyond the largest bfloat16 round to
    /// infinity as a float would; NaN stays NaN (truncating could turn a NaN whose payload is in the lower half into ∞).
    /// </summary>
    public static ushort Round(float value)
    {
        var bits = BitConverter.SingleToUInt32Bits(value);
        if (float.IsNaN(value))
        {
            return (ushort)((bits >> 16) | 0x0040); // keeps the sign, sets the quiet bit
        }

        var tieToEven = 0x7FFFu + ((bits >> 16) & 1);
        return (ushort)((bits + tieToEven) >> 16);
    }
}
