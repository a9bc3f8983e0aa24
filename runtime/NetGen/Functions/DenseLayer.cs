using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace NetGen.CompilerServices;

/// <summary>
/// The steps of a dense layer, Z = W · A + b, that are the same for every dense layer of every network, so generated
/// code calls them once per layer with its own buffers: the backward step from dZ = ∂J/∂Z, and the forward step of a
/// single example, which prediction runs on spans.
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

    /// <summary>
    /// One example through the layer: a = g(W · x + b), z computed in a's place, on spans (a single prediction's buffers
    /// are on the stack). The same arithmetic as the forward step of a one-column matrix, so a single example gives the
    /// same bits either way.
    /// </summary>
    /// <param name="W">The weights, n × k.</param>
    /// <param name="x">The layer's input, k values.</param>
    /// <param name="b">The biases, n × 1.</param>
    /// <param name="a">Receives g(W · x + b), n values.</param>
    /// <param name="activation">g.</param>
    /// <exception cref="ArgumentException">A span's length does not fit W.</exception>
    // Inlined into the generated PredictExample, as MatrixVector's row dispatchers are into it: the JIT's profile does
    // this for a single example's short calls, Native AOT left each a call.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ForwardExample<T, TActivation>(Matrix<T> W, ReadOnlySpan<T> x, Matrix<T> b, Span<T> a, TActivation activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TActivation : struct, IActivationOperator<T>
    {
        ArgumentNullException.ThrowIfNull(W);
        ArgumentNullException.ThrowIfNull(b);
        Shapes.RequireLength(x.Length, W.Columns, nameof(x));
        Shapes.RequireLength(a.Length, W.Rows, nameof(a));
        MatrixVector<T>.MultiplyAddBias(W.AsSpan(), x, b.AsSpan(), a, W.Rows, W.Columns);
        activation.Forward(a, a, a.Length);
    }
}
