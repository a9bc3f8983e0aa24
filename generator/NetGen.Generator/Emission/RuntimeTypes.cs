namespace NetGen.Generator.Emission;

/// <summary>
/// Every type the generated code names, fully qualified, in one place: the runtime's user-facing types (<c>NetGen</c>),
/// its plumbing for generated code (<c>NetGen.CompilerServices</c>) and the few BCL types the members expose.
/// </summary>
internal static class RuntimeTypes
{
    private const string NetGen = "global::NetGen.";
    private const string CompilerServices = "global::NetGen.CompilerServices.";

    // User-facing types.
    public const string Matrix = NetGen + "Matrix";
    public const string INetwork = NetGen + "INetwork";
    public const string LayerInfo = NetGen + "LayerInfo";
    public const string LayerKind = NetGen + "LayerKind";
    public const string Activation = NetGen + "Activation";
    public const string Loss = NetGen + "Loss";

    // Plumbing for generated code.
    public const string Activations = CompilerServices + "Activations";
    public const string BatchCaches = CompilerServices + "BatchCaches";
    public const string DenseLayer = CompilerServices + "DenseLayer";
    public const string DeterministicRandom = CompilerServices + "DeterministicRandom";
    public const string DropoutMasks = CompilerServices + "DropoutMasks";
    public const string GradientCheck = CompilerServices + "GradientCheck";
    public const string Initializers = CompilerServices + "Initializers";
    public const string Kernels = CompilerServices + "Kernels";
    public const string Losses = CompilerServices + "Losses";
    public const string PredictionWorkspace = CompilerServices + "PredictionWorkspace";
    public const string PredictionWorkspaces = CompilerServices + "PredictionWorkspaces";
    public const string Regularization = CompilerServices + "Regularization";
    public const string SmallDense = CompilerServices + "SmallDense";
    public const string TrainingGuard = CompilerServices + "TrainingGuard";
    public const string WeightDecay = CompilerServices + "WeightDecay";

    /// <summary>An activation operator struct of the runtime, <c>NetGen.CompilerServices.{name}&lt;T&gt;</c>.</summary>
    public static string Operator(string name, string elementType) => $"{CompilerServices}{name}<{elementType}>";

    // The BCL.
    public const string Array = "global::System.Array";
    public const string GeneratedCode = "global::System.CodeDom.Compiler.GeneratedCode";
    public const string IReadOnlyList = "global::System.Collections.Generic.IReadOnlyList";
    public const string ReadOnlySpan = "global::System.ReadOnlySpan";
    public const string Span = "global::System.Span";
}
