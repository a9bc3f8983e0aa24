using System.ComponentModel;
using System.Numerics;

namespace NetGen.CompilerServices;

/// <summary>
/// The matrix products of forward and backward propagation, and the small operations around them. Transposes are
/// never materialized: each product reads its operands in the order it needs. Every method checks shapes.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Kernels
{
    /// <summary>Z = W · A + b, with b added to every column: the linear part of a dense layer.</summary>
    /// <param name="W">n × k.</param>
    /// <param name="A">k × m.</param>
    /// <param name="b">n × 1.</param>
    /// <param name="Z">n × m, overwritten.</param>
    public static void MultiplyAddBias<T>(Matrix<T> W, Matrix<T> A, Matrix<T> b, Matrix<T> Z)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Shapes.RequireRows(A, W.Columns, nameof(A));
        Shapes.Require(b, W.Rows, 1, nameof(b));
        Shapes.Require(Z, W.Rows, A.Columns, nameof(Z));
        DenseProducts.MultiplyAddBias(W.AsSpan(), A.AsSpan(), b.AsSpan(), Z.AsSpan(), W.Rows, W.Columns, A.Columns);
    }

    /// <summary>dW = scale · dZ · Aᵀ: the weight gradient, with scale = 1/m.</summary>
    /// <param name="dZ">n × m.</param>
    /// <param name="A">k × m.</param>
    /// <param name="dW">n × k, overwritten.</param>
    /// <param name="scale">The factor applied to every element, 1/m for the mean over the batch.</param>
    public static void MultiplyTransposeRight<T>(Matrix<T> dZ, Matrix<T> A, Matrix<T> dW, T scale)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Shapes.Require(A, A.Rows, dZ.Columns, nameof(A));
        Shapes.Require(dW, dZ.Rows, A.Rows, nameof(dW));
        DenseProducts.MultiplyTransposeRight(dZ.AsSpan(), A.AsSpan(), dW.AsSpan(), dZ.Rows, A.Rows, dZ.Columns, scale);
    }

    /// <summary>dA = Wᵀ · dZ: the gradient passed back to the previous layer.</summary>
    /// <param name="W">n × k.</param>
    /// <param name="dZ">n × m.</param>
    /// <param name="dA">k × m, overwritten.</param>
    public static void MultiplyTransposeLeft<T>(Matrix<T> W, Matrix<T> dZ, Matrix<T> dA)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Shapes.RequireRows(dZ, W.Rows, nameof(dZ));
        Shapes.Require(dA, W.Columns, dZ.Columns, nameof(dA));
        DenseProducts.MultiplyTransposeLeft(W.AsSpan(), dZ.AsSpan(), dA.AsSpan(), W.Rows, W.Columns, dZ.Columns);
    }

    /// <summary>db = scale · Σ dZ over the columns: the bias gradient (n × 1), with scale = 1/m.</summary>
    public static void SumRows<T>(Matrix<T> dZ, Matrix<T> db, T scale)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Shapes.Require(db, dZ.Rows, 1, nameof(db));
        var sums = db.AsSpan();
        for (var i = 0; i < dZ.Rows; i++)
        {
            sums[i] = scale * System.Numerics.Tensors.TensorPrimitives.Sum<T>(dZ.Row(i));
        }
    }

    /// <summary>result = a − b, elementwise; result may be a or b.</summary>
    public static void Subtract<T>(Matrix<T> a, Matrix<T> b, Matrix<T> result)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Shapes.Require(b, a.Rows, a.Columns, nameof(b));
        Shapes.Require(result, a.Rows, a.Columns, nameof(result));
        System.Numerics.Tensors.TensorPrimitives.Subtract<T>(a.AsSpan(), b.AsSpan(), result.AsSpan());
    }
}
