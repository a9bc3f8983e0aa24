using System;
using System.ComponentModel;
using System.Numerics;

namespace NetGen.CompilerServices;

/// <summary>
/// The per-batch buffers of a generated network, sized together for the m columns of the current batch: they
/// allocate only for a batch larger than any before, and reuse their storage for smaller ones. For the training
/// caches it also records whether they hold a complete forward pass, which cost and backward propagation read.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class BatchCaches<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly Matrix<T>[] buffers;
    private bool holdsForwardPass;

    /// <summary>Groups the buffers, each created with 0 columns.</summary>
    public BatchCaches(params Matrix<T>[] buffers)
    {
        ArgumentNullException.ThrowIfNull(buffers);
        this.buffers = buffers;
    }

    /// <summary>m, the number of columns every buffer has now.</summary>
    public int BatchSize { get; private set; }

    /// <summary>Gives every buffer <paramref name="batchSize"/> columns.</summary>
    public void Resize(int batchSize)
    {
        if (batchSize == BatchSize)
        {
            return;
        }

        foreach (var buffer in buffers)
        {
            buffer.Resize(batchSize);
        }

        BatchSize = batchSize;
    }

    /// <summary>
    /// Starts a forward pass: checks that X has <paramref name="inputSize"/> rows, sizes the buffers for its columns and
    /// forgets the previous pass until <see cref="EndForward"/>.
    /// </summary>
    /// <returns>X, which the network caches as A0.</returns>
    /// <exception cref="ArgumentException">X does not have <paramref name="inputSize"/> rows.</exception>
    public Matrix<T> BeginForward(Matrix<T> X, int inputSize)
    {
        Shapes.RequireRows(X, inputSize, nameof(X));
        holdsForwardPass = false;
        Resize(X.Columns);
        return X;
    }

    /// <summary>Records that the buffers hold a complete forward pass.</summary>
    /// <returns><paramref name="output"/>, the pass's A[L].</returns>
    public Matrix<T> EndForward(Matrix<T> output)
    {
        holdsForwardPass = true;
        return output;
    }

    /// <summary>Checks that a forward pass has filled the buffers and that Y is <paramref name="outputSize"/> × m for its m.</summary>
    /// <returns>m, the number of examples of that pass.</returns>
    /// <exception cref="InvalidOperationException">No forward pass has completed.</exception>
    /// <exception cref="ArgumentException">Y has the wrong shape.</exception>
    public int RequireForwardPass(Matrix<T> Y, int outputSize)
    {
        if (!holdsForwardPass)
        {
            throw new InvalidOperationException("Call Forward(X) first: ComputeCost and Backward use the caches of the last forward pass.");
        }

        Shapes.Require(Y, outputSize, BatchSize, nameof(Y));
        return BatchSize;
    }
}
