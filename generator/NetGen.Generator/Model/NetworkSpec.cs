using System.Linq;
using NetGen.Generator.LayerKinds;

namespace NetGen.Generator.Model;

/// <summary>
/// Everything the emitter needs to write one network, and nothing else: strings, numbers, enums and equatable arrays
/// only (no symbols, syntax or locations), so an unchanged declaration is cached across edits.
/// </summary>
/// <param name="Type">Where the user's partial class lives, to reopen it.</param>
/// <param name="Inputs">n[0], the number of input features.</param>
/// <param name="Layers">The layers in order, layer 1 first.</param>
/// <param name="Loss">The cost function, as declared or inferred.</param>
/// <param name="Precision">The floating-point type.</param>
internal sealed record NetworkSpec(
    TypeHierarchy Type,
    int Inputs,
    EquatableArray<LayerSpec> Layers,
    Loss Loss,
    Precision Precision)
{
    /// <summary>L, the number of layers (the input layer is not counted).</summary>
    public int LayerCount => Layers.Count;

    /// <summary>n[L], the number of outputs.</summary>
    public int Outputs => Layers[Layers.Count - 1].Units;

    /// <summary>Whether any layer uses dropout, which needs a random source and masks.</summary>
    public bool HasDropout => Layers.Any(layer => layer.HasDropout);

    /// <summary>n[l] for l = 0..L: the input size, then every layer's units.</summary>
    public int Size(int layer) => layer == 0 ? Inputs : Layers[layer - 1].Units;

    /// <summary>Every trainable parameter of every layer, as the layers' kinds count them.</summary>
    public long ParameterCount => Layers.Sum(layer => layer.ParameterCount);

    /// <summary>The bytes the parameters take: <see cref="ParameterCount"/> × the size of the precision's type.</summary>
    public long ParameterBytes => ParameterCount * (Precision == Precision.Double ? sizeof(double) : sizeof(float));

    /// <summary>Floating-point operations of one example's forward propagation, as the layers' kinds count them.</summary>
    public long ForwardFlops => Layers.Sum(layer => layer.Kind.ForwardFlops(layer));

    /// <summary>Floating-point operations of one example's backward propagation (the first layer computes no dA[0]).</summary>
    public long BackwardFlops => Layers.Select((layer, i) => layer.Kind.BackwardFlops(layer, computesInputGradient: i > 0)).Sum();
}

/// <summary>One layer: its kind and shape, the activation g[l] and how it is trained.</summary>
/// <param name="Kind">What the layer computes before its activation, and so what its parameters are.</param>
/// <param name="Inputs">n[l-1], the size of its input.</param>
/// <param name="Units">n[l], the size of its output.</param>
/// <param name="Activation">g[l].</param>
/// <param name="Slope">α of a leaky ReLU (unused by other activations).</param>
/// <param name="Dropout">The fraction of units inverted dropout switches off in training; 0 for none.</param>
/// <param name="Initialization">How the weights are drawn, resolved (never <see cref="Initialization.Auto"/>).</param>
internal readonly record struct LayerSpec(
    LayerKind Kind,
    int Inputs,
    int Units,
    Activation Activation,
    double Slope,
    double Dropout,
    Initialization Initialization)
{
    public bool HasDropout => Dropout > 0;

    /// <summary>The row of the layer's activation.</summary>
    public ActivationDescriptor Descriptor => ActivationDescriptor.For(Activation);

    /// <summary>The layer's trainable parameters, from its kind.</summary>
    public System.Collections.Generic.IReadOnlyList<ParameterShape> Parameters => Kind.Parameters(this);

    public long ParameterCount => Parameters.Sum(parameter => parameter.Count);
}

/// <summary>The namespace and the chain of containing types of a network class, outermost first.</summary>
/// <param name="Namespace">The namespace, or an empty string for the global namespace.</param>
/// <param name="ContainingTypes">The types that contain the network class, outermost first.</param>
/// <param name="Name">The network class's own name, escaped as written (<c>@class</c>).</param>
/// <param name="MetadataName">
/// The class's full metadata name, <c>Namespace.Outer+Name</c>: distinct for distinct types (unlike <c>Namespace.Outer.Name</c>,
/// which a class <c>Name</c> in namespace <c>Namespace.Outer</c> shares), and free of escapes, so it names the generated file.
/// </param>
/// <param name="HasGeneratedCodeAttribute">
/// Whether the class already carries <c>[GeneratedCode]</c> (written by another tool), which the generated declaration
/// then does not repeat: the attribute allows one use (CS0579).
/// </param>
internal sealed record TypeHierarchy(
    string Namespace,
    EquatableArray<ContainingType> ContainingTypes,
    string Name,
    string MetadataName,
    bool HasGeneratedCodeAttribute);

/// <summary>A type that contains the network class, with the keyword needed to reopen it (<c>class</c>, <c>record struct</c>…).</summary>
internal readonly record struct ContainingType(string Keyword, string Name);

/// <summary>What one <c>[Network]</c> class yields: a spec to emit when it has no errors, and its diagnostics.</summary>
internal sealed record NetworkResult(NetworkSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics)
{
    public static NetworkResult None { get; } = new(null, EquatableArray<DiagnosticInfo>.Empty);
}
