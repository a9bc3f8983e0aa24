using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Numerics;
using NetGen.CompilerServices;

namespace NetGen;

/// <summary>
/// What every generated network offers, so that code written once (training loops, evaluation, gradient checks,
/// benchmarks) works with any of them. The generated class implements it with members of the same names, which
/// inherit the documentation below and add their own shapes and equations. What is the same for every network —
/// training (<c>TrainStep</c>, <c>Update</c>, <c>Fit</c>), the allocating <c>Predict(X)</c>, <c>Save</c> and
/// <c>Load</c> — is written once, over this interface, as the extension methods of <see cref="NetworkExtensions"/>.
/// </summary>
/// <remarks>
/// <para>
/// Thread safety: prediction is safe from any number of threads at once while the network is not being trained;
/// training methods run on one thread at a time and throw <see cref="InvalidOperationException"/> when called while
/// another thread trains.
/// </para>
/// <para>
/// Each prediction runs on buffers of its own, rented from a small pool that the network keeps, and gives the same bits
/// as the same prediction made alone; a shared, trained network (one instance serving a web application's requests)
/// needs no lock. A prediction made while another thread is inside a training method throws
/// <see cref="InvalidOperationException"/> instead of reading parameters halfway through an update.
/// </para>
/// </remarks>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>, from <see cref="NetworkAttribute.Precision"/>.</typeparam>
public interface INetwork<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>The number of input features n[0]: X has this many rows.</summary>
    int InputSize { get; }

    /// <summary>The number of outputs n[L]: Y and the predictions have this many rows.</summary>
    int OutputSize { get; }

    /// <summary>The layers, first to last: n[l-1] inputs, n[l] units, kind and activation g[l].</summary>
    IReadOnlyList<LayerInfo> Layers { get; }

    /// <summary>
    /// The architecture in one line, e.g. <c>30 → 20 ReLU → 1 Sigmoid (float)</c>: what a parameter file must match to
    /// be loaded into this network.
    /// </summary>
    string Architecture { get; }

    /// <summary>The loss the network is trained with, declared or inferred from the output activation.</summary>
    Loss Loss { get; }

    /// <summary>
    /// λ, the strength of L2 regularization: the cost gains (λ/2m) Σ ‖W[l]‖² and each dW[l] gains (λ/m) W[l].
    /// 0 (none) unless set.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value set is negative, infinite or NaN.</exception>
    double L2Regularization { get; set; }

    /// <summary>The parameters in layer order: W1, b1, W2, b2, … The same list on every call: optimizers key their state on it.</summary>
    IReadOnlyList<Matrix<T>> Parameters { get; }

    /// <summary>The gradients from the last <see cref="Backward"/>, in the order of <see cref="Parameters"/>: dW1, db1, …</summary>
    IReadOnlyList<Matrix<T>> Gradients { get; }

    /// <summary>Forward propagation of X, keeping the caches that <see cref="Backward"/> needs.</summary>
    /// <param name="X">The inputs, n[0] × m: one column per example.</param>
    /// <returns>A[L], the outputs (n[L] × m), owned by the network and overwritten by the next call.</returns>
    /// <exception cref="ArgumentException">X does not have n[0] rows.</exception>
    /// <exception cref="InvalidOperationException">Another thread is inside a training method of this network.</exception>
    /// <remarks>X itself is cached as A0, not copied: leave it unchanged until <see cref="Backward"/> has run.</remarks>
    Matrix<T> Forward(Matrix<T> X);

    /// <summary>The cost J of the last <see cref="Forward"/> against the labels Y.</summary>
    /// <param name="Y">The labels, n[L] × m.</param>
    /// <exception cref="ArgumentException">Y is not n[L] × m for the m of the last forward pass.</exception>
    /// <exception cref="InvalidOperationException">
    /// <see cref="Forward"/> has not run, or another thread is inside a training method of this network.
    /// </exception>
    T ComputeCost(Matrix<T> Y);

    /// <summary>Backward propagation from the caches of the last <see cref="Forward"/>: fills <see cref="Gradients"/>.</summary>
    /// <param name="Y">The labels, n[L] × m.</param>
    /// <exception cref="ArgumentException">Y is not n[L] × m for the m of the last forward pass.</exception>
    /// <exception cref="InvalidOperationException">
    /// <see cref="Forward"/> has not run, or another thread is inside a training method of this network.
    /// </exception>
    void Backward(Matrix<T> Y);

    /// <summary>
    /// The network's outputs A[L] for X, written to <paramref name="result"/> without allocating once the batch size is
    /// known; <see cref="NetworkExtensions.Predict{T}(INetwork{T}, Matrix{T})"/> returns them in a new matrix instead.
    /// </summary>
    /// <param name="X">The inputs, n[0] × m.</param>
    /// <param name="result">Receives the outputs: n[L] × m.</param>
    /// <exception cref="ArgumentException">X or result has the wrong shape.</exception>
    /// <exception cref="InvalidOperationException">Another thread is inside a training method of this network.</exception>
    /// <remarks>
    /// Prediction is safe from any number of threads at once while the network is not being trained; training methods
    /// run on one thread at a time and throw <see cref="InvalidOperationException"/> when called while another thread trains.
    /// </remarks>
    void Predict(Matrix<T> X, Matrix<T> result);

    /// <summary>
    /// Infrastructure, not for user code: <see cref="Predict(Matrix{T}, Matrix{T})"/> that also writes the output
    /// layer's Z[L] to <paramref name="logits"/>, from which <c>Evaluate</c> computes cross-entropies as stably as
    /// <see cref="ComputeCost"/> does. Same safety as <c>Predict</c>.
    /// </summary>
    /// <param name="X">The inputs, n[0] × m.</param>
    /// <param name="result">Receives the outputs A[L]: n[L] × m.</param>
    /// <param name="logits">Receives Z[L], n[L] × m (equal to A[L] for a linear output).</param>
    /// <exception cref="ArgumentException">X, result or logits has the wrong shape.</exception>
    /// <exception cref="InvalidOperationException">Another thread is inside a training method of this network.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    void Predict(Matrix<T> X, Matrix<T> result, Matrix<T> logits);

    /// <summary>The network's outputs for a single example x, written to <paramref name="output"/> without allocating.</summary>
    /// <param name="x">The example's n[0] input features.</param>
    /// <param name="output">Receives its n[L] outputs.</param>
    /// <exception cref="ArgumentException">x does not have n[0] elements or output does not have n[L].</exception>
    /// <exception cref="InvalidOperationException">Another thread is inside a training method of this network.</exception>
    /// <remarks>
    /// The same bits as <see cref="Predict(Matrix{T}, Matrix{T})"/> of a one-column X. Prediction is safe from any number
    /// of threads at once while the network is not being trained; training methods run on one thread at a time and throw
    /// <see cref="InvalidOperationException"/> when called while another thread trains.
    /// </remarks>
    void Predict(ReadOnlySpan<T> x, Span<T> output);

    /// <summary>
    /// Checks backward propagation against central finite differences of the cost over every parameter:
    /// ‖grad − approx‖ / (‖grad‖ + ‖approx‖), about 1e-7 or less for a correct double-precision network (single
    /// precision: about 1e-3, with ε = 1e-3). Dropout masks are held fixed and the parameters restored exactly; see
    /// <see cref="GradientCheck.RelativeDifference{T}"/>.
    /// </summary>
    /// <param name="X">The inputs, n[0] × m; a few examples are enough.</param>
    /// <param name="Y">The labels, n[L] × m.</param>
    /// <param name="epsilon">The perturbation ε.</param>
    /// <returns>The relative difference between the gradients of <see cref="Backward"/> and their finite-difference estimates.</returns>
    /// <exception cref="ArgumentException">X or Y has the wrong shape.</exception>
    /// <exception cref="InvalidOperationException">Another thread is inside a training method of this network.</exception>
    double CheckGradients(Matrix<T> X, Matrix<T> Y, double epsilon);

    /// <summary>
    /// Infrastructure, not for user code: the guard that the training operations of <see cref="NetworkExtensions"/>
    /// (and the generated propagation) enter, so that one network trains on one thread at a time. A call made while
    /// another thread trains the network throws <see cref="InvalidOperationException"/>.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    TrainingGuard TrainingGuard { get; }

    /// <summary>
    /// Infrastructure, not for user code: the generator of the dropout masks of training passes, whose position a
    /// checkpoint saves; <see langword="null"/> for a network without dropout.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    DropoutMasks? DropoutMasks => null;
}
