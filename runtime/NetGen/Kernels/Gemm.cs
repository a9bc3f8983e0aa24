using System;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace NetGen.CompilerServices;

/// <summary>
/// A matrix read through strides: element (row, column) is at Origin[row · RowStride + column · ColumnStride]. A
/// row-major matrix has strides (columns, 1); its transpose, read in place, has strides (1, columns).
/// </summary>
internal readonly unsafe struct StridedMatrix<T>(T* origin, nint rowStride, nint columnStride)
    where T : unmanaged
{
    public T* Origin { get; } = origin;

    public nint RowStride { get; } = rowStride;

    public nint ColumnStride { get; } = columnStride;

    /// <summary>The address of element (row, column).</summary>
    public T* At(nint row, nint column) => Origin + (row * RowStride) + (column * ColumnStride);
}

/// <summary>
/// One product C = scale · L · R (+ bias broadcast over the columns), with L rows × depth, R depth × columns and C
/// row-major rows × columns, <see cref="OutputStride"/> elements between its rows.
/// </summary>
internal readonly unsafe struct GemmProblem<T>(StridedMatrix<T> left, StridedMatrix<T> right, T* output, nint outputStride, T* bias, T scale, int rows, int columns, int depth)
    where T : unmanaged
{
    public StridedMatrix<T> Left { get; } = left;

    public StridedMatrix<T> Right { get; } = right;

    public T* Output { get; } = output;

    public nint OutputStride { get; } = outputStride;

    /// <summary>One value per row of C, or null.</summary>
    public T* Bias { get; } = bias;

    public T Scale { get; } = scale;

    public int Rows { get; } = rows;

    public int Columns { get; } = columns;

    public int Depth { get; } = depth;

    /// <summary>The same product restricted to rows [start, start + count) of C.</summary>
    public GemmProblem<T> RowRange(int start, int count) => new(
        new StridedMatrix<T>(Left.At(start, 0), Left.RowStride, Left.ColumnStride), Right, Output + (start * OutputStride), OutputStride,
        Bias == null ? null : Bias + start, Scale, count, Columns, Depth);

    /// <summary>The same product restricted to columns [start, start + count) of C.</summary>
    public GemmProblem<T> ColumnRange(int start, int count) => new(
        Left, new StridedMatrix<T>(Right.At(0, start), Right.RowStride, Right.ColumnStride), Output + start, OutputStride,
        Bias, Scale, Rows, count, Depth);
}

/// <summary>
/// Blocked matrix product in the manner of BLIS/GotoBLAS. The depth is cut into slices of <see cref="DepthBlock"/>;
/// for each slice a block of L is packed into micro-panels of <see cref="MicroKernel{T}.Rows"/> rows and a block of R
/// (sized for the L2 cache) into micro-panels of <see cref="MicroKernel{T}.Columns"/> columns, and the micro-kernel
/// sweeps the R micro-panels with one L micro-panel held in L1. <see cref="Packing{T}"/> reads the operands through their strides, so
/// transposed operands are never materialized. Large products are split into disjoint blocks of C run on the
/// <see cref="WorkerPool"/>. Every element of C is summed in the same order whatever the split, so results are
/// bit-identical run to run and for any number of threads.
/// </summary>
internal static unsafe class Gemm<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Depth slice: long enough to amortize loading the output tile, short enough for an L micro-panel to stay in L1.</summary>
    private const int DepthBlock = 256;

    /// <summary>
    /// Products with fewer multiply-adds (about 10 µs on one core) run on the calling thread only: below it, handing
    /// half to a worker, even a spinning one, gains too little.
    /// </summary>
    private const long ParallelThreshold = 1L << 19;

    /// <summary>Columns of R packed at once: DepthBlock × this fills half of a 1 MB L2 cache.</summary>
    private static int ColumnBlock => (512 * 1024) / (DepthBlock * Unsafe.SizeOf<T>());

    /// <summary>Rows of L packed at once.</summary>
    private static int RowBlock => MicroKernel<T>.Rows * 128;

    /// <summary>The split of the current thread's product, reused so that a run allocates nothing.</summary>
    [ThreadStatic]
    private static SplitProduct? split;

    /// <summary>Packing buffers of the current thread, pinned so that their addresses stay valid.</summary>
    [ThreadStatic]
    private static T[]? leftPanels, rightPanels;

    /// <summary>Computes <paramref name="problem"/>, splitting it over the worker threads when it is large.</summary>
    public static void Multiply(in GemmProblem<T> problem)
    {
        var macs = (long)problem.Rows * problem.Columns * problem.Depth;
        if (macs >= ParallelThreshold && WorkerPool.Parallelism > 1)
        {
            split ??= new SplitProduct();
            if (split.TryRun(problem, WorkerPool.Parallelism))
            {
                return;
            }
        }

        Serial(problem);
    }

    /// <summary>
    /// Products of at most this many rows read a row-major right operand in place instead of packing it: each of its
    /// values is used by only a few row tiles, too few to repay copying it (the input layer of a narrow network, whose
    /// X is megabytes, is the case in point).
    /// </summary>
    private static int InPlaceRightRows => 4 * MicroKernel<T>.Rows;

    /// <summary>Computes <paramref name="problem"/> on the calling thread.</summary>
    private static void Serial(in GemmProblem<T> problem)
    {
        // Pinned (they are large), since the micro-kernel reads them through raw pointers.
        Debug.Assert(CacheAligned<T>.Pins(RowBlock * DepthBlock) && CacheAligned<T>.Pins(DepthBlock * ColumnBlock));
        leftPanels ??= CacheAligned<T>.Allocate(RowBlock * DepthBlock);
        rightPanels ??= CacheAligned<T>.Allocate(DepthBlock * ColumnBlock);
        var left = (T*)Unsafe.AsPointer(ref leftPanels[CacheAligned<T>.Start(leftPanels)]);
        var packed = (T*)Unsafe.AsPointer(ref rightPanels[CacheAligned<T>.Start(rightPanels)]);
        var inPlace = problem.Right.ColumnStride == 1 && problem.Rows <= InPlaceRightRows;

        // Edge tiles are computed here and copied out, so the micro-kernel always works on full tiles.
        var edge = stackalloc T[MicroKernel<T>.Rows * MicroKernel<T>.Columns];
        var edgeBias = stackalloc T[MicroKernel<T>.Rows];

        for (var row = 0; row < problem.Rows; row += RowBlock)
        {
            var rows = Math.Min(RowBlock, problem.Rows - row);
            for (var depth = 0; depth < problem.Depth; depth += DepthBlock)
            {
                var depths = Math.Min(DepthBlock, problem.Depth - depth);
                Packing<T>.PackLeft(problem.Left, row, rows, depth, depths, left);
                for (var column = 0; column < problem.Columns; column += ColumnBlock)
                {
                    var columns = Math.Min(ColumnBlock, problem.Columns - column);
                    var right = inPlace
                        ? RightBlock.InPlace(problem.Right, depth, depths, column, columns, packed)
                        : RightBlock.Packed(problem.Right, depth, depths, column, columns, packed);
                    var output = problem.Output + (row * problem.OutputStride) + column;
                    var bias = problem.Bias == null ? null : problem.Bias + row;
                    Sweep(left, right, rows, columns, depths, output, problem.OutputStride, bias, problem.Scale, depth > 0, edge, edgeBias);
                }
            }
        }
    }

    /// <summary>Runs the micro-kernel over every tile of one block.</summary>
    private static void Sweep(T* left, in RightBlock right, int rows, int columns, int depth, T* output, nint stride, T* bias, T scale, bool accumulate, T* edge, T* edgeBias)
    {
        var mr = MicroKernel<T>.Rows;
        var nr = MicroKernel<T>.Columns;
        for (var i = 0; i < rows; i += mr)
        {
            var height = Math.Min(mr, rows - i);
            var panel = left + (i * depth);
            var tileBias = bias == null ? null : bias + i;
            if (tileBias != null && height < mr)
            {
                // The kernel reads a bias value for every tile row: give it a full set.
                new ReadOnlySpan<T>(tileBias, height).CopyTo(new Span<T>(edgeBias, mr));
                tileBias = edgeBias;
            }

            for (var j = 0; j < columns; j += nr)
            {
                var width = Math.Min(nr, columns - j);
                var rightPanel = right.Panel(j, width < nr, out var rightStride);
                var tile = output + (i * stride) + j;
                if (height == mr && width == nr)
                {
                    MicroKernel<T>.Run(depth, panel, rightPanel, rightStride, tile, stride, scale, tileBias, accumulate, height);
                    continue;
                }

                if (accumulate)
                {
                    Copy(tile, stride, edge, nr, height, width);
                }

                MicroKernel<T>.Run(depth, panel, rightPanel, rightStride, edge, nr, scale, tileBias, accumulate, height);
                Copy(edge, nr, tile, stride, height, width);
            }
        }
    }

    /// <summary>
    /// A depth slice × column block of the right operand as the micro-kernel reads it: NR-column panels, either packed
    /// (NR values per depth step, panel after panel) or, for a row-major operand of a product with few rows, read in
    /// place through the operand's row stride. A partial last panel is always packed, since reading a full NR values
    /// in place would run past the operand's last row.
    /// </summary>
    private readonly struct RightBlock
    {
        private readonly T* origin;
        private readonly nint depthStride;
        private readonly nint panelStride;
        private readonly T* edgePanel;

        private RightBlock(T* origin, nint depthStride, nint panelStride, T* edgePanel)
        {
            this.origin = origin;
            this.depthStride = depthStride;
            this.panelStride = panelStride;
            this.edgePanel = edgePanel;
        }

        public static RightBlock Packed(in StridedMatrix<T> source, int depth, int depths, int column, int columns, T* buffer)
        {
            Packing<T>.PackRight(source, depth, depths, column, columns, buffer);
            return new RightBlock(buffer, MicroKernel<T>.Columns, depths * (nint)MicroKernel<T>.Columns, null);
        }

        public static RightBlock InPlace(in StridedMatrix<T> source, int depth, int depths, int column, int columns, T* buffer)
        {
            var nr = MicroKernel<T>.Columns;
            var full = columns / nr * nr;
            if (full < columns)
            {
                Packing<T>.PackRight(source, depth, depths, column + full, columns - full, buffer);
            }

            return new RightBlock(source.At(depth, column), source.RowStride, nr, buffer);
        }

        /// <summary>The panel of columns [j, j + NR), and in <paramref name="stride"/> the distance between its depth steps.</summary>
        public T* Panel(int j, bool partial, out nint stride)
        {
            if (edgePanel != null && partial)
            {
                stride = MicroKernel<T>.Columns;
                return edgePanel;
            }

            stride = depthStride;
            return origin + (j / MicroKernel<T>.Columns * panelStride);
        }
    }

    /// <summary>Copies a rows × columns block between row-major storages.</summary>
    private static void Copy(T* source, nint sourceStride, T* destination, nint destinationStride, int rows, int columns)
    {
        for (var r = 0; r < rows; r++)
        {
            new ReadOnlySpan<T>(source + (r * sourceStride), columns).CopyTo(new Span<T>(destination + (r * destinationStride), columns));
        }
    }

    /// <summary>
    /// A product cut into equal runs of whole tiles along its longer dimension (in tiles), one run per thread. The
    /// cut depends only on the shape and the thread count.
    /// </summary>
    private sealed class SplitProduct : ParallelWork
    {
        private GemmProblem<T> problem;
        private bool byRows;
        private int parts;

        public bool TryRun(in GemmProblem<T> product, int threads)
        {
            var rowTiles = (product.Rows + MicroKernel<T>.Rows - 1) / MicroKernel<T>.Rows;
            var columnTiles = (product.Columns + MicroKernel<T>.Columns - 1) / MicroKernel<T>.Columns;
            problem = product;
            byRows = rowTiles >= columnTiles;
            parts = Math.Min(threads, Math.Max(rowTiles, columnTiles));
            return parts > 1 && WorkerPool.TryRun(this, parts);
        }

        public override void Run(int part)
        {
            var (tile, extent) = byRows ? (MicroKernel<T>.Rows, problem.Rows) : (MicroKernel<T>.Columns, problem.Columns);
            var tiles = (extent + tile - 1) / tile;
            var start = part * tiles / parts * tile;
            var end = Math.Min((part + 1) * tiles / parts * tile, extent);
            Serial(byRows ? problem.RowRange(start, end - start) : problem.ColumnRange(start, end - start));
        }
    }
}
