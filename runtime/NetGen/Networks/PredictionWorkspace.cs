using System;
using System.ComponentModel;
using System.Numerics;

namespace NetGen.CompilerServices;

/// <summary>
/// The buffers of one prediction at a time: a single example's input and output, and the activations of the hidden
/// layers, which a generated network's nested <c>PredictionWorkspace</c> declares and groups with <see cref="Group"/>
/// so that they are sized together for the m columns of each batch.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class PredictionWorkspace<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private BatchCaches<T>? activations;

    /// <summary>Creates the one-column buffers of a single example, and the logits without columns.</summary>
    protected PredictionWorkspace(int inputSize, int outputSize)
    {
        Input = new Matrix<T>(inputSize, 1);
        Output = new Matrix<T>(outputSize, 1);
        Logits = new Matrix<T>(outputSize, 0);
    }

    /// <summary>A single example's input, n[0] × 1.</summary>
    public Matrix<T> Input { get; }

    /// <summary>A single example's output, n[L] × 1.</summary>
    public Matrix<T> Output { get; }

    /// <summary>The output layer's Z[L], n[L] × m, when the caller does not want it.</summary>
    public Matrix<T> Logits { get; }

    /// <summary>Gives every activation, and the logits, <paramref name="batchSize"/> columns.</summary>
    public void Resize(int batchSize)
    {
        activations?.Resize(batchSize);
        Logits.Resize(batchSize);
    }

    /// <summary>Groups the activations of the hidden layers, each created with 0 columns, which <see cref="Resize"/> sizes.</summary>
    protected void Group(params Matrix<T>[] activations) => this.activations = new BatchCaches<T>(activations);
}

/// <summary>
/// What the <c>Predict</c> methods of every generated network do: check that no other thread trains the network and
/// the shapes of the arguments, rent a workspace of the call's own, size it for the batch, run the network's generated
/// forward pass on it and give it back. Any number of threads can predict at once, without allocating once the pool has
/// warmed up.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <typeparam name="TWorkspace">The network's nested workspace.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PredictionWorkspaces<T, TWorkspace>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
    where TWorkspace : PredictionWorkspace<T>, new()
{
    private readonly TrainingGuard trainingGuard;
    private readonly int inputSize;
    private readonly int outputSize;
    private readonly Action<Matrix<T>, Matrix<T>, Matrix<T>, TWorkspace> forward;
    private readonly WorkspacePool<TWorkspace> pool = new();

    /// <summary>
    /// The workspaces of one network, whose forward pass from X into the logits Z[L] and the outputs, on a workspace, is
    /// <paramref name="forward"/>.
    /// </summary>
    public PredictionWorkspaces(TrainingGuard trainingGuard, int inputSize, int outputSize, Action<Matrix<T>, Matrix<T>, Matrix<T>, TWorkspace> forward)
    {
        ArgumentNullException.ThrowIfNull(trainingGuard);
        ArgumentNullException.ThrowIfNull(forward);
        this.trainingGuard = trainingGuard;
        this.inputSize = inputSize;
        this.outputSize = outputSize;
        this.forward = forward;
    }

    /// <summary>The outputs for X (n[0] × m) into result (n[L] × m).</summary>
    /// <exception cref="InvalidOperationException">
    /// Another thread was inside a training call on the network when the prediction began, or entered one before it ended
    /// (then result may hold a mixture of two networks' outputs).
    /// </exception>
    /// <exception cref="ArgumentException">X or result has the wrong shape.</exception>
    public void Predict(Matrix<T> X, Matrix<T> result) => Predict(X, result, logits: null);

    /// <summary>
    /// The outputs for X (n[0] × m) into result (n[L] × m), and the output layer's Z[L] into
    /// <paramref name="logits"/> (n[L] × m), or into the workspace when it is <see langword="null"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// Another thread was inside a training call on the network when the prediction began, or entered one before it ended.
    /// </exception>
    /// <exception cref="ArgumentException">X, result or logits has the wrong shape.</exception>
    public void Predict(Matrix<T> X, Matrix<T> result, Matrix<T>? logits)
    {
        var token = trainingGuard.BeginRead(nameof(Predict));
        Shapes.RequireRows(X, inputSize, nameof(X));
        Shapes.Require(result, outputSize, X.Columns, nameof(result));
        if (logits is not null)
        {
            Shapes.Require(logits, outputSize, X.Columns, nameof(logits));
        }

        var workspace = pool.Rent();
        workspace.Resize(X.Columns);
        Forward(X, logits ?? workspace.Logits, result, workspace);
        pool.Return(workspace);
        trainingGuard.EndRead(token, nameof(Predict));
    }

    /// <summary>The outputs (n[L] elements) of one example x (n[0] elements).</summary>
    /// <exception cref="InvalidOperationException">
    /// Another thread was inside a training call on the network when the prediction began, or entered one before it
    /// ended; output is left unchanged.
    /// </exception>
    /// <exception cref="ArgumentException">x or output has the wrong length.</exception>
    public void Predict(ReadOnlySpan<T> x, Span<T> output)
    {
        var token = trainingGuard.BeginRead(nameof(Predict));
        Shapes.RequireLength(x.Length, inputSize, nameof(x));
        Shapes.RequireLength(output.Length, outputSize, nameof(output));
        var workspace = pool.Rent();
        workspace.Resize(1);
        x.CopyTo(workspace.Input.AsSpan());
        Forward(workspace.Input, workspace.Logits, workspace.Output, workspace);
        trainingGuard.EndRead(token, nameof(Predict));
        workspace.Output.AsSpan().CopyTo(output);
        pool.Return(workspace);
    }

    /// <summary>The generated forward pass, counted as a running prediction (see <see cref="WorkerPool.SeveralPredictionsRunning"/>).</summary>
    private void Forward(Matrix<T> X, Matrix<T> logits, Matrix<T> result, TWorkspace workspace)
    {
        WorkerPool.BeginPrediction();
        try
        {
            forward(X, logits, result, workspace);
        }
        finally
        {
            WorkerPool.EndPrediction();
        }
    }
}
