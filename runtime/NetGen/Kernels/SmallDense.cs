using System;
using System.ComponentModel;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NetGen.CompilerServices;

/// <summary>
/// The forward and backward steps of a small dense layer (the generator's cut-over, chosen by measurement: at most
/// 4,096 weights in float, 2,048 in double; tests/NetGen.Benchmarks/SmallLayerBenchmarks.cs), fused and blocked over the columns (the examples) instead of run as separate
/// whole-matrix passes. A general product of a small layer is mostly overhead: its rows are too short to repay packing,
/// and every pass (product, bias, activation, derivative) streams all m columns through memory again. Here one pass
/// over a strip of columns (two vectors of the widest lanes, <see cref="Widest{T}"/>) does it all while the strip is in
/// the first-level cache:
/// <list type="bullet">
/// <item>forward, Z = W · A + b, four rows × two vectors of columns at a time with the bias as the accumulators' start,
/// then A' = g(Z) over the strip;</item>
/// <item>backward, over blocks of columns, dW = (1/m) dZ · Aᵀ and db = (1/m) Σ dZ as per-block partial sums, and
/// dZ[l-1] = (Wᵀ · dZ) ⊙ g'[l-1] fused with the previous layer's activation, so dA[l-1] never leaves the strip.</item>
/// </list>
/// Every column takes the same sequence of operations wherever it lies (the last, partial strip runs on a zero-padded
/// copy), and the blocks and the order their partial sums are added in depend on m alone: the results are the same
/// bits for any number of threads. Large batches split their strips or blocks over <see cref="WorkerPool"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static unsafe class SmallDense
{
    /// <summary>Below this many multiply-adds a layer runs on the calling thread: a hand-off to the workers costs more.</summary>
    private const long ParallelThreshold = 1L << 17;

    /// <summary>The fewest columns in a block of the backward step: enough to amortize the horizontal sums of dW.</summary>
    private const int MinimumBlockColumns = 1024;

    /// <summary>The most blocks a backward step uses (wider blocks beyond), which bounds the partial sums it keeps.</summary>
    private const int MaximumBlocks = 64;

    /// <summary>The most bytes of results a chunk of strips leaves for the activation's pass (<see cref="ChunkColumns"/>).</summary>
    private const int ChunkBytes = 16 * 1024;

    /// <summary>The columns of a strip: two vectors of the widest lanes.</summary>
    private static int StripColumns<T>()
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => 2 * Widest<T>.Count;

    /// <summary>Z = W · A + b and <paramref name="output"/> = g(Z) in one pass; <paramref name="output"/> may be Z.</summary>
    /// <param name="W">The weights, n × k.</param>
    /// <param name="A">The layer's input, k × m.</param>
    /// <param name="b">The biases, n × 1.</param>
    /// <param name="Z">Receives W · A + b, n × m.</param>
    /// <param name="output">Receives g(Z), n × m.</param>
    /// <param name="activation">g.</param>
    public static void Forward<T, TActivation>(Matrix<T> W, Matrix<T> A, Matrix<T> b, Matrix<T> Z, Matrix<T> output, TActivation activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TActivation : struct, IElementwiseActivation<T>
    {
        ArgumentNullException.ThrowIfNull(W);
        Shapes.RequireRows(A, W.Columns, nameof(A));
        Shapes.Require(b, W.Rows, 1, nameof(b));
        var m = A.Columns;
        Shapes.Require(Z, W.Rows, m, nameof(Z));
        Shapes.Require(output, W.Rows, m, nameof(output));
        if (m == 1)
        {
            // A single example is a matrix-vector product: a strip would compute 2V − 1 padding columns for nothing.
            Kernels.MultiplyAddBias(W, A, b, Z);
            Activations.Forward(Z, output, activation);
            return;
        }

        var work = ForwardWork<T, TActivation>.ForThisThread;
        work.Set(W, A, b, Z, output, activation);
        try
        {
            Run(work, (m + StripColumns<T>() - 1) / StripColumns<T>(), (long)W.Length * m);
        }
        finally
        {
            work.Clear();
        }
    }

    /// <summary>
    /// The backward step of the first layer, whose input gradient nothing uses: dW = (1/m) dZ · Aᵀ + (λ/m) W and
    /// db = (1/m) Σ dZ over the m columns.
    /// </summary>
    /// <param name="dZ">∂J/∂Z, n × m.</param>
    /// <param name="A">The layer's input, k × m.</param>
    /// <param name="W">The weights, n × k.</param>
    /// <param name="dW">Receives ∂J/∂W, n × k.</param>
    /// <param name="db">Receives ∂J/∂b, n × 1.</param>
    /// <param name="oneOverM">1/m.</param>
    /// <param name="lambdaOverM">λ/m, the L2 weight decay (0 for none).</param>
    public static void Backward<T>(Matrix<T> dZ, Matrix<T> A, Matrix<T> W, Matrix<T> dW, Matrix<T> db, T oneOverM, T lambdaOverM)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        Backward<T, LinearOperator<T>>(dZ, A, W, dW, db, oneOverM, lambdaOverM, null, null, default);

    /// <summary>
    /// The backward step of layer l with the activation step of layer l−1 fused in: dW = (1/m) dZ · Aᵀ + (λ/m) W,
    /// db = (1/m) Σ dZ, and the previous layer's dZ[l-1] = (Wᵀ · dZ) ⊙ g'(input), without storing dA[l-1] = Wᵀ · dZ.
    /// </summary>
    /// <param name="dZ">∂J/∂Z[l], n × m.</param>
    /// <param name="A">The layer's input A[l-1], k × m.</param>
    /// <param name="W">The weights, n × k.</param>
    /// <param name="dW">Receives ∂J/∂W, n × k.</param>
    /// <param name="db">Receives ∂J/∂b, n × 1.</param>
    /// <param name="oneOverM">1/m.</param>
    /// <param name="lambdaOverM">λ/m, the L2 weight decay (0 for none).</param>
    /// <param name="activationInput">What g'[l-1] reads: Z[l-1], or A[l-1] for the activations whose derivative is taken from their output.</param>
    /// <param name="previousGradient">Receives ∂J/∂Z[l-1], k × m.</param>
    /// <param name="activation">g[l-1].</param>
    public static void Backward<T, TActivation>(
        Matrix<T> dZ, Matrix<T> A, Matrix<T> W, Matrix<T> dW, Matrix<T> db, T oneOverM, T lambdaOverM,
        Matrix<T>? activationInput, Matrix<T>? previousGradient, TActivation activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TActivation : struct, IElementwiseActivation<T>
    {
        ArgumentNullException.ThrowIfNull(W);
        Shapes.RequireRows(dZ, W.Rows, nameof(dZ));
        var m = dZ.Columns;
        Shapes.Require(A, W.Columns, m, nameof(A));
        Shapes.Require(dW, W.Rows, W.Columns, nameof(dW));
        Shapes.Require(db, W.Rows, 1, nameof(db));
        if (activationInput is not null || previousGradient is not null)
        {
            Shapes.Require(activationInput!, W.Columns, m, nameof(activationInput));
            Shapes.Require(previousGradient!, W.Columns, m, nameof(previousGradient));
        }

        var blockColumns = BlockColumns<T>(m);
        var blocks = (m + blockColumns - 1) / blockColumns;
        var work = BackwardWork<T, TActivation>.ForThisThread;
        work.Set(dZ, A, W, activationInput, previousGradient, activation, blockColumns, Scratch<T>.Partials(blocks * (W.Length + W.Rows)));
        try
        {
            var multiplyAdds = (long)W.Length * m * (previousGradient is null ? 1 : 2);
            Run(work, blocks, multiplyAdds);
            work.Reduce(blocks, dW.AsSpan(), db.AsSpan(), oneOverM);
        }
        finally
        {
            work.Clear();
        }

        Regularization.AddWeightDecay(dW, W, lambdaOverM);
    }

    /// <summary>
    /// The columns of each block of the backward step for m examples: at least <see cref="MinimumBlockColumns"/>, wider
    /// when that would make more than <see cref="MaximumBlocks"/>, and a whole number of strips.
    /// </summary>
    private static int BlockColumns<T>(int m)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var strip = StripColumns<T>();
        var columns = Math.Max(MinimumBlockColumns, (m + MaximumBlocks - 1) / MaximumBlocks);
        return (columns + strip - 1) / strip * strip;
    }

    /// <summary>Runs units 0 … <paramref name="units"/> − 1 of <paramref name="work"/>, split over the workers when it pays.</summary>
    private static void Run(ColumnWork work, int units, long multiplyAdds)
    {
        var parts = Math.Min(WorkerPool.Parallelism, units);
        work.Split(units, parts);
        if (parts >= 2 && multiplyAdds >= ParallelThreshold && !WorkerPool.SeveralPredictionsRunning && WorkerPool.TryRun(work, parts))
        {
            return;
        }

        work.RunUnits(0, units);
    }

    /// <summary>
    /// output row r = init[r] (or 0) + Σ_q c[r · rowStride + q · depthStride] · source row q, for the two vectors of
    /// columns at <paramref name="source"/>: Z = W · A + b with c = W, or Wᵀ · dZ with c = W read down its columns.
    /// Four rows at a time (eight accumulators, each source vector loaded once for four rows), then one at a time; both
    /// add the terms in the same order, so a row's result does not depend on which loop computed it.
    /// </summary>
    // Inlined into the loop over strips: Native AOT, which has no profile to go by, left it a call per strip.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Strip<T, TVector, TLanes, TStore>(T* c, nint rowStride, nint depthStride, T* init, T* source, nint sourceStride, int rows, int depth, ref TStore store)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TVector : struct
        where TLanes : struct, IElementwiseLanes<T, TVector>
        where TStore : struct, IStripStore<T, TVector>
    {
        var width = TLanes.Count;
        var r = 0;
        for (; r <= rows - 4; r += 4)
        {
            T* c0 = c + (r * rowStride), c1 = c0 + rowStride, c2 = c1 + rowStride, c3 = c2 + rowStride;
            TVector x00 = Start<T, TVector, TLanes>(init, r), x10 = Start<T, TVector, TLanes>(init, r + 1), x20 = Start<T, TVector, TLanes>(init, r + 2), x30 = Start<T, TVector, TLanes>(init, r + 3);
            TVector x01 = x00, x11 = x10, x21 = x20, x31 = x30;
            var s = source;
            for (nint q = 0; q < depth; q++, s += sourceStride)
            {
                var left = TLanes.Load(s);
                var right = TLanes.Load(s + width);
                var offset = q * depthStride;
                var w = TLanes.Create(c0[offset]);
                x00 = TLanes.Fma(w, left, x00);
                x01 = TLanes.Fma(w, right, x01);
                w = TLanes.Create(c1[offset]);
                x10 = TLanes.Fma(w, left, x10);
                x11 = TLanes.Fma(w, right, x11);
                w = TLanes.Create(c2[offset]);
                x20 = TLanes.Fma(w, left, x20);
                x21 = TLanes.Fma(w, right, x21);
                w = TLanes.Create(c3[offset]);
                x30 = TLanes.Fma(w, left, x30);
                x31 = TLanes.Fma(w, right, x31);
            }

            store.Store<TLanes>(r, x00, x01);
            store.Store<TLanes>(r + 1, x10, x11);
            store.Store<TLanes>(r + 2, x20, x21);
            store.Store<TLanes>(r + 3, x30, x31);
        }

        StripRows<T, TVector, TLanes, TStore>(c, rowStride, depthStride, init, source, sourceStride, r, rows, depth, ref store);
    }

    /// <summary>Rows <paramref name="first"/> to <paramref name="rows"/> − 1 of <see cref="Strip"/>, one at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StripRows<T, TVector, TLanes, TStore>(T* c, nint rowStride, nint depthStride, T* init, T* source, nint sourceStride, int first, int rows, int depth, ref TStore store)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TVector : struct
        where TLanes : struct, IElementwiseLanes<T, TVector>
        where TStore : struct, IStripStore<T, TVector>
    {
        var width = TLanes.Count;
        for (var r = first; r < rows; r++)
        {
            var cr = c + (r * rowStride);
            TVector x0 = Start<T, TVector, TLanes>(init, r), x1 = x0;
            var s = source;
            for (nint q = 0; q < depth; q++, s += sourceStride)
            {
                var w = TLanes.Create(cr[q * depthStride]);
                x0 = TLanes.Fma(w, TLanes.Load(s), x0);
                x1 = TLanes.Fma(w, TLanes.Load(s + width), x1);
            }

            store.Store<TLanes>(r, x0, x1);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector Start<T, TVector, TLanes>(T* init, int row)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TVector : struct
        where TLanes : struct, IElementwiseLanes<T, TVector> =>
        init is null ? default : TLanes.Create(init[row]);

    /// <summary>
    /// products[i · k + p] += Σ_j dz[i, j] · a[p, j] and sums[i] += Σ_j dz[i, j] over <paramref name="columns"/> columns
    /// (a whole number of vectors): one block's share of dW and db, each accumulated in vectors across the block and
    /// summed horizontally once. Tiles of four rows of dz × two rows of a; an odd last row of a is paired with itself.
    /// </summary>
    private static void AccumulateBlock<T, TVector, TLanes>(T* dz, T* a, nint stride, int columns, int n, int k, T* products, T* sums)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TVector : struct
        where TLanes : struct, ILanes<T, TVector>
    {
        var width = TLanes.Count;
        var i = 0;
        for (; i <= n - 4; i += 4)
        {
            T* d0 = dz + (i * stride), d1 = d0 + stride, d2 = d1 + stride, d3 = d2 + stride;
            for (var p = 0; p < k; p += 2)
            {
                var p1 = Math.Min(p + 1, k - 1);
                T* a0 = a + (p * stride), a1 = a + (p1 * stride);
                TVector x00 = default, x01 = default, x10 = default, x11 = default, x20 = default, x21 = default, x30 = default, x31 = default;
                for (nint j = 0; j < columns; j += width)
                {
                    var left = TLanes.Load(a0 + j);
                    var right = TLanes.Load(a1 + j);
                    var d = TLanes.Load(d0 + j);
                    x00 = TLanes.Fma(d, left, x00);
                    x01 = TLanes.Fma(d, right, x01);
                    d = TLanes.Load(d1 + j);
                    x10 = TLanes.Fma(d, left, x10);
                    x11 = TLanes.Fma(d, right, x11);
                    d = TLanes.Load(d2 + j);
                    x20 = TLanes.Fma(d, left, x20);
                    x21 = TLanes.Fma(d, right, x21);
                    d = TLanes.Load(d3 + j);
                    x30 = TLanes.Fma(d, left, x30);
                    x31 = TLanes.Fma(d, right, x31);
                }

                AddPair<T, TVector, TLanes>(products + (i * k), p, p1, x00, x01);
                AddPair<T, TVector, TLanes>(products + ((i + 1) * k), p, p1, x10, x11);
                AddPair<T, TVector, TLanes>(products + ((i + 2) * k), p, p1, x20, x21);
                AddPair<T, TVector, TLanes>(products + ((i + 3) * k), p, p1, x30, x31);
            }
        }

        for (; i < n; i++)
        {
            var di = dz + (i * stride);
            var p = 0;

            // Four rows of A at a time while they last (four chains of multiply-adds, as the tile above has eight), then pairs.
            for (; p <= k - 4; p += 4)
            {
                T* a0 = a + (p * stride), a1 = a0 + stride, a2 = a1 + stride, a3 = a2 + stride;
                TVector x0 = default, x1 = default, x2 = default, x3 = default;
                for (nint j = 0; j < columns; j += width)
                {
                    var d = TLanes.Load(di + j);
                    x0 = TLanes.Fma(d, TLanes.Load(a0 + j), x0);
                    x1 = TLanes.Fma(d, TLanes.Load(a1 + j), x1);
                    x2 = TLanes.Fma(d, TLanes.Load(a2 + j), x2);
                    x3 = TLanes.Fma(d, TLanes.Load(a3 + j), x3);
                }

                AddPair<T, TVector, TLanes>(products + (i * k), p, p + 1, x0, x1);
                AddPair<T, TVector, TLanes>(products + (i * k), p + 2, p + 3, x2, x3);
            }

            for (; p < k; p += 2)
            {
                var p1 = Math.Min(p + 1, k - 1);
                T* a0 = a + (p * stride), a1 = a + (p1 * stride);
                TVector x0 = default, x1 = default;
                for (nint j = 0; j < columns; j += width)
                {
                    var d = TLanes.Load(di + j);
                    x0 = TLanes.Fma(d, TLanes.Load(a0 + j), x0);
                    x1 = TLanes.Fma(d, TLanes.Load(a1 + j), x1);
                }

                AddPair<T, TVector, TLanes>(products + (i * k), p, p1, x0, x1);
            }
        }

        // db: four rows at a time, so that four chains of additions overlap (one row's chain waits on every add).
        for (i = 0; i <= n - 4; i += 4)
        {
            T* d0 = dz + (i * stride), d1 = d0 + stride, d2 = d1 + stride, d3 = d2 + stride;
            TVector s0 = default, s1 = default, s2 = default, s3 = default;
            for (nint j = 0; j < columns; j += width)
            {
                s0 = TLanes.Add(s0, TLanes.Load(d0 + j));
                s1 = TLanes.Add(s1, TLanes.Load(d1 + j));
                s2 = TLanes.Add(s2, TLanes.Load(d2 + j));
                s3 = TLanes.Add(s3, TLanes.Load(d3 + j));
            }

            sums[i] += TLanes.Sum(s0);
            sums[i + 1] += TLanes.Sum(s1);
            sums[i + 2] += TLanes.Sum(s2);
            sums[i + 3] += TLanes.Sum(s3);
        }

        for (; i < n; i++)
        {
            var di = dz + (i * stride);
            TVector sum = default;
            for (nint j = 0; j < columns; j += width)
            {
                sum = TLanes.Add(sum, TLanes.Load(di + j));
            }

            sums[i] += TLanes.Sum(sum);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddPair<T, TVector, TLanes>(T* row, int p, int p1, TVector first, TVector second)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TVector : struct
        where TLanes : struct, ILanes<T, TVector>
    {
        row[p] += TLanes.Sum(first);
        if (p1 != p)
        {
            row[p1] += TLanes.Sum(second);
        }
    }

    /// <summary>Copies <paramref name="rows"/> rows of <paramref name="count"/> columns into a panel <paramref name="width"/> wide, zero-padded.</summary>
    private static void CopyToPanel<T>(T* source, nint stride, int rows, int count, T* panel, int width)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (var r = 0; r < rows; r++)
        {
            var row = new Span<T>(panel + (r * width), width);
            new ReadOnlySpan<T>(source + (r * stride), count).CopyTo(row);
            row[count..].Clear();
        }
    }

    /// <summary>Copies the first <paramref name="count"/> columns of a panel <paramref name="width"/> wide back into a matrix.</summary>
    private static void CopyFromPanel<T>(T* panel, int rows, int count, T* destination, nint stride, int width)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (var r = 0; r < rows; r++)
        {
            new ReadOnlySpan<T>(panel + (r * width), count).CopyTo(new Span<T>(destination + (r * stride), count));
        }
    }

    /// <summary>
    /// The columns of a chunk: the strips whose products are computed before the activation (or its derivative) is
    /// applied to all of them, at most <see cref="ChunkBytes"/> of results over the layer's rows, so that they are still
    /// in the first-level cache when that pass reads them.
    /// </summary>
    private static int ChunkColumns<T>(int rows, int strip)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        Math.Max(1, ChunkBytes / (rows * Unsafe.SizeOf<T>() * strip)) * strip;

    /// <summary>
    /// output = g(z) over <paramref name="rows"/> rows of <paramref name="columns"/> columns (whole vectors), which a
    /// chunk of strips has just left in the cache; <paramref name="output"/> may be <paramref name="z"/>.
    /// </summary>
    // A call of its own: inlined into the strips' loop, the vector function's constants took the registers the products
    // need (spilled in the innermost loops).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Activate<T, TVector, TLanes, TActivation>(T* z, T* output, nint stride, int rows, int columns, TActivation activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TVector : struct
        where TLanes : struct, IElementwiseLanes<T, TVector>
        where TActivation : struct, IElementwiseActivation<T>
    {
        for (nint r = 0; r < rows; r++)
        {
            T* zRow = z + (r * stride), outputRow = output + (r * stride);
            for (nint j = 0; j < columns; j += TLanes.Count)
            {
                TLanes.Store(activation.Invoke<TVector, TLanes>(TLanes.Load(zRow + j)), outputRow + j);
            }
        }
    }

    /// <summary>gradient = gradient ⊙ g'(input) over <paramref name="rows"/> rows of <paramref name="columns"/> columns, as <see cref="Activate"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void MultiplyByDerivative<T, TVector, TLanes, TActivation>(T* gradient, T* input, nint stride, int rows, int columns, TActivation activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TVector : struct
        where TLanes : struct, IElementwiseLanes<T, TVector>
        where TActivation : struct, IElementwiseActivation<T>
    {
        for (nint r = 0; r < rows; r++)
        {
            T* gradientRow = gradient + (r * stride), inputRow = input + (r * stride);
            for (nint j = 0; j < columns; j += TLanes.Count)
            {
                var derivative = activation.Derivative<TVector, TLanes>(TLanes.Load(inputRow + j));
                TLanes.Store(TLanes.Multiply(TLanes.Load(gradientRow + j), derivative), gradientRow + j);
            }
        }
    }

    /// <summary>Where <see cref="Strip"/> puts each row of its result.</summary>
    private interface IStripStore<T, TVector>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TVector : struct
    {
        void Store<TLanes>(int row, TVector left, TVector right)
            where TLanes : struct, IElementwiseLanes<T, TVector>;
    }

    /// <summary>Z and g(Z), for the forward step.</summary>
    private readonly struct ActivatedStore<T, TVector, TActivation>(T* z, T* output, nint stride, TActivation activation) : IStripStore<T, TVector>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TVector : struct
        where TActivation : struct, IElementwiseActivation<T>
    {
        // Inlined into the strip's loop (Native AOT does not inline it by itself): the activation runs in registers.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Store<TLanes>(int row, TVector left, TVector right)
            where TLanes : struct, IElementwiseLanes<T, TVector>
        {
            var offset = row * stride;
            if (z != output) // when Z is not kept, g(Z) alone is stored in its place
            {
                TLanes.Store(left, z + offset);
                TLanes.Store(right, z + offset + TLanes.Count);
            }

            TLanes.Store(activation.Invoke<TVector, TLanes>(left), output + offset);
            TLanes.Store(activation.Invoke<TVector, TLanes>(right), output + offset + TLanes.Count);
        }
    }

    /// <summary>dZ[l-1] = (Wᵀ · dZ) ⊙ g'(input), for the backward step.</summary>
    private readonly struct GradientStore<T, TVector, TActivation>(T* input, T* gradient, nint stride, TActivation activation) : IStripStore<T, TVector>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TVector : struct
        where TActivation : struct, IElementwiseActivation<T>
    {
        // Inlined into the strip's loop (Native AOT does not inline it by itself): the activation runs in registers.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Store<TLanes>(int row, TVector left, TVector right)
            where TLanes : struct, IElementwiseLanes<T, TVector>
        {
            var offset = row * stride;
            TLanes.Store(TLanes.Multiply(left, activation.Derivative<TVector, TLanes>(TLanes.Load(input + offset))), gradient + offset);
            TLanes.Store(TLanes.Multiply(right, activation.Derivative<TVector, TLanes>(TLanes.Load(input + offset + TLanes.Count))), gradient + offset + TLanes.Count);
        }
    }

    /// <summary>The result itself, for the activation's pass to read.</summary>
    private readonly struct ResultStore<T, TVector>(T* result, nint stride) : IStripStore<T, TVector>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TVector : struct
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Store<TLanes>(int row, TVector left, TVector right)
            where TLanes : struct, IElementwiseLanes<T, TVector>
        {
            var offset = row * stride;
            TLanes.Store(left, result + offset);
            TLanes.Store(right, result + offset + TLanes.Count);
        }
    }

    /// <summary>A layer step over units of columns (strips or blocks), which parts of a parallel run share out.</summary>
    private abstract class ColumnWork : ParallelWork
    {
        private int units;
        private int parts;

        public void Split(int units, int parts)
        {
            this.units = units;
            this.parts = parts;
        }

        public override void Run(int part) => RunUnits(part * units / parts, (part + 1) * units / parts);

        /// <summary>Runs units <paramref name="first"/> to <paramref name="end"/> − 1.</summary>
        public abstract void RunUnits(int first, int end);
    }

    /// <summary>The forward step; a unit is a strip of columns.</summary>
    private sealed class ForwardWork<T, TActivation> : ColumnWork
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TActivation : struct, IElementwiseActivation<T>
    {
        [ThreadStatic]
        private static ForwardWork<T, TActivation>? forThisThread;

        private Matrix<T>? W, A, b, Z, output;
        private TActivation activation;

        /// <summary>The calling thread's instance: a call allocates nothing, and calls on other threads do not share it.</summary>
        public static ForwardWork<T, TActivation> ForThisThread => forThisThread ??= new();

        public void Set(Matrix<T> W, Matrix<T> A, Matrix<T> b, Matrix<T> Z, Matrix<T> output, TActivation activation)
        {
            (this.W, this.A, this.b, this.Z, this.output, this.activation) = (W, A, b, Z, output, activation);
        }

        public void Clear() => (W, A, b, Z, output) = (null, null, null, null, null);

        public override void RunUnits(int first, int end)
        {
            int n = W!.Rows, k = W.Columns, m = A!.Columns, strip = StripColumns<T>();
            Span<T> w = W.AsSpan(), a = A.AsSpan(), bias = b!.AsSpan(), z = Z!.AsSpan(), o = output!.AsSpan();
            DenseProducts.RequireLength(w.Length, n, k);
            DenseProducts.RequireLength(a.Length, k, m);
            DenseProducts.RequireLength(bias.Length, n, 1);
            DenseProducts.RequireLength(z.Length, n, m);
            DenseProducts.RequireLength(o.Length, n, m);
            var fullStrips = m / strip;
            fixed (T* wp = w, ap = a, bp = bias, zp = z, op = o)
            {
                var whole = Math.Max(0, Math.Min(end, fullStrips) - first) * strip;
                if (Widest<T>.Is512)
                {
                    Strips<Vector512<T>, Lanes512<T>>(wp, ap, bp, zp, op, n, k, m, first * strip, whole);
                }
                else
                {
                    Strips<Vector<T>, VectorLanes<T>>(wp, ap, bp, zp, op, n, k, m, first * strip, whole);
                }

                if (end > fullStrips)
                {
                    // The rest, narrower than a strip: whole strips of Vector<T> where that is narrower, then the last,
                    // partial one on a zero-padded copy (the same operations as a whole strip's columns).
                    var column = fullStrips * strip;
                    var narrow = 2 * Vector<T>.Count;
                    var narrowColumns = (m - column) / narrow * narrow;
                    Strips<Vector<T>, VectorLanes<T>>(wp, ap, bp, zp, op, n, k, m, column, narrowColumns);
                    column += narrowColumns;
                    if (column < m)
                    {
                        var count = m - column;
                        fixed (T* panel = Scratch<T>.Panel((k + (2 * n)) * narrow))
                        {
                            T* panelZ = panel + (k * narrow), panelOutput = panelZ + (n * narrow);
                            CopyToPanel(ap + column, m, k, count, panel, narrow);
                            Strips<Vector<T>, VectorLanes<T>>(wp, panel, bp, panelZ, panelOutput, n, k, narrow, 0, narrow);
                            CopyFromPanel(panelZ, n, count, zp + column, m, narrow);
                            CopyFromPanel(panelOutput, n, count, op + column, m, narrow);
                        }
                    }
                }
            }
        }

        /// <summary>Z and g(Z) in columns [column, column + count) of m, a whole number of strips of <typeparamref name="TLanes"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Strips<TVector, TLanes>(T* wp, T* ap, T* bp, T* zp, T* op, int n, int k, int m, int column, int count)
            where TVector : struct
            where TLanes : struct, IElementwiseLanes<T, TVector>
        {
            if (TActivation.InRegisters)
            {
                StripsActivatedInRegisters<TVector, TLanes>(wp, ap, bp, zp, op, n, k, m, column, count);
            }
            else if (n < 4)
            {
                RowsActivatedInRegisters<TVector, TLanes>(wp, ap, bp, zp, op, n, k, m, column, count);
            }
            else
            {
                StripsThenActivation<TVector, TLanes>(wp, ap, bp, zp, op, n, k, m, column, count);
            }
        }

        /// <summary><see cref="Strips"/> with g applied to each result in registers, before it is stored.</summary>
        // Not inlined, nor the next: each is a kernel whose many small inlinees need a method of their own (inlined into
        // RunUnits, which profile-guided devirtualization inlines into Run, they overran that method's inlining budget
        // and the multiply-adds stayed calls).
        [MethodImpl(MethodImplOptions.NoInlining)]
        private void StripsActivatedInRegisters<TVector, TLanes>(T* wp, T* ap, T* bp, T* zp, T* op, int n, int k, int m, int column, int count)
            where TVector : struct
            where TLanes : struct, IElementwiseLanes<T, TVector>
        {
            var strip = 2 * TLanes.Count;
            for (var end = column + count; column < end; column += strip)
            {
                var store = new ActivatedStore<T, TVector, TActivation>(zp + column, op + column, m, activation);
                Strip<T, TVector, TLanes, ActivatedStore<T, TVector, TActivation>>(wp, k, 1, bp, ap + column, m, n, k, ref store);
            }
        }

        /// <summary>
        /// <see cref="Strips"/> for fewer than four rows (a binary classifier's σ output), which the strip computes one at a
        /// time: with the four-row tiles left out, a vector function applied in registers at each row's store stays within
        /// the JIT's inlining limits.
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private void RowsActivatedInRegisters<TVector, TLanes>(T* wp, T* ap, T* bp, T* zp, T* op, int n, int k, int m, int column, int count)
            where TVector : struct
            where TLanes : struct, IElementwiseLanes<T, TVector>
        {
            var strip = 2 * TLanes.Count;
            for (var end = column + count; column < end; column += strip)
            {
                var store = new ActivatedStore<T, TVector, TActivation>(zp + column, op + column, m, activation);
                StripRows<T, TVector, TLanes, ActivatedStore<T, TVector, TActivation>>(wp, k, 1, bp, ap + column, m, 0, n, k, ref store);
            }
        }

        /// <summary><see cref="Strips"/> with g applied in a pass over each chunk of strips, after their products.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private void StripsThenActivation<TVector, TLanes>(T* wp, T* ap, T* bp, T* zp, T* op, int n, int k, int m, int column, int count)
            where TVector : struct
            where TLanes : struct, IElementwiseLanes<T, TVector>
        {
            int strip = 2 * TLanes.Count, chunk = ChunkColumns<T>(n, strip);
            for (var end = column + count; column < end; column += chunk)
            {
                var chunkEnd = Math.Min(column + chunk, end);
                for (var c = column; c < chunkEnd; c += strip)
                {
                    var store = new ResultStore<T, TVector>(zp + c, m);
                    Strip<T, TVector, TLanes, ResultStore<T, TVector>>(wp, k, 1, bp, ap + c, m, n, k, ref store);
                }

                Activate<T, TVector, TLanes, TActivation>(zp + column, op + column, m, n, chunkEnd - column, activation);
            }
        }
    }

    /// <summary>The backward step; a unit is a block of columns, with its own partial sums of dW and db.</summary>
    private sealed class BackwardWork<T, TActivation> : ColumnWork
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TActivation : struct, IElementwiseActivation<T>
    {
        [ThreadStatic]
        private static BackwardWork<T, TActivation>? forThisThread;

        private Matrix<T>? dZ, A, W, input, gradient;
        private TActivation activation;
        private int blockColumns;
        private T[]? partials;

        /// <summary>The calling thread's instance: a call allocates nothing, and calls on other threads do not share it.</summary>
        public static BackwardWork<T, TActivation> ForThisThread => forThisThread ??= new();

        public void Set(Matrix<T> dZ, Matrix<T> A, Matrix<T> W, Matrix<T>? input, Matrix<T>? gradient, TActivation activation, int blockColumns, T[] partials)
        {
            (this.dZ, this.A, this.W, this.input, this.gradient) = (dZ, A, W, input, gradient);
            (this.activation, this.blockColumns, this.partials) = (activation, blockColumns, partials);
        }

        public void Clear() => (dZ, A, W, input, gradient, partials) = (null, null, null, null, null, null);

        public override void RunUnits(int first, int end)
        {
            int n = W!.Rows, k = W.Columns, m = dZ!.Columns, strip = StripColumns<T>(), slot = (n * k) + n;
            Span<T> w = W.AsSpan(), d = dZ.AsSpan(), a = A!.AsSpan();
            Span<T> g = gradient is null ? default : gradient.AsSpan(), x = input is null ? default : input.AsSpan();
            DenseProducts.RequireLength(w.Length, n, k);
            DenseProducts.RequireLength(d.Length, n, m);
            DenseProducts.RequireLength(a.Length, k, m);
            if (gradient is not null)
            {
                DenseProducts.RequireLength(g.Length, k, m);
                DenseProducts.RequireLength(x.Length, k, m);
            }

            fixed (T* wp = w, dp = d, ap = a, gp = g, xp = x, sums = partials)
            {
                for (var block = first; block < end; block++)
                {
                    var begin = block * blockColumns;
                    var columns = Math.Min(blockColumns, m - begin);
                    var whole = columns / strip * strip;
                    T* products = sums + (block * slot), biasSums = products + (n * k);
                    new Span<T>(products, slot).Clear();
                    if (Widest<T>.Is512)
                    {
                        Columns<Vector512<T>, Lanes512<T>>(wp, dp, ap, xp, gp, n, k, m, begin, whole, products, biasSums);
                    }
                    else
                    {
                        Columns<Vector<T>, VectorLanes<T>>(wp, dp, ap, xp, gp, n, k, m, begin, whole, products, biasSums);
                    }

                    if (whole < columns)
                    {
                        // The rest of the last block, narrower than a strip: whole strips of Vector<T> where that is
                        // narrower, then the last, partial one on zero-padded copies (zeros add nothing to the sums).
                        var column = begin + whole;
                        var narrow = 2 * Vector<T>.Count;
                        var narrowColumns = (columns - whole) / narrow * narrow;
                        Columns<Vector<T>, VectorLanes<T>>(wp, dp, ap, xp, gp, n, k, m, column, narrowColumns, products, biasSums);
                        column += narrowColumns;
                        if (column < begin + columns)
                        {
                            RunLastStrip(wp, dp, ap, xp, gp, n, k, m, column, begin + columns - column, products, biasSums);
                        }
                    }
                }
            }
        }

        /// <summary>
        /// Columns [column, column + count) of m, a whole number of strips of <typeparamref name="TLanes"/>: their share of
        /// dW and db, and dZ[l-1] where it is asked for.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Columns<TVector, TLanes>(T* wp, T* dp, T* ap, T* xp, T* gp, int n, int k, int m, int column, int count, T* products, T* biasSums)
            where TVector : struct
            where TLanes : struct, IElementwiseLanes<T, TVector>
        {
            if (count == 0)
            {
                return;
            }

            AccumulateBlock<T, TVector, TLanes>(dp + column, ap + column, m, count, n, k, products, biasSums);
            if (gp is null)
            {
                return;
            }

            if (TActivation.DerivativeInRegisters)
            {
                GradientStripsInRegisters<TVector, TLanes>(wp, dp, xp, gp, n, k, m, column, count);
            }
            else
            {
                GradientStripsThenDerivative<TVector, TLanes>(wp, dp, xp, gp, n, k, m, column, count);
            }
        }

        /// <summary>dZ[l-1] = (Wᵀ · dZ) ⊙ g'(input) in the columns, g' applied in registers (not inlined, as ForwardWork's strips).</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private void GradientStripsInRegisters<TVector, TLanes>(T* wp, T* dp, T* xp, T* gp, int n, int k, int m, int column, int count)
            where TVector : struct
            where TLanes : struct, IElementwiseLanes<T, TVector>
        {
            var strip = 2 * TLanes.Count;
            for (var end = column + count; column < end; column += strip)
            {
                var store = new GradientStore<T, TVector, TActivation>(xp + column, gp + column, m, activation);
                Strip<T, TVector, TLanes, GradientStore<T, TVector, TActivation>>(wp, 1, k, null, dp + column, m, k, n, ref store);
            }
        }

        /// <summary>dZ[l-1] = (Wᵀ · dZ) ⊙ g'(input) in the columns, g' applied in a pass over each chunk of strips.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private void GradientStripsThenDerivative<TVector, TLanes>(T* wp, T* dp, T* xp, T* gp, int n, int k, int m, int column, int count)
            where TVector : struct
            where TLanes : struct, IElementwiseLanes<T, TVector>
        {
            int strip = 2 * TLanes.Count, chunk = ChunkColumns<T>(k, strip);
            for (var end = column + count; column < end; column += chunk)
            {
                var chunkEnd = Math.Min(column + chunk, end);
                for (var c = column; c < chunkEnd; c += strip)
                {
                    var store = new ResultStore<T, TVector>(gp + c, m);
                    Strip<T, TVector, TLanes, ResultStore<T, TVector>>(wp, 1, k, null, dp + c, m, k, n, ref store);
                }

                MultiplyByDerivative<T, TVector, TLanes, TActivation>(gp + column, xp + column, m, k, chunkEnd - column, activation);
            }
        }

        /// <summary>The last, partial strip of the last block, on zero-padded copies one strip of <see cref="Vector{T}"/> wide.</summary>
        private void RunLastStrip(T* wp, T* dp, T* ap, T* xp, T* gp, int n, int k, int m, int column, int count, T* products, T* biasSums)
        {
            var strip = 2 * Vector<T>.Count;
            fixed (T* panel = Scratch<T>.Panel((n + (3 * k)) * strip))
            {
                T* panelA = panel + (n * strip), panelInput = panelA + (k * strip), panelGradient = panelInput + (k * strip);
                CopyToPanel(dp + column, m, n, count, panel, strip);
                CopyToPanel(ap + column, m, k, count, panelA, strip);
                if (gp is not null)
                {
                    CopyToPanel(xp + column, m, k, count, panelInput, strip);
                }

                Columns<Vector<T>, VectorLanes<T>>(wp, panel, panelA, panelInput, gp is null ? null : panelGradient, n, k, strip, 0, strip, products, biasSums);
                if (gp is not null)
                {
                    CopyFromPanel(panelGradient, k, count, gp + column, m, strip);
                }
            }
        }

        /// <summary>dW = (1/m) Σ of the blocks' products and db = (1/m) Σ of their sums, added in block order.</summary>
        public void Reduce(int blocks, Span<T> dW, Span<T> db, T oneOverM)
        {
            var slot = dW.Length + db.Length;
            dW.Clear();
            db.Clear();
            for (var block = 0; block < blocks; block++)
            {
                var products = partials!.AsSpan(block * slot, slot);
                TensorPrimitives.Add(dW, products[..dW.Length], dW);
                TensorPrimitives.Add(db, products[dW.Length..], db);
            }

            if (blocks > 0) // with no examples the gradients stay 0 (1/m is infinite)
            {
                TensorPrimitives.Multiply(dW, oneOverM, dW);
                TensorPrimitives.Multiply(db, oneOverM, db);
            }
        }
    }

    /// <summary>Per-thread buffers that only grow: the steps allocate nothing once they have run at their largest size.</summary>
    private static class Scratch<T>
        where T : unmanaged
    {
        [ThreadStatic]
        private static T[]? panel;

        [ThreadStatic]
        private static T[]? partials;

        /// <summary>The executing thread's panel for the last, partial strip.</summary>
        public static T[] Panel(int length) => Grow(ref panel, length);

        /// <summary>The calling thread's partial sums of a backward step, which its workers fill.</summary>
        public static T[] Partials(int length) => Grow(ref partials, length);

        private static T[] Grow(ref T[]? buffer, int length) =>
            buffer is not null && buffer.Length >= length ? buffer : buffer = new T[length];
    }
}
