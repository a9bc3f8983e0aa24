using System;
using System.Collections.Generic;
using NetGen.CompilerServices;

namespace NetGen;

/// <summary>
/// A copy of a single-precision network for single-example prediction, with its weights rounded to bfloat16: half the
/// bytes to stream per prediction, for a lower latency than the network's own <c>Predict</c> where a prediction is
/// bound by reading the weights (layers of tens of thousands of weights; docs/performance.md, "Speed II:
/// single-example latency and serving"). Opt-in, because the outputs change: each weight keeps 8 of its 24
/// significant bits (a relative error of at most 2⁻⁹ ≈ 0.2%); biases, sums and activations stay in single precision.
/// </summary>
/// <remarks>
/// The copy is taken once, when the predictor is created; training the network afterwards does not change it. Any
/// number of threads can predict on one predictor at once, without allocating once each has predicted.
/// </remarks>
/// <example>
/// <code>
/// var fast = new BFloat16Predictor(network);
/// fast.Predict(pixels, probabilities);
/// </code>
/// </example>
public sealed class BFloat16Predictor
{
    private readonly BFloat16Dense[] layers;
    private readonly LayerInfo[] infos;
    private readonly WorkspacePool<Workspace> pool = new();

    /// <summary>Copies the parameters of <paramref name="network"/>, rounding its weights to bfloat16.</summary>
    /// <param name="network">A trained network of dense layers.</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The network lists no layers, or a layer that is not dense.</exception>
    /// <exception cref="InvalidOperationException">
    /// A parameter is not finite, or another thread was training the network while it was copied.
    /// </exception>
    public BFloat16Predictor(INetwork<float> network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var token = network.TrainingGuard.BeginRead(nameof(BFloat16Predictor));
        if (Divergence.FirstNonFiniteParameter(network.Parameters, values: null) is { } bad)
        {
            throw new InvalidOperationException($"The network cannot be copied: {bad}. Train or load it again first.");
        }

        infos = [.. network.Layers];
        if (infos.Length == 0)
        {
            throw new ArgumentException($"The network {network.Architecture} lists no layers: there is nothing to copy.", nameof(network));
        }

        layers = new BFloat16Dense[infos.Length];
        var parameters = network.Parameters;
        for (var l = 0; l < infos.Length; l++)
        {
            var layer = infos[l];
            layers[l] = layer.Kind switch
            {
                LayerKind.Dense => new BFloat16Dense(parameters[2 * l].AsSpan(), parameters[(2 * l) + 1].AsSpan(), layer.Units, layer.Inputs),
                _ => throw new ArgumentException($"Layer {l + 1} of {network.Architecture} is a {layer.Kind} layer, which a bfloat16 predictor cannot copy.", nameof(network)),
            };
        }

        network.TrainingGuard.EndRead(token, nameof(BFloat16Predictor));
        InputSize = network.InputSize;
        OutputSize = network.OutputSize;
    }

    /// <summary>The number of inputs of one example, as in the network.</summary>
    public int InputSize { get; }

    /// <summary>The number of outputs of one example, as in the network.</summary>
    public int OutputSize { get; }

    /// <summary>The outputs of one example, from the bfloat16 weights: the network's forward pass, without dropout.</summary>
    /// <param name="x">The example's <see cref="InputSize"/> inputs.</param>
    /// <param name="output">Receives the <see cref="OutputSize"/> outputs.</param>
    /// <exception cref="ArgumentException">x or output has the wrong length; output is left unchanged.</exception>
    public void Predict(ReadOnlySpan<float> x, Span<float> output)
    {
        Shapes.RequireLength(x.Length, InputSize, nameof(x));
        Shapes.RequireLength(output.Length, OutputSize, nameof(output));
        var workspace = pool.Rent();
        workspace.Allocate(layers);
        x.CopyTo(workspace.Inputs[0]);
        WorkerPool.BeginPrediction();
        try
        {
            for (var l = 0; l < layers.Length; l++)
            {
                var (Z, A) = (workspace.Z[l], workspace.A[l]);
                layers[l].Forward(workspace.Inputs[l], Z.AsSpan());
                Activate(infos[l], Z, A);
                A.AsSpan().CopyTo(l + 1 < layers.Length ? workspace.Inputs[l + 1] : output);
            }
        }
        finally
        {
            WorkerPool.EndPrediction();
        }

        pool.Return(workspace);
    }

    /// <summary>A = g(Z) for one column, with the operators the generated networks use.</summary>
    private static void Activate(LayerInfo layer, Matrix<float> Z, Matrix<float> A)
    {
        switch (layer.Activation)
        {
            case Activation.ReLU:
                Activations.Forward(Z, A, default(ReLUOperator<float>));
                break;
            case Activation.Sigmoid:
                Activations.Forward(Z, A, default(SigmoidOperator<float>));
                break;
            case Activation.Tanh:
                Activations.Forward(Z, A, default(TanhOperator<float>));
                break;
            case Activation.LeakyReLU:
                Activations.Forward(Z, A, new LeakyReLUOperator<float>((float)layer.Slope));
                break;
            case Activation.Softmax:
                Activations.Forward(Z, A, default(SoftmaxOperator<float>));
                break;
            case Activation.Linear:
                Activations.Forward(Z, A, default(LinearOperator<float>));
                break;
            case Activation.SiLU:
                Activations.Forward(Z, A, default(SiLUOperator<float>));
                break;
            default:
                throw new InvalidOperationException($"Unknown activation {layer.Activation}.");
        }
    }

    /// <summary>One call's buffers: each layer's input padded to whole chunks (zeros past the layer's), Z and A.</summary>
    private sealed class Workspace
    {
        public float[][] Inputs { get; private set; } = [];

        public Matrix<float>[] Z { get; private set; } = [];

        public Matrix<float>[] A { get; private set; } = [];

        /// <summary>Creates the buffers on first use (the pool creates workspaces without knowing the network).</summary>
        public void Allocate(IReadOnlyList<BFloat16Dense> layers)
        {
            if (Inputs.Length == layers.Count)
            {
                return;
            }

            Inputs = new float[layers.Count][];
            Z = new Matrix<float>[layers.Count];
            A = new Matrix<float>[layers.Count];
            for (var l = 0; l < layers.Count; l++)
            {
                Inputs[l] = new float[layers[l].PaddedColumns];
                Z[l] = new Matrix<float>(layers[l].Rows, 1);
                A[l] = new Matrix<float>(layers[l].Rows, 1);
            }
        }
    }
}
