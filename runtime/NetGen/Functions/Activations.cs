using System;
using System.Buffers;
using System.ComponentModel;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NetGen.CompilerServices;

/// <summary>
/// An activation A = g(Z) and its backward step dZ = dA ⊙ g'(Z), over whole matrices (forward also over a single
/// example's span): the one seam through which generated code applies every activation. Operators are structs, used as type arguments, so the JIT specializes
/// and inlines each one (as TensorPrimitives does with its operators); a parameter such as the leaky ReLU slope is
/// a field of the operator.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IActivationOperator<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>
    /// A = g(Z), both <paramref name="rows"/> × m, row-major (a single example's column when m = 1: prediction reaches
    /// it without a matrix). <paramref name="A"/> may be <paramref name="Z"/>; the lengths are already checked.
    /// </summary>
    void Forward(ReadOnlySpan<T> Z, Span<T> A, int rows);

    /// <summary>
    /// dZ = dA ⊙ g'(Z), with g' taken from <paramref name="input"/>: Z, or the output A = g(Z) for the operators whose
    /// derivative is cheaper in their output (sigmoid, tanh, softmax). <paramref name="dZ"/> may be an input.
    /// </summary>
    void Backward(Matrix<T> dA, Matrix<T> input, Matrix<T> dZ);
}

/// <summary>
/// An activation applied to each element on its own: g and g' as vector functions at any width, which
/// <see cref="Activations.Elementwise{T, TOperator}"/> runs over a matrix in one vectorized loop and the fused small-layer
/// kernels apply in registers. Implemented by NetGen's operators only: its members are internal, because the widths are.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IElementwiseActivation<T> : IActivationOperator<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>g(z) for each lane.</summary>
    internal TVector Invoke<TVector, TLanes>(TVector z)
        where TVector : struct
        where TLanes : struct, IElementwiseLanes<T, TVector>;

    /// <summary>g' for each lane, at the element the backward step reads (z, or a = g(z); see <see cref="IActivationOperator{T}.Backward"/>).</summary>
    internal TVector Derivative<TVector, TLanes>(TVector x)
        where TVector : struct
        where TLanes : struct, IElementwiseLanes<T, TVector>;

    /// <summary>
    /// Whether g is a few instructions (ReLU, leaky ReLU, the identity), which the fused small-layer kernels apply to
    /// each result in registers as they store it. The vector functions (σ, tanh, SiLU) run in a pass of their own over
    /// results still in the first-level cache: inlined at each of a kernel's stores, they overran the JIT's inlining
    /// limits.
    /// </summary>
    internal static abstract bool InRegisters { get; }

    /// <summary>Whether g' is a few instructions (all but SiLU's, which needs σ), as <see cref="InRegisters"/> for g.</summary>
    internal static abstract bool DerivativeInRegisters { get; }
}

/// <summary>Applies activation operators to matrices, after checking their shapes.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Activations
{
    /// <summary>A = g(Z); <paramref name="A"/> may be <paramref name="Z"/>.</summary>
    public static void Forward<T, TOperator>(Matrix<T> Z, Matrix<T> A, TOperator activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TOperator : struct, IActivationOperator<T>
    {
        ArgumentNullException.ThrowIfNull(Z);
        Shapes.Require(A, Z.Rows, Z.Columns, nameof(A));
        if (Z.Length > 0) // a batch of no examples has nothing to activate, and TensorPrimitives refuses empty spans
        {
            activation.Forward(Z.AsSpan(), A.AsSpan(), Z.Rows);
        }
    }

    /// <summary>dZ = dA ⊙ g'(Z), with g' read from <paramref name="input"/> as the operator says (Z or A = g(Z)).</summary>
    public static void Backward<T, TOperator>(Matrix<T> dA, Matrix<T> input, Matrix<T> dZ, TOperator activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TOperator : struct, IActivationOperator<T>
    {
        ArgumentNullException.ThrowIfNull(dA);
        Shapes.Require(input, dA.Rows, dA.Columns, nameof(input));
        Shapes.Require(dZ, dA.Rows, dA.Columns, nameof(dZ));
        if (dA.Length > 0)
        {
            activation.Backward(dA, input, dZ);
        }
    }

    /// <summary>
    /// result = g(source) element by element: the vectorized loop every elementwise forward step shares, in the widest
    /// lanes. The last, partial vector runs on a zero-padded copy, so every element takes the same vector function
    /// wherever it lies (a single example's activations are those of the same column in a batch of any size).
    /// </summary>
    public static void Elementwise<T, TOperator>(ReadOnlySpan<T> source, Span<T> result, TOperator activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TOperator : struct, IElementwiseActivation<T>
    {
        if (Widest<T>.Is512)
        {
            Elementwise<T, TOperator, Vector512<T>, Lanes512<T>>(default, source, result, activation, backward: false);
        }
        else
        {
            Elementwise<T, TOperator, Vector<T>, VectorLanes<T>>(default, source, result, activation, backward: false);
        }
    }

    /// <summary>
    /// dZ = dA ⊙ g'(input) element by element: the vectorized loop every elementwise backward step shares, its last,
    /// partial vector on zero-padded copies as in <see cref="Elementwise{T, TOperator}"/>.
    /// </summary>
    public static void ElementwiseBackward<T, TOperator>(ReadOnlySpan<T> dA, ReadOnlySpan<T> input, Span<T> dZ, TOperator activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TOperator : struct, IElementwiseActivation<T>
    {
        if (Widest<T>.Is512)
        {
            Elementwise<T, TOperator, Vector512<T>, Lanes512<T>>(dA, input, dZ, activation, backward: true);
        }
        else
        {
            Elementwise<T, TOperator, Vector<T>, VectorLanes<T>>(dA, input, dZ, activation, backward: true);
        }
    }

    /// <summary>
    /// result = g(source), or result = dA ⊙ g'(source) when <paramref name="backward"/>, at one width. The lengths are
    /// the caller's: <paramref name="result"/>, and <paramref name="dA"/> when it is read, are at least as long as
    /// <paramref name="source"/>.
    /// </summary>
    private static unsafe void Elementwise<T, TOperator, TVector, TLanes>(ReadOnlySpan<T> dA, ReadOnlySpan<T> source, Span<T> result, TOperator activation, bool backward)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TOperator : struct, IElementwiseActivation<T>
        where TVector : struct
        where TLanes : struct, IElementwiseLanes<T, TVector>
    {
        var length = source.Length;
        ArgumentOutOfRangeException.ThrowIfLessThan(result.Length, length, nameof(result));
        if (backward)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(dA.Length, length, nameof(dA));
        }

        var width = TLanes.Count;
        fixed (T* gradient = dA, input = source, output = result)
        {
            var i = 0;
            for (; i <= length - width; i += width)
            {
                TLanes.Store(Apply(gradient + i, input + i), output + i);
            }

            if (i < length)
            {
                // Stack copies of the tail, zero-padded to a whole vector.
                var count = length - i;
                var padded = stackalloc T[3 * width];
                new Span<T>(padded, 3 * width).Clear();
                new ReadOnlySpan<T>(input + i, count).CopyTo(new Span<T>(padded, width));
                if (backward)
                {
                    new ReadOnlySpan<T>(gradient + i, count).CopyTo(new Span<T>(padded + width, width));
                }

                TLanes.Store(Apply(padded + width, padded), padded + (2 * width));
                new ReadOnlySpan<T>(padded + (2 * width), count).CopyTo(new Span<T>(output + i, count));
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        TVector Apply(T* gradient, T* input) => backward
            ? TLanes.Multiply(TLanes.Load(gradient), activation.Derivative<TVector, TLanes>(TLanes.Load(input)))
            : activation.Invoke<TVector, TLanes>(TLanes.Load(input));
    }
}

/// <summary>ReLU: g(z) = max(0, z); g'(z) = 1 if z &gt; 0, else 0 (0 at the kink). The backward step reads Z.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ReLUOperator<T> : IElementwiseActivation<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    static bool IElementwiseActivation<T>.InRegisters => true;

    static bool IElementwiseActivation<T>.DerivativeInRegisters => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    TVector IElementwiseActivation<T>.Invoke<TVector, TLanes>(TVector z) => TLanes.Max(z, default);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    TVector IElementwiseActivation<T>.Derivative<TVector, TLanes>(TVector x) =>
        TLanes.ConditionalSelect(TLanes.GreaterThan(x, default), TLanes.Create(T.One), default);

    /// <inheritdoc/>
    /// <remarks>TensorPrimitives' max runs at the machine's widest vectors (512 bits with AVX-512; Vector&lt;T&gt; has 256).</remarks>
    public void Forward(ReadOnlySpan<T> Z, Span<T> A, int rows) => TensorPrimitives.Max(Z, T.Zero, A);

    /// <inheritdoc/>
    public void Backward(Matrix<T> dA, Matrix<T> input, Matrix<T> dZ) => Activations.ElementwiseBackward(dA.AsSpan(), input.AsSpan(), dZ.AsSpan(), this);
}

/// <summary>Leaky ReLU: g(z) = z if z &gt; 0, else α z; g'(z) = 1 if z &gt; 0, else α. The backward step reads Z.</summary>
/// <param name="slope">α, the slope for negative inputs.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct LeakyReLUOperator<T>(T slope) : IElementwiseActivation<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    static bool IElementwiseActivation<T>.InRegisters => true;

    static bool IElementwiseActivation<T>.DerivativeInRegisters => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    TVector IElementwiseActivation<T>.Invoke<TVector, TLanes>(TVector z) =>
        TLanes.ConditionalSelect(TLanes.GreaterThan(z, default), z, TLanes.Multiply(z, TLanes.Create(slope)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    TVector IElementwiseActivation<T>.Derivative<TVector, TLanes>(TVector x) =>
        TLanes.ConditionalSelect(TLanes.GreaterThan(x, default), TLanes.Create(T.One), TLanes.Create(slope));

    /// <inheritdoc/>
    public void Forward(ReadOnlySpan<T> Z, Span<T> A, int rows) => Activations.Elementwise(Z, A, this);

    /// <inheritdoc/>
    public void Backward(Matrix<T> dA, Matrix<T> input, Matrix<T> dZ) => Activations.ElementwiseBackward(dA.AsSpan(), input.AsSpan(), dZ.AsSpan(), this);
}

/// <summary>
/// The logistic sigmoid: g(z) = σ(z) = 1 / (1 + e^−z), 0 or 1 (never NaN) where e^−z overflows. Its derivative is
/// σ'(z) = a (1 − a) in the output a = σ(z), so the backward step reads A.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct SigmoidOperator<T> : IElementwiseActivation<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    static bool IElementwiseActivation<T>.InRegisters => false;

    static bool IElementwiseActivation<T>.DerivativeInRegisters => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    TVector IElementwiseActivation<T>.Invoke<TVector, TLanes>(TVector z) => VectorMath<T, TVector, TLanes>.Sigmoid(z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    TVector IElementwiseActivation<T>.Derivative<TVector, TLanes>(TVector x) => TLanes.Subtract(x, TLanes.Multiply(x, x));

    /// <inheritdoc/>
    public void Forward(ReadOnlySpan<T> Z, Span<T> A, int rows) => Activations.Elementwise(Z, A, this);

    /// <inheritdoc/>
    public void Backward(Matrix<T> dA, Matrix<T> input, Matrix<T> dZ) => Activations.ElementwiseBackward(dA.AsSpan(), input.AsSpan(), dZ.AsSpan(), this);
}

/// <summary>The hyperbolic tangent: g(z) = tanh z; g'(z) = 1 − a² in the output a = tanh z, so the backward step reads A.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct TanhOperator<T> : IElementwiseActivation<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    static bool IElementwiseActivation<T>.InRegisters => false;

    static bool IElementwiseActivation<T>.DerivativeInRegisters => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    TVector IElementwiseActivation<T>.Invoke<TVector, TLanes>(TVector z) => VectorMath<T, TVector, TLanes>.Tanh(z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    TVector IElementwiseActivation<T>.Derivative<TVector, TLanes>(TVector x) => TLanes.Subtract(TLanes.Create(T.One), TLanes.Multiply(x, x));

    /// <inheritdoc/>
    public void Forward(ReadOnlySpan<T> Z, Span<T> A, int rows) => Activations.Elementwise(Z, A, this);

    /// <inheritdoc/>
    public void Backward(Matrix<T> dA, Matrix<T> input, Matrix<T> dZ) => Activations.ElementwiseBackward(dA.AsSpan(), input.AsSpan(), dZ.AsSpan(), this);
}

/// <summary>The identity of a linear layer: g(z) = z; g'(z) = 1. Forward and backward are copies.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct LinearOperator<T> : IElementwiseActivation<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    static bool IElementwiseActivation<T>.InRegisters => true;

    static bool IElementwiseActivation<T>.DerivativeInRegisters => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    TVector IElementwiseActivation<T>.Invoke<TVector, TLanes>(TVector z) => z;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    TVector IElementwiseActivation<T>.Derivative<TVector, TLanes>(TVector x) => TLanes.Create(T.One);

    /// <inheritdoc/>
    public void Forward(ReadOnlySpan<T> Z, Span<T> A, int rows) => Z.CopyTo(A);

    /// <inheritdoc/>
    public void Backward(Matrix<T> dA, Matrix<T> input, Matrix<T> dZ) => dA.CopyTo(dZ);
}

/// <summary>
/// SiLU (swish): g(z) = z σ(z); g'(z) = σ(z) (1 + z (1 − σ(z))). Smooth and non-monotonic, a ReLU that lets small
/// negative values through. The backward step reads Z (the derivative needs σ(z), which the output alone does not give).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct SiLUOperator<T> : IElementwiseActivation<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    static bool IElementwiseActivation<T>.InRegisters => false;

    static bool IElementwiseActivation<T>.DerivativeInRegisters => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    TVector IElementwiseActivation<T>.Invoke<TVector, TLanes>(TVector z) => TLanes.Multiply(z, VectorMath<T, TVector, TLanes>.Sigmoid(z));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    TVector IElementwiseActivation<T>.Derivative<TVector, TLanes>(TVector x)
    {
        var sigmoid = VectorMath<T, TVector, TLanes>.Sigmoid(x);
        var one = TLanes.Create(T.One);
        return TLanes.Multiply(sigmoid, TLanes.Add(one, TLanes.Multiply(x, TLanes.Subtract(one, sigmoid))));
    }

    /// <inheritdoc/>
    public void Forward(ReadOnlySpan<T> Z, Span<T> A, int rows) => Activations.Elementwise(Z, A, this);

    /// <inheritdoc/>
    public void Backward(Matrix<T> dA, Matrix<T> input, Matrix<T> dZ) => Activations.ElementwiseBackward(dA.AsSpan(), input.AsSpan(), dZ.AsSpan(), this);
}

/// <summary>
/// Softmax over the rows of each column (each example): Aᵢⱼ = e^(Zᵢⱼ − maxⱼ) / Σₖ e^(Zₖⱼ − maxⱼ). Subtracting the column
/// maximum first keeps every exponent ≤ 0, so nothing overflows and the largest term is exactly 1. Not elementwise:
/// each output depends on its whole column, so it implements the matrix-level seam itself.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct SoftmaxOperator<T> : IActivationOperator<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public void Forward(ReadOnlySpan<T> Z, Span<T> A, int rows)
    {
        var m = Z.Length / rows;
        var scratch = ArrayPool<T>.Shared.Rent(m);
        try
        {
            // Row-wise passes over whole rows (vectorized), accumulating per-column maxima and sums in scratch.
            var columnValues = scratch.AsSpan(0, m);
            Z[..m].CopyTo(columnValues);
            for (var i = 1; i < rows; i++)
            {
                TensorPrimitives.Max(Z.Slice(i * m, m), columnValues, columnValues);
            }

            for (var i = 0; i < rows; i++)
            {
                var row = A.Slice(i * m, m);
                TensorPrimitives.Subtract(Z.Slice(i * m, m), columnValues, row);
                TensorPrimitives.Exp<T>(row, row);
            }

            columnValues.Clear();
            for (var i = 0; i < rows; i++)
            {
                TensorPrimitives.Add(A.Slice(i * m, m), columnValues, columnValues);
            }

            for (var i = 0; i < rows; i++)
            {
                var row = A.Slice(i * m, m);
                TensorPrimitives.Divide(row, columnValues, row);
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(scratch);
        }
    }

    /// <summary>
    /// dZ = A ⊙ (dA − Σₖ dAₖ Aₖ), column by column, from the outputs A: the softmax Jacobian Aᵢ (δᵢₖ − Aₖ) applied to dA.
    /// Generated networks never call it (softmax is an output layer whose gradient is fused with its loss); it makes
    /// the operator complete.
    /// </summary>
    public void Backward(Matrix<T> dA, Matrix<T> input, Matrix<T> dZ)
    {
        for (var j = 0; j < dA.Columns; j++)
        {
            var dot = T.Zero;
            for (var i = 0; i < dA.Rows; i++)
            {
                dot += dA[i, j] * input[i, j];
            }

            for (var i = 0; i < dA.Rows; i++)
            {
                dZ[i, j] = input[i, j] * (dA[i, j] - dot);
            }
        }
    }
}
