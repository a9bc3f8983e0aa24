using System;

namespace NetGen;

/// <summary>
/// Marks a <see langword="partial"/> class as a fixed-architecture neural network. At build time NetGen generates
/// its parameters, forward and backward propagation, cost, update, training and prediction from this attribute and
/// the <see cref="DenseAttribute"/> layers declared on the same class, in declaration order.
/// </summary>
/// <example>
/// <code>
/// [Network(Inputs = 30)]
/// [Dense(20, Activation.ReLU)]
/// [Dense(1, Activation.Sigmoid)]
/// public partial class TumorClassifier;
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class NetworkAttribute : Attribute
{
    /// <summary>The number of input features n[0], the number of rows of X. Required; must be positive.</summary>
    public int Inputs { get; set; }

    /// <summary>
    /// The cost function. When omitted it is inferred from the output activation: <see cref="Loss.BinaryCrossEntropy"/>
    /// for sigmoid, <see cref="Loss.CategoricalCrossEntropy"/> for softmax, <see cref="Loss.MeanSquaredError"/> for linear.
    /// </summary>
    public Loss Loss { get; set; }

    /// <summary>The floating-point type of the generated network. Defaults to <see cref="Precision.Single"/>.</summary>
    public Precision Precision { get; set; } = Precision.Single;

    /// <summary>
    /// How the weights are initialized, for every layer that does not set <see cref="DenseAttribute.Initialization"/>.
    /// <see cref="Initialization.Auto"/> unless set.
    /// </summary>
    public Initialization Initialization { get; set; }

    /// <summary>
    /// A file of trained parameters that the parameterless constructor starts from: an ONNX model (a chain of
    /// <c>Gemm</c> or <c>MatMul</c> + <c>Add</c>, each followed by <c>Relu</c>, <c>LeakyRelu</c>, <c>Tanh</c>,
    /// <c>Sigmoid</c>, <c>Softmax</c> or nothing) or a NetGen parameter file (<c>Save</c>). The file must be an
    /// <c>AdditionalFiles</c> item of the project; the path is matched against the items' paths, relative to the file that
    /// declares the network or as a trailing part of an item's path. At build time NetGen reads it, checks it against the
    /// declared layers and precision (a mismatch is an error naming both architectures) and embeds the parameters in the
    /// assembly: <c>new Net()</c> starts from them with no file access at run time, while <c>new Net(seed)</c> still
    /// initializes randomly. Null (the default) generates no parameterless constructor.
    /// </summary>
    public string? Weights { get; set; }
}
