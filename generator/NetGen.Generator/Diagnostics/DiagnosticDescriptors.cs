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

    /// <summary>Format: <c>The loss {0} needs a {1} output layer, but the output layer of '{2}' uses {3}</c>.</summary>
    public static readonly DiagnosticDescriptor LossDoesNotFitOutput = Error(
        "NG0007",
        "Loss does not fit the output layer",
        "The loss {0} needs a {1} output layer, but the output layer of '{2}' uses {3}");

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

    private static DiagnosticDescriptor Error(string id, string title, string messageFormat) => new(
        id,
        title,
        messageFormat,
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + id + ".md");
}
