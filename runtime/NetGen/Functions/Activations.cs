using System.ComponentModel;
using System;
using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;

namespace NetGen.CompilerServices;

/// <summary>
/// The activation functions A = g(Z) and their backward steps dZ = dA ⊙ g'(Z), elementwise. The output may be the
/// same matrix as an input.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Activations
{
    /// <summary>A = max(0, Z).</summary>
    public static void ReLU<T>(Matrix<T> Z, Matrix<T> A)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Shapes.Require(A, Z.Rows, Z.Columns, nameof(A));
        TensorPrimitives.Max(Z.AsSpan(), T.Zero, A.AsSpan());
    }

    /// <summary>dZ = dA ⊙ ReLU'(Z), where ReLU'(z) = 1 if z &gt; 0, else 0.</summary>
    public static void ReLUBackward<T>(Matrix<T> dA, Matrix<T> Z, Matrix<T> dZ)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Shapes.Require(Z, dA.Rows, dA.Columns, nameof(Z));
        Shapes.Require(dZ, dA.Rows, dA.Columns, nameof(dZ));
        Rectify(Z.AsSpan(), dA.AsSpan(), dZ.AsSpan(), T.Zero);
    }

    /// <summary>A = Z where Z &gt; 0, else α Z.</summary>
    public static void LeakyReLU<T>(Matrix<T> Z, Matrix<T> A, T slope)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Shapes.Require(A, Z.Rows, Z.Columns, nameof(A));
        Rectify(Z.AsSpan(), Z.AsSpan(), A.AsSpan(), slope);
    }

    /// <summary>dZ = dA ⊙ LeakyReLU'(Z), where LeakyReLU'(z) = 1 if z &gt; 0, else α.</summary>
    public static void LeakyReLUBackward<T>(Matrix<T> dA, Matrix<T> Z, Matrix<T> dZ, T slope)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Shapes.Require(Z, dA.Rows, dA.Columns, nameof(Z));
        Shapes.Require(dZ, dA.Rows, dA.Columns, nameof(dZ));
        Rectify(Z.AsSpan(), dA.AsSpan(), dZ.AsSpan(), slope);
    }

    /// <summary>A = σ(Z) = 1 / (1 + e^−Z); 0 or 1 (never NaN) where e^−Z overflows.</summary>
    public static void Sigmoid<T>(Matrix<T> Z, Matrix<T> A)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Shapes.Require(A, Z.Rows, Z.Columns, nameof(A));
        TensorPrimitives.Sigmoid<T>(Z.AsSpan(), A.AsSpan());
    }

    /// <summary>dZ = dA ⊙ σ'(Z) = dA ⊙ A ⊙ (1 − A), from the cached activation A = σ(Z).</summary>
    public static void SigmoidBackward<T>(Matrix<T> dA, Matrix<T> A, Matrix<T> dZ)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        QuadraticDerivativeBackward(dA, A, dZ, linear: T.One, constant: T.Zero);

    /// <summary>A = tanh(Z).</summary>
    public static void Tanh<T>(Matrix<T> Z, Matrix<T> A)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Shapes.Require(A, Z.Rows, Z.Columns, nameof(A));
        TensorPrimitives.Tanh<T>(Z.AsSpan(), A.AsSpan());
    }

    /// <summary>dZ = dA ⊙ (1 − A²), with A = tanh(Z) from the forward pass.</summary>
    public static void TanhBackward<T>(Matrix<T> dA, Matrix<T> A, Matrix<T> dZ)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        QuadraticDerivativeBackward(dA, A, dZ, linear: T.Zero, constant: T.One);

    /// <summary>A = Z (the identity of a linear layer).</summary>
    public static void Linear<T>(Matrix<T> Z, Matrix<T> A)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => Z.CopyTo(A);

    /// <summary>dZ = dA, since the identity's derivative is 1.</summary>
    public static void LinearBackward<T>(Matrix<T> dA, Matrix<T> dZ)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => dA.CopyTo(dZ);

    /// <summary>
    /// A = softmax(Z) over the rows of each column (each example): Aᵢⱼ = e^(Zᵢⱼ − maxⱼ) / Σₖ e^(Zₖⱼ − maxⱼ). Subtracting
    /// the column maximum first keeps every exponent ≤ 0, so nothing overflows and the largest term is exactly 1.
    /// </summary>
    public static void Softmax<T>(Matrix<T> Z, Matrix<T> A)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Shapes.Require(A, Z.Rows, Z.Columns, nameof(A));
        var m = Z.Columns;
        var scratch = ArrayPool<T>.Shared.Rent(m);
        try
        {
            // Row-wise passes over whole rows (vectorized), accumulating per-column maxima and sums in scratch.
            var columnValues = scratch.AsSpan(0, m);
            ColumnMaxima(Z, columnValues);
            for (var i = 0; i < Z.Rows; i++)
            {
                TensorPrimitives.Subtract(Z.Row(i), columnValues, A.Row(i));
                TensorPrimitives.Exp<T>(A.Row(i), A.Row(i));
            }

            columnValues.Clear();
            for (var i = 0; i < Z.Rows; i++)
            {
                TensorPrimitives.Add(A.Row(i), columnValues, columnValues);
            }

            for (var i = 0; i < Z.Rows; i++)
            {
                TensorPrimitives.Divide(A.Row(i), columnValues, A.Row(i));
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(scratch);
        }
    }

    /// <summary>The maximum of each column of <paramref name="Z"/>, computed row by row.</summary>
    private static void ColumnMaxima<T>(Matrix<T> Z, Span<T> maxima)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Z.Row(0).CopyTo(maxima);
        for (var i = 1; i < Z.Rows; i++)
        {
            TensorPrimitives.Max(Z.Row(i), maxima, maxima);
        }
    }

    /// <summary>
    /// dZ = dA ⊙ (linear · A + constant − A²): the backward step of the activations whose derivative is a quadratic in
    /// their output, σ' = A − A² and tanh' = 1 − A².
    /// </summary>
    private static void QuadraticDerivativeBackward<T>(Matrix<T> dA, Matrix<T> A, Matrix<T> dZ, T linear, T constant)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Shapes.Require(A, dA.Rows, dA.Columns, nameof(A));
        Shapes.Require(dZ, dA.Rows, dA.Columns, nameof(dZ));
        ReadOnlySpan<T> gradient = dA.AsSpan(), a = A.AsSpan();
        var result = dZ.AsSpan();
        Vector<T> linears = new(linear), constants = new(constant);
        var i = 0;
        for (; i <= a.Length - Vector<T>.Count; i += Vector<T>.Count)
        {
            var activation = new Vector<T>(a[i..]);
            (new Vector<T>(gradient[i..]) * ((linears * activation) + constants - (activation * activation))).CopyTo(result[i..]);
        }

        for (; i < a.Length; i++)
        {
            result[i] = gradient[i] * ((linear * a[i]) + constant - (a[i] * a[i]));
        }
    }

    /// <summary>result = source where gate &gt; 0, else slope · source: the rectifiers and their derivatives in one loop.</summary>
    private static void Rectify<T>(ReadOnlySpan<T> gate, ReadOnlySpan<T> source, Span<T> result, T slope)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var slopes = new Vector<T>(slope);
        var i = 0;
        for (; i <= gate.Length - Vector<T>.Count; i += Vector<T>.Count)
        {
            var value = new Vector<T>(source[i..]);
            Vector.ConditionalSelect(Vector.GreaterThan(new Vector<T>(gate[i..]), Vector<T>.Zero), value, value * slopes).CopyTo(result[i..]);
        }

        for (; i < gate.Length; i++)
        {
            result[i] = gate[i] > T.Zero ? source[i] : slope * source[i];
        }
    }
}
