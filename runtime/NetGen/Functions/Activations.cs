using System;
using System.Buffers;
using System.ComponentModel;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

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
/// An activation applied to each element on its own: g and g' as vector functions, which
/// <see cref="Activations.Elementwise{T, TOperator}"/> runs over a matrix in one vectorized loop.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IElementwiseActivation<T> : IActivationOperator<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>g(z) for each lane.</summary>
    Vector<T> Invoke(Vector<T> z);

    /// <summary>g' for each lane, at the element the backward step reads (z, or a = g(z); see <see cref="IActivationOperator{T}.Backward"/>).</summary>
    Vector<T> Derivative(Vector<T> x);
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
    /// result = g(source) element by element: the vectorized loop every elementwise forward step shares. The last,
    /// partial vector runs on a zero-padded copy, so every element takes the same vector function wherever it lies (a
    /// single example's activations are those of the same column in a batch of any size).
    /// </summary>
    public static void Elementwise<T, TOperator>(ReadOnlySpan<T> source, Span<T> result, TOperator activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TOperator : struct, IElementwiseActivation<T>
    {
        var i = 0;
        for (; i <= source.Length - Vector<T>.Count; i += Vector<T>.Count)
        {
            activation.Invoke(new Vector<T>(source[i..])).CopyTo(result[i..]);
        }

        if (i < source.Length)
        {
            StorePartial(activation.Invoke(LoadPartial(source[i..])), result[i..source.Length]);
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
        var i = 0;
        for (; i <= input.Length - Vector<T>.Count; i += Vector<T>.Count)
        {
            (new Vector<T>(dA[i..]) * activation.Derivative(new Vector<T>(input[i..]))).CopyTo(dZ[i..]);
        }

        if (i < input.Length)
        {
            StorePartial(LoadPartial(dA[i..input.Length]) * activation.Derivative(LoadPartial(input[i..])), dZ[i..input.Length]);
        }
    }

    /// <summary>The fewer than <see cref="Vector{T}.Count"/> values of <paramref name="source"/> in a vector, the other lanes 0.</summary>
    private static Vector<T> LoadPartial<T>(ReadOnlySpan<T> source)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var lanes = Vector<T>.Zero;
        ref var lane = ref Unsafe.As<Vector<T>, T>(ref lanes);
        for (var j = 0; j < source.Length; j++)
        {
            Unsafe.Add(ref lane, j) = source[j];
        }

        return lanes;
    }

    /// <summary>The first <paramref name="destination"/>.Length (fewer than <see cref="Vector{T}.Count"/>) lanes of <paramref name="lanes"/>.</summary>
    private static void StorePartial<T>(Vector<T> lanes, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ref var lane = ref Unsafe.As<Vector<T>, T>(ref lanes);
        for (var j = 0; j < destination.Length; j++)
        {
            destination[j] = Unsafe.Add(ref lane, j);
        }
    }
}

/// <summary>ReLU: g(z) = max(0, z); g'(z) = 1 if z &gt; 0, else 0 (0 at the kink). The backward step reads Z.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ReLUOperator<T> : IElementwiseActivation<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public Vector<T> Invoke(Vector<T> z) => Vector.Max(z, Vector<T>.Zero);

    /// <inheritdoc/>
    public Vector<T> Derivative(Vector<T> x) => Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<T>.Zero), Vector<T>.One, Vector<T>.Zero);

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
    /// <inheritdoc/>
    public Vector<T> Invoke(Vector<T> z) => Vector.ConditionalSelect(Vector.GreaterThan(z, Vector<T>.Zero), z, z * slope);

    /// <inheritdoc/>
    public Vector<T> Derivative(Vector<T> x) => Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<T>.Zero), Vector<T>.One, new Vector<T>(slope));

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
    /// <inheritdoc/>
    public Vector<T> Invoke(Vector<T> z) => VectorMath.Sigmoid(z);

    /// <inheritdoc/>
    public Vector<T> Derivative(Vector<T> x) => x - (x * x);

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
    /// <inheritdoc/>
    public Vector<T> Invoke(Vector<T> z) => VectorMath.Tanh(z);

    /// <inheritdoc/>
    public Vector<T> Derivative(Vector<T> x) => Vector<T>.One - (x * x);

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
    /// <inheritdoc/>
    public Vector<T> Invoke(Vector<T> z) => z;

    /// <inheritdoc/>
    public Vector<T> Derivative(Vector<T> x) => Vector<T>.One;

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
    /// <inheritdoc/>
    public Vector<T> Invoke(Vector<T> z) => z * default(SigmoidOperator<T>).Invoke(z);

    /// <inheritdoc/>
    public Vector<T> Derivative(Vector<T> x)
    {
        var sigmoid = default(SigmoidOperator<T>).Invoke(x);
        return sigmoid * (Vector<T>.One + (x * (Vector<T>.One - sigmoid)));
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
