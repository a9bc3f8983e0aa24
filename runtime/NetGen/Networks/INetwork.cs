using System;
using System.Collections.Generic;
using System.IO;
using System.Numerics;
using NetGen.CompilerServices;

namespace NetGen;

/// <summary>
/// What every generated network offers, so that code written once (training loops, evaluation, gradient checks,
/// benchmarks) works with any of them. The generated class implements it with members of the same names.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>, from <see cref="NetworkAttribute.Precision"/>.</typeparam>
public interface INetwork<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>The number of input features n[0]: X has this many rows.</summary>
    int InputSize { get; }

    /// <summary>The number of outputs n[L]: Y and the predictions have this many rows.</summary>
    int OutputSize { get; }

    /// <summary>The layers, first to last.</summary>
    IReadOnlyList<LayerInfo> Layers { get; }

    /// <summary>
    /// The architecture in one line, e.g. <c>30 → 20 ReLU → 1 Sigmoid (float)</c>: what a parameter file must match to
    /// be loaded into this network.
    /// </summary>
    string Architecture { get; }

    /// <summary>The loss the network is trained with, declared or inferred from the output activation.</summary>
    Loss Loss { get; }

    /// <summary>λ, the strength of L2 regularization in the cost and the gradients; 0 (none) unless set.</summary>
    double L2Regularization { get; set; }

    /// <summary>The parameters in layer order: W1, b1, W2, b2, … The same list on every call: optimizers key their state on it.</summary>
    IReadOnlyList<Matrix<T>> Parameters { get; }

    /// <summary>The gradients from the last <see cref="Backward"/>, in the order of <see cref="Parameters"/>: dW1, db1, …</summary>
    IReadOnlyList<Matrix<T>> Gradients { get; }

    /// <summary>Forward propagation of X (n[0] × m), keeping the caches that <see cref="Backward"/> needs.</summary>
    /// <returns>A[L], owned by the network and overwritten by the next call.</returns>
    Matrix<T> Forward(Matrix<T> X);

    /// <summary>The cost of the last <see cref="Forward"/> against the labels Y (n[L] × m).</summary>
    T ComputeCost(Matrix<T> Y);

    /// <summary>Backward propagation from the last <see cref="Forward"/>: fills <see cref="Gradients"/>.</summary>
    void Backward(Matrix<T> Y);

    /// <summary>One step of gradient descent: every parameter P -= learningRate · dP.</summary>
    void Update(T learningRate);

    /// <summary>Forward, cost, backward and update in one call.</summary>
    /// <returns>The cost before the update.</returns>
    T TrainStep(Matrix<T> X, Matrix<T> Y, T learningRate);

    /// <summary>The outputs A[L] for X, in a new matrix, without touching the training caches.</summary>
    Matrix<T> Predict(Matrix<T> X);

    /// <summary>The outputs A[L] for X, written to <paramref name="result"/> (n[L] × m): no allocation.</summary>
    void Predict(Matrix<T> X, Matrix<T> result);

    /// <summary>Mini-batch training with an optimizer: see <see cref="MiniBatchTrainer.Fit{T}"/>.</summary>
    /// <returns>The cost of the last epoch.</returns>
    T Fit(Matrix<T> X, Matrix<T> Y, TrainingOptions options, Func<int, T, bool>? progress = null);

    /// <summary>
    /// The relative difference between backward propagation and finite differences of the cost over every parameter:
    /// see <see cref="GradientCheck.RelativeDifference{T}"/>.
    /// </summary>
    double CheckGradients(Matrix<T> X, Matrix<T> Y, double epsilon);

    /// <summary>Writes the parameters to <paramref name="stream"/> in the format of <see cref="NetworkFile"/>.</summary>
    void Save(Stream stream);

    /// <summary>Reads parameters saved from a network of the same <see cref="Architecture"/>; see <see cref="NetworkFile.Load{T}(INetwork{T}, Stream)"/>.</summary>
    void Load(Stream stream);
}
