using System.ComponentModel;
using System.Numerics;

namespace NetGen.CompilerServices;

/// <summary>
/// The backward step of a dense layer, Z = W · A + b, from dZ = ∂J/∂Z: the same three equations for every dense layer
/// of every network, so generated code calls them once per layer with its own buffers.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DenseLayer
{
    /// <summary>
    /// dW = (1/m) dZ · Aᵀ + (λ/m) W;  db = (1/m) Σ dZ over the m columns;  dA = Wᵀ · dZ, the gradient the previous
    /// layer needs (skipped when <paramref name="dA"/> is null: nothing uses the gradient with respect to X).
    /// </summary>
    /// <param name="dZ">∂J/∂Z, n[l] × m.</param>
    /// <param name="A">The layer's input A[l-1], n[l-1] × m.</param>
    /// <param name="W">The weights, n[l] × n[l-1].</param>
    /// <param name="dW">Receives ∂J/∂W.</param>
    /// <param name="db">Receives ∂J/∂b.</param>
    /// <param name="dA">Receives ∂J/∂A[l-1], or null.</param>
    /// <param name="oneOverM">1/m.</param>
    /// <param name="lambdaOverM">λ/m, the L2 weight decay (0 for none).</param>
    public static void Backward<T>(Matrix<T> dZ, Matrix<T> A, Matrix<T> W, Matrix<T> dW, Matrix<T> db, Matrix<T>? dA, T oneOverM, T lambdaOverM)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Kernels.MultiplyTransposeRight(dZ, A, dW, oneOverM);
        Regularization.AddWeightDecay(dW, W, lambdaOverM);
        Kernels.SumRows(dZ, db, oneOverM);
        if (dA is not null)
        {
            Kernels.MultiplyTransposeLeft(W, dZ, dA);
        }
    }
}
