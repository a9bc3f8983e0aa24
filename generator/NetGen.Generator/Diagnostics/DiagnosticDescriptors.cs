using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace NetGen.Generator.Diagnostics;

/// <summary>
/// Every diagnostic NetGen reports, in one place. Each has a help page <c>docs/diagnostics/NGxxxx.md</c> with a wrong
/// and a fixed example, and a row in <c>AnalyzerReleases.Unshipped.md</c>.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "NetGen";

    /// <summary>Where the help pages live; the ID and <c>.md</c> are appended.</summary>
    private const string HelpLinkBase = "https://github.com/netgen-dev/netgen/blob/main/docs/diagnostics/";

    /// <summary>Format: <c>'{0}' must be declared partial so that NetGen can add the generated network to it</c>.</summary>
    public static readonly DiagnosticDescriptor TypeMustBePartial = Error(
        "NG0001",
        "Network class must be partial",
        "'{0}' must be declared partial so that NetGen can add the generated network to it");

    /// <summary>Format: <c>The network class '{0}' cannot be {1}</c>.</summary>
    public static readonly DiagnosticDescriptor UnsupportedNetworkClass = Error(
        "NG0002",
        "Unsupported network class",
        "The network class '{0}' cannot be {1}");

    /// <summary>Format: <c>The network '{0}' declares no layers; add at least one [Dense(units, activation)] attribute</c>.</summary>
    public static readonly DiagnosticDescriptor NoLayers = Error(
        "NG0003",
        "Network has no layers",
        "The network '{0}' declares no layers; add at least one [Dense(units, activation)] attribute");

    /// <summary>Format: <c>The network '{0}' needs Inputs greater than 0 (the number of input features), but Inputs is {1}</c>.</summary>
    public static readonly DiagnosticDescriptor InvalidInputs = Error(
        "NG0004",
        "Invalid input count",
        "The network '{0}' needs Inputs greater than 0 (the number of input features), but Inputs is {1}");

    /// <summary>Format: <c>Layer {0} of '{1}' has {2} units, but a layer needs at least 1</c>.</summary>
    public static readonly DiagnosticDescriptor InvalidUnits = Error(
        "NG0005",
        "Invalid unit count",
        "Layer {0} of '{1}' has {2} units, but a layer needs at least 1");

    /// <summary>Format: <c>{0} is not a defined {1} value</c>.</summary>
    public static readonly DiagnosticDescriptor UndefinedEnumValue = Error(
        "NG0006",
        "Undefined enum value",
        "{0} is not a defined {1} value");

    /// <summary>Format: <c>The loss {0} needs {1}, but the output layer of '{2}' uses {3}</c>.</summary>
    public static readonly DiagnosticDescriptor LossDoesNotFitOutput = Error(
        "NG0007",
        "Loss does not fit the output layer",
        "The loss {0} needs {1}, but the output layer of '{2}' uses {3}");

    /// <summary>Format: <c>'{0}' does not set Loss and no loss can be inferred from its {1} output layer; set Loss on [Network]</c>.</summary>
    public static readonly DiagnosticDescriptor LossCannotBeInferred = Error(
        "NG0008",
        "Loss cannot be inferred",
        "'{0}' does not set Loss and no loss can be inferred from its {1} output layer; set Loss on [Network]");

    /// <summary>Format: <c>The layers of '{0}' are declared on more than one partial declaration, …</c>.</summary>
    public static readonly DiagnosticDescriptor LayersOnSeveralDeclarations = Error(
        "NG0009",
        "Layers declared on several partial declarations",
        "The layers of '{0}' are declared on more than one partial declaration, so their order is undefined; declare every [Dense] on the declaration that carries [Network]");

    /// <summary>Format: <c>'{0}' already declares a member named '{1}', which NetGen generates for this network</c>.</summary>
    public static readonly DiagnosticDescriptor MemberAlreadyDeclared = Error(
        "NG0010",
        "Generated member already declared",
        "'{0}' already declares a member named '{1}', which NetGen generates for this network");

    /// <summary>Format: <c>Layer {0} of '{1}' needs a {2} × {3} weight matrix ({4} elements), more than one array can hold ({5})</c>.</summary>
    public static readonly DiagnosticDescriptor TooManyParameters = Error(
        "NG0011",
        "Too many parameters",
        "Layer {0} of '{1}' needs a {2} × {3} weight matrix ({4} elements), more than one array can hold ({5})");

    /// <summary>Format: <c>[Dense] on '{0}' has no effect because the class has no [Network] attribute</c>.</summary>
    public static readonly DiagnosticDescriptor DenseWithoutNetwork = new(
        "NG0012",
        "Dense layer without a network",
        "[Dense] on '{0}' has no effect because the class has no [Network] attribute",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "NG0012.md");

    /// <summary>Format: <c>Layer {0} of '{1}' uses Softmax, which is only supported on the output layer</c>.</summary>
    public static readonly DiagnosticDescriptor SoftmaxNotOnOutput = Error(
        "NG0013",
        "Softmax on a hidden layer",
        "Layer {0} of '{1}' uses Softmax, which is only supported on the output layer");

    /// <summary>Format: <c>The Softmax output layer of '{0}' has 1 unit; …</c>.</summary>
    public static readonly DiagnosticDescriptor SoftmaxSingleUnit = Error(
        "NG0014",
        "Softmax with one unit",
        "The Softmax output layer of '{0}' has 1 unit, so its output is always 1; use at least 2 units (one per class), or 1 Sigmoid unit for a yes/no output");

    /// <summary>Format: <c>The slope of layer {0} of '{1}' must be a finite number, but it is {2}</c>.</summary>
    public static readonly DiagnosticDescriptor InvalidSlope = Error(
        "NG0015",
        "Invalid leaky ReLU slope",
        "The slope of layer {0} of '{1}' must be a finite number, but it is {2}");

    /// <summary>Format: <c>Layer {0} of '{1}' sets Slope, but only LeakyReLU has a slope; it uses {2}</c>.</summary>
    public static readonly DiagnosticDescriptor SlopeWithoutLeakyReLU = Error(
        "NG0016",
        "Slope on a layer that is not leaky ReLU",
        "Layer {0} of '{1}' sets Slope, but only LeakyReLU has a slope; it uses {2}");

    /// <summary>Format: <c>The dropout rate of layer {0} of '{1}' must be at least 0 and less than 1, but it is {2}</c>.</summary>
    public static readonly DiagnosticDescriptor InvalidDropout = Error(
        "NG0017",
        "Invalid dropout rate",
        "The dropout rate of layer {0} of '{1}' must be at least 0 and less than 1, but it is {2}");

    /// <summary>Format: <c>Layer {0} is the output layer of '{1}' and cannot use dropout; …</c>.</summary>
    public static readonly DiagnosticDescriptor DropoutOnOutput = Error(
        "NG0018",
        "Dropout on the output layer",
        "Layer {0} is the output layer of '{1}' and cannot use dropout, which would drop predictions; apply dropout to hidden layers");

    /// <summary>Format: <c>The slope of layer {0} of '{1}' is {2}, which is {3} in {4} precision; give it a magnitude from {5}, or 0</c>.</summary>
    public static readonly DiagnosticDescriptor SlopeOutOfPrecision = Error(
        "NG0019",
        "Slope out of range of the network's precision",
        "The slope of layer {0} of '{1}' is {2}, which is {3} in {4} precision; give it a magnitude from {5}, or 0");

    /// <summary>Format: <c>'{0}' has a primary constructor, which every other constructor must call, …</c>.</summary>
    public static readonly DiagnosticDescriptor PrimaryConstructor = Error(
        "NG0020",
        "Network class with a primary constructor",
        "'{0}' has a primary constructor, which every other constructor must call, but the constructor NetGen generates, {0}(int seed), cannot supply its arguments; declare an ordinary constructor that calls this(seed) instead");

    /// <summary>Format: <c>The constructor NetGen generates, {0}(int seed), calls base() without arguments, but the base class '{1}' {2}</c>.</summary>
    public static readonly DiagnosticDescriptor BaseConstructorUnavailable = Error(
        "NG0021",
        "Base class without a constructor the generated one can call",
        "The constructor NetGen generates, {0}(int seed), calls base() without arguments, but the base class '{1}' {2}");

    /// <summary>Format: <c>The type '{0}' hides the {1} of the same name in the NetGen runtime, which generated networks use; …</c>.</summary>
    public static readonly DiagnosticDescriptor TypeHidesRuntime = Error(
        "NG0022",
        "Type hides part of the NetGen runtime",
        "The type '{0}' hides the {1} of the same name in the NetGen runtime, which generated networks use, so none can be generated; rename it or move it to another namespace");

    /// <summary>Format: <c>'{0}' is file-local, so the code NetGen generates in another file cannot add to it; …</c>.</summary>
    public static readonly DiagnosticDescriptor FileLocalType = Error(
        "NG0023",
        "File-local network class",
        "'{0}' is file-local, so the code NetGen generates in another file cannot add to it; remove the 'file' modifier");

    /// <summary>Format: <c>The constructor {0} does not call this(seed), so it would leave the network's parameters uninitialized; …</c>.</summary>
    public static readonly DiagnosticDescriptor ConstructorWithoutThis = Error(
        "NG0024",
        "Constructor that does not call the generated constructor",
        "The constructor {0} does not call this(seed), so it would leave the network's parameters uninitialized; call the constructor NetGen generates, as in ': this(seed: 0)'");

    /// <summary>Format: <c>'{0}' implements {1}, but it is a {2}-precision network, which implements {3}; …</c>.</summary>
    public static readonly DiagnosticDescriptor NetworkInterfaceOfOtherPrecision = Error(
        "NG0025",
        "Network implements INetwork<T> of another precision",
        "'{0}' implements {1}, but it is a {2}-precision network, which implements {3}; remove {1}, or change Precision");

    /// <summary>Format: <c>NetGen generates C# 8 code, but '{0}' is compiled as C# {1}; set LangVersion to 8 or later</c>.</summary>
    public static readonly DiagnosticDescriptor LanguageVersionTooLow = Error(
        "NG0026",
        "C# version too old for the generated code",
        "NetGen generates C# 8 code, but '{0}' is compiled as C# {1}; set LangVersion to 8 or later");

    /// <summary>Format: <c>{0} of the {1} hidden layers of '{2}' use Sigmoid or Tanh, whose derivatives …</c>.</summary>
    public static readonly DiagnosticDescriptor SaturatingHiddenLayers = Warning(
        "NG0027",
        "Sigmoid or tanh hidden layers in a deep network",
        "{0} of the {1} hidden layers of '{2}' use Sigmoid or Tanh, whose derivatives are at most 0.25 and 1 and near 0 once they saturate, so the gradient can vanish before it reaches the first layers; use ReLU, LeakyReLU or SiLU for hidden layers");

    /// <summary>Format: <c>Layer {0} of '{1}' uses {2} with {3} initialization, which is scaled for {4}; …</c>.</summary>
    public static readonly DiagnosticDescriptor InitializationDoesNotFitActivation = Warning(
        "NG0028",
        "Initialization that does not fit the activation",
        "Layer {0} of '{1}' uses {2} with {3} initialization, which is scaled for {4}; remove Initialization to get {5}, which keeps the layer's activations at the scale of its inputs");

    /// <summary>Format: <c>Layer {0} of '{1}' drops {2} of its units in training; …</c>.</summary>
    public static readonly DiagnosticDescriptor HighDropout = Warning(
        "NG0029",
        "Dropout rate above 0.5",
        "Layer {0} of '{1}' drops {2} of its units in training, more than half, which usually underfits; rates of 0.1 to 0.5 are usual");

    /// <summary>Format: <c>{0} has {1} rows, but {2} needs {3} rows, {4}</c>.</summary>
    public static readonly DiagnosticDescriptor MatrixRowsDoNotFitNetwork = Warning(
        "NG0030",
        "Matrix rows do not fit the network",
        "{0} has {1} rows, but {2} needs {3} rows, {4}; the call would throw ArgumentException");

    /// <summary>Format: <c>X has {0} columns (examples) but Y has {1}; …</c>.</summary>
    public static readonly DiagnosticDescriptor ExampleCountsDiffer = Warning(
        "NG0031",
        "X and Y hold different numbers of examples",
        "X has {0} columns (examples) but Y has {1}, and {2} needs one column of Y per column of X; the call would throw ArgumentException");

    /// <summary>The rules about one declaration, which <see cref="NetworkAnalyzer"/> reports: all but NG0022.</summary>
    public static ImmutableArray<DiagnosticDescriptor> Declarations { get; } =
    [
        TypeMustBePartial, UnsupportedNetworkClass, NoLayers, InvalidInputs, InvalidUnits, UndefinedEnumValue,
        LossDoesNotFitOutput, LossCannotBeInferred, LayersOnSeveralDeclarations, MemberAlreadyDeclared, TooManyParameters,
        DenseWithoutNetwork, SoftmaxNotOnOutput, SoftmaxSingleUnit, InvalidSlope, SlopeWithoutLeakyReLU, InvalidDropout,
        DropoutOnOutput, SlopeOutOfPrecision, PrimaryConstructor, BaseConstructorUnavailable, FileLocalType,
        ConstructorWithoutThis, NetworkInterfaceOfOtherPrecision, LanguageVersionTooLow, SaturatingHiddenLayers,
        InitializationDoesNotFitActivation, HighDropout,
    ];

    /// <summary>A warning about a legal but suspicious declaration: the network is still generated.</summary>
    private static DiagnosticDescriptor Warning(string id, string title, string messageFormat) => new(
        id,
        title,
        messageFormat,
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + id + ".md");

    private static DiagnosticDescriptor Error(string id, string title, string messageFormat) => new(
        id,
        title,
        messageFormat,
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + id + ".md");
}
