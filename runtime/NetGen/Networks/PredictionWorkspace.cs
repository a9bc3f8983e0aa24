using System;
using System.Buffers;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace NetGen.CompilerServices;

/// <summary>
/// The buffers of one batch prediction at a time: the activations of the hidden layers, which a generated network's
/// nested <c>PredictionWorkspace</c> declares and groups with <see cref="Group"/> so that they are sized together for
/// the m columns of each batch, and the logits when the caller does not want them.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class PredictionWorkspace<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private BatchCaches<T>? activations;

    /// <summary>Creates the logits, without columns.</summary>
    protected PredictionWorkspace(int outputSize) => Logits = new Matrix<T>(outputSize, 0);

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
/// The forward pass of a single example in a generated network: x through every layer, on <paramref name="buffers"/>,
/// whose first n[L] values receive the outputs and whose rest holds the activations of the hidden layers.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <param name="x">The example's n[0] input values.</param>
/// <param name="buffers">The call's own buffers, as many values as the network asked for.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate void ExampleForward<T>(ReadOnlySpan<T> x, Span<T> buffers);

/// <summary>
/// What the <c>Predict</c> methods of every generated network do: check that no other thread trains the network and
/// the shapes of the arguments, then run the network's generated forward pass on buffers of the call's own. A batch
/// rents a workspace, sizes it for its m columns and gives it back; a single example (a span, or a one-column X without
/// logits) runs on the stack, or on a pooled array when its activations are too many for the stack. Any number of
/// threads can predict at once, without allocating once the pools have warmed up.
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
    private readonly ExampleForward<T> forwardExample;
    private readonly int exampleBuffers;
    private readonly WorkspacePool<TWorkspace> pool = new();

    /// <summary>
    /// The prediction of one network, whose forward pass from X into the logits Z[L] and the outputs, on a workspace, is
    /// <paramref name="forward"/>, and whose forward pass of a single example, on <paramref name="exampleBuffers"/>
    /// values, is <paramref name="forwardExample"/>.
    /// </summary>
    public PredictionWorkspaces(
        TrainingGuard trainingGuard, int inputSize, int outputSize, Action<Matrix<T>, Matrix<T>, Matrix<T>, TWorkspace> forward, ExampleForward<T> forwardExample, int exampleBuffers)
    {
        ArgumentNullException.ThrowIfNull(trainingGuard);
        ArgumentNullException.ThrowIfNull(forward);
        ArgumentNullException.ThrowIfNull(forwardExample);
        ArgumentOutOfRangeException.ThrowIfLessThan(exampleBuffers, outputSize);
        this.trainingGuard = trainingGuard;
        this.inputSize = inputSize;
        this.outputSize = outputSize;
        this.forward = forward;
        this.forwardExample = forwardExample;
        this.exampleBuffers = exampleBuffers;
    }

    /// <summary>
    /// The most values a single example's buffers take on the stack (16 KiB); beyond, they come from a shared pool. A
    /// prediction may run on a thread-pool thread, whose stack is smaller than the main thread's.
    /// </summary>
    internal static int StackLimit => 16 * 1024 / Unsafe.SizeOf<T>();

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

        if (X.Columns == 1 && logits is null)
        {
            PredictExample(X.AsSpan(), result.AsSpan(), token);
            return;
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
        PredictExample(x, output, token);
    }

    /// <summary>
    /// A single example, its lengths checked: the forward pass on buffers of this call's own, then the outputs copied
    /// once the training guard has confirmed that no training call overlapped (when one did, output is unchanged).
    /// </summary>
    private void PredictExample(ReadOnlySpan<T> x, Span<T> output, int token)
    {
        T[]? rented = null;
        var buffers = exampleBuffers <= StackLimit
            ? CacheAligned<T>.Align(stackalloc T[exampleBuffers + CacheAligned<T>.Slack], exampleBuffers)
            : (rented = ArrayPool<T>.Shared.Rent(exampleBuffers)).AsSpan(0, exampleBuffers);
        WorkerPool.BeginPrediction();
        try
        {
            forwardExample(x, buffers);
        }
        finally
        {
            WorkerPool.EndPrediction();
        }

        trainingGuard.EndRead(token, nameof(Predict));
        buffers[..outputSize].CopyTo(output);
        if (rented is not null)
        {
            ArrayPool<T>.Shared.Return(rented);
        }
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
