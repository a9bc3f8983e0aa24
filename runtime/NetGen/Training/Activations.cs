using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace NetGen;

/// <summary>
/// The activation functions A = g(Z) and their backward steps dZ = dA ⊙ g'(Z), elementwise. The output may be the
/// same matrix as an input.
/// </summary>
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
        ReadOnlySpan<T> gradient = dA.AsSpan(), z = Z.AsSpan();
        var result = dZ.AsSpan();
        var i = 0;
        for (; i <= z.Length - Vector<T>.Count; i += Vector<T>.Count)
        {
            var positive = Vector.GreaterThan(new Vector<T>(z[i..]), Vector<T>.Zero);
            Vector.ConditionalSelect(positive, new Vector<T>(gradient[i..]), Vector<T>.Zero).CopyTo(result[i..]);
        }

        for (; i < z.Length; i++)
        {
            result[i] = z[i] > T.Zero ? gradient[i] : T.Zero;
        }
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
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Shapes.Require(A, dA.Rows, dA.Columns, nameof(A));
        Shapes.Require(dZ, dA.Rows, dA.Columns, nameof(dZ));
        ReadOnlySpan<T> gradient = dA.AsSpan(), a = A.AsSpan();
        var result = dZ.AsSpan();
        var i = 0;
        for (; i <= a.Length - Vector<T>.Count; i += Vector<T>.Count)
        {
            var activation = new Vector<T>(a[i..]);
            (new Vector<T>(gradient[i..]) * activation * (Vector<T>.One - activation)).CopyTo(result[i..]);
        }

        for (; i < a.Length; i++)
        {
            result[i] = gradient[i] * a[i] * (T.One - a[i]);
        }
    }
}
