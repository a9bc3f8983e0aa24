using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Generator.LayerKinds;
using NetGen.Generator.Model;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Parsing;
using static NetGen.Generator.Diagnostics.DiagnosticDescriptors;

namespace NetGen.Generator.Validation;

/// <summary>
/// Every rule a network declaration must follow, as a pure function from what the user wrote to diagnostics.
/// A declaration with no error becomes a <see cref="NetworkSpec"/>; one with any error generates nothing, so the
/// generator never emits code that does not compile.
/// </summary>
internal static class NetworkValidator
{
    /// <summary>The largest number of elements one .NET array can hold (<c>Array.MaxLength</c>).</summary>
    internal const long MaxArrayLength = 0x7FFFFFC7;

    /// <summary>The smallest positive normal <see cref="float"/>, 2⁻¹²⁶ (<c>float.MinNormal</c> is not in .NET Standard 2.0).</summary>
    private const float SmallestNormalSingle = 1.17549435E-38f;

    /// <summary>The smallest positive normal <see cref="double"/>, 2⁻¹⁰²².</summary>
    private const double SmallestNormalDouble = 2.2250738585072014E-308;

    public static NetworkResult Validate(NetworkDeclaration declaration)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var name = declaration.Name;

        foreach (var (typeName, identifier) in declaration.NonPartialTypes)
        {
            diagnostics.Add(DiagnosticInfo.Create(TypeMustBePartial, identifier, typeName));
        }

        foreach (var reason in declaration.UnsupportedReasons)
        {
            diagnostics.Add(DiagnosticInfo.Create(UnsupportedNetworkClass, declaration.Identifier, name, reason));
        }

        foreach (var (typeName, modifier) in declaration.FileLocalTypes)
        {
            diagnostics.Add(DiagnosticInfo.Create(FileLocalType, modifier, typeName));
        }

        if (declaration.LanguageVersion < LanguageVersion.CSharp8)
        {
            diagnostics.Add(DiagnosticInfo.Create(LanguageVersionTooLow, declaration.NetworkAttribute, name, declaration.LanguageVersion.ToDisplayString()));
        }

        ValidateConstructors(declaration, diagnostics);

        if (declaration.Layers.Count == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(NoLayers, declaration.NetworkAttribute, name));
        }

        var inputs = declaration.Inputs?.Value ?? 0;
        if (inputs <= 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                InvalidInputs,
                declaration.Inputs?.Location ?? declaration.NetworkAttribute,
                name,
                declaration.Inputs is { } declared ? Format(declared.Value) : "not set"));
        }

        var defaultInitialization = ValidateEnum<Initialization>(declaration.Initialization, Initialization.Auto, diagnostics) ?? Initialization.Auto;
        var precision = ValidateEnum<Precision>(declaration.Precision, Precision.Single, diagnostics);
        var layers = ValidateLayers(declaration, inputs, defaultInitialization, precision, diagnostics);
        var loss = ValidateLoss(declaration, layers, diagnostics);
        ValidateNetworkInterfaces(declaration, precision, diagnostics);

        foreach (var layer in declaration.Layers.Where(l => !l.OnNetworkDeclaration))
        {
            diagnostics.Add(DiagnosticInfo.Create(LayersOnSeveralDeclarations, layer.Attribute, name));
        }

        foreach (var (declaringType, member, location) in declaration.ConflictingMembers)
        {
            diagnostics.Add(DiagnosticInfo.Create(MemberAlreadyDeclared, location, declaringType, member));
        }

        WarnAboutSaturatingHiddenLayers(declaration, layers, diagnostics);

        // Warnings (legal but suspicious declarations) do not stop generation; errors do.
        var spec = diagnostics.TrueForAll(d => d.Descriptor.DefaultSeverity != DiagnosticSeverity.Error)
            ? new NetworkSpec(declaration.Hierarchy, inputs, layers.Select(l => l!.Value).ToEquatableArray(), loss!.Value, precision!.Value)
            : null;
        return new NetworkResult(spec, diagnostics.ToEquatableArray());
    }

    /// <summary>
    /// Checks that the generated constructor <c>(int seed)</c> compiles (its implicit <c>base()</c>, no primary
    /// constructor to call) and that every constructor of the user's reaches it, so that no network is left uninitialized.
    /// </summary>
    private static void ValidateConstructors(NetworkDeclaration declaration, List<DiagnosticInfo> diagnostics)
    {
        if (declaration.PrimaryConstructor is { } parameters)
        {
            diagnostics.Add(DiagnosticInfo.Create(PrimaryConstructor, parameters, declaration.Name));
        }
        else
        {
            // With a primary constructor, C# itself requires every other constructor to call this(…).
            foreach (var (constructor, identifier) in declaration.ConstructorsWithoutThis)
            {
                diagnostics.Add(DiagnosticInfo.Create(ConstructorWithoutThis, identifier, constructor));
            }
        }

        if (declaration.BaseConstructorProblem is { } problem)
        {
            diagnostics.Add(InAnotherFile(DiagnosticInfo.Create(BaseConstructorUnavailable, problem.Location, declaration.Name, problem.BaseClass, problem.Problem), problem.InAnotherFile));
        }
    }

    /// <summary>Reports every <c>INetwork&lt;T&gt;</c> the class implements whose T is not its precision's type.</summary>
    /// <param name="precision">The network's precision, or null when it is undefined (already reported).</param>
    private static void ValidateNetworkInterfaces(NetworkDeclaration declaration, Precision? precision, List<DiagnosticInfo> diagnostics)
    {
        if (precision is not { } p)
        {
            return;
        }

        foreach (var (implemented, _, location, inAnotherFile) in declaration.NetworkInterfaces.Where(i => i.Precision != p))
        {
            var (name, type) = Describe(p);
            diagnostics.Add(InAnotherFile(DiagnosticInfo.Create(NetworkInterfaceOfOtherPrecision, location, declaration.Name, implemented, name, $"INetwork<{type}>"), inAnotherFile));
        }
    }

    /// <summary>Checks units, activations, sizes and training options; returns each layer, or null for a layer with an error.</summary>
    /// <param name="precision">The network's precision, or null when it is undefined (already reported).</param>
    private static LayerSpec?[] ValidateLayers(NetworkDeclaration declaration, int inputs, Initialization defaultInitialization, Precision? precision, List<DiagnosticInfo> diagnostics)
    {
        var layers = new LayerSpec?[declaration.Layers.Count];
        var previousUnits = inputs;
        for (var i = 0; i < layers.Length; i++)
        {
            var declared = declaration.Layers[i];
            var errors = diagnostics.Count;
            var number = Format(i + 1);
            var isOutput = i == layers.Length - 1;
            var units = declared.Units.Value;
            var activation = ValidateEnum<Activation>(declared.Activation, defaultValue: null, diagnostics);
            var descriptor = activation is { } known ? ActivationDescriptor.For(known) : null;
            var initialization = ValidateEnum<Initialization>(declared.Initialization, defaultInitialization, diagnostics);
            if (units <= 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(InvalidUnits, declared.Units.Location, number, declaration.Name, Format(units)));
            }
            else if (previousUnits > 0 && (long)units * previousUnits > MaxArrayLength)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    TooManyParameters,
                    declared.Units.Location,
                    number,
                    declaration.Name,
                    Format(units),
                    Format(previousUnits),
                    ((long)units * previousUnits).ToString("N0", CultureInfo.InvariantCulture),
                    MaxArrayLength.ToString("N0", CultureInfo.InvariantCulture)));
            }

            // A distribution (softmax) normalizes over its units, so it is an output of at least two units.
            if (descriptor is { IsDistribution: true } && !isOutput)
            {
                diagnostics.Add(DiagnosticInfo.Create(SoftmaxNotOnOutput, declared.Activation.Location, number, declaration.Name));
            }
            else if (descriptor is { IsDistribution: true } && units == 1)
            {
                diagnostics.Add(DiagnosticInfo.Create(SoftmaxSingleUnit, declared.Units.Location, declaration.Name));
            }

            var slope = 0.01;
            if (declared.Slope is { } declaredSlope)
            {
                slope = declaredSlope.Value;
                if (descriptor is { HasSlope: false })
                {
                    diagnostics.Add(DiagnosticInfo.Create(SlopeWithoutLeakyReLU, declaredSlope.Location, number, declaration.Name, descriptor.Name) with
                    {
                        AdditionalLocations = new[] { declared.Activation.Location }.ToEquatableArray(),
                    });
                }
                else if (double.IsNaN(slope) || double.IsInfinity(slope))
                {
                    diagnostics.Add(DiagnosticInfo.Create(InvalidSlope, declaredSlope.Location, number, declaration.Name, Format(slope)));
                }
                else if (precision is { } p && InPrecision(slope, p) is var rounded && SlopeProblem(slope, rounded) is { } problem)
                {
                    diagnostics.Add(DiagnosticInfo.Create(
                        SlopeOutOfPrecision, declaredSlope.Location, number, declaration.Name, Format(slope), problem, rounded.Name, rounded.NormalRange));
                }
            }

            var dropout = declared.Dropout?.Value ?? 0;
            if (declared.Dropout is { } declaredDropout)
            {
                if (!(dropout >= 0 && dropout < 1))
                {
                    diagnostics.Add(DiagnosticInfo.Create(InvalidDropout, declaredDropout.Location, number, declaration.Name, Format(dropout)));
                }
                else if (!isOutput && dropout > MaxUsualDropout)
                {
                    diagnostics.Add(DiagnosticInfo.Create(HighDropout, declaredDropout.Location, number, declaration.Name, Format(dropout)));
                }
                else if (isOutput && dropout > 0)
                {
                    // A fix can move the rate to the last hidden layer when that one has none.
                    var previous = i > 0 && declaration.Layers[i - 1] is { Dropout: null, OnNetworkDeclaration: true } hidden
                        ? new[] { hidden.Attribute }
                        : [];
                    diagnostics.Add(DiagnosticInfo.Create(DropoutOnOutput, declaredDropout.Location, number, declaration.Name) with
                    {
                        AdditionalLocations = previous.ToEquatableArray(),
                    });
                }
            }

            // Only hidden layers: their scale compounds through the layers after them; the output's is the loss's concern.
            if (!isOutput && descriptor is not null && initialization is { } chosen && chosen != Initialization.Auto
                && Family(chosen) is var family && family != Initialization.LeCunNormal && family != Family(descriptor.AutoInitialization)
                && (declared.Initialization is not null || !diagnostics.Any(d => d.Descriptor == InitializationDoesNotFitActivation && d.Span == declaration.Initialization?.Location.Span)))
            {
                // A network-wide Initialization is reported once, for the first layer it does not fit.
                var written = declared.Initialization ?? declaration.Initialization;
                diagnostics.Add(DiagnosticInfo.Create(
                    InitializationDoesNotFitActivation,
                    written?.Location ?? declared.Attribute,
                    number,
                    declaration.Name,
                    descriptor.Name,
                    chosen.ToString(),
                    Family(chosen) == Initialization.HeNormal ? "rectifiers (ReLU and its kin)" : "activations symmetric around 0 (sigmoid, tanh, linear)",
                    descriptor.AutoInitialization.ToString()));
            }

            if (!diagnostics.Skip(errors).Any(d => d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error) && descriptor is not null && initialization is { } init)
            {
                var resolved = init == Initialization.Auto ? descriptor.AutoInitialization : init;
                layers[i] = new LayerSpec(LayerKind.Dense, previousUnits, units, descriptor.Activation, slope, dropout, resolved);
            }

            previousUnits = units;
        }

        return layers;
    }

    /// <summary>The highest dropout rate that is not suspicious (NG0029).</summary>
    private const double MaxUsualDropout = 0.5;

    /// <summary>How many hidden sigmoid or tanh layers make a network deep enough for their gradients to vanish (NG0027).</summary>
    private const int SaturatingHiddenLayersWarned = 3;

    /// <summary>
    /// The family an initialization is scaled for: He (variance 2 / n[l-1], for rectifiers, which zero half their
    /// inputs), Xavier (2 / (n[l-1] + n[l]), for activations symmetric around 0) or LeCun (1 / n[l-1], the textbook's,
    /// close enough to either that it is never reported).
    /// </summary>
    private static Initialization Family(Initialization initialization) => initialization switch
    {
        Initialization.HeNormal or Initialization.HeUniform => Initialization.HeNormal,
        Initialization.XavierNormal or Initialization.XavierUniform => Initialization.XavierNormal,
        Initialization.LeCunNormal => Initialization.LeCunNormal,
        Initialization.Auto => Initialization.Auto,
        _ => throw new ArgumentOutOfRangeException(nameof(initialization), initialization, "not a defined initialization"),
    };

    /// <summary>
    /// NG0027, once, on the first hidden sigmoid or tanh layer, when at least <see cref="SaturatingHiddenLayersWarned"/>
    /// hidden layers use them.
    /// </summary>
    private static void WarnAboutSaturatingHiddenLayers(NetworkDeclaration declaration, LayerSpec?[] layers, List<DiagnosticInfo> diagnostics)
    {
        var saturating = Enumerable.Range(0, Math.Max(0, layers.Length - 1))
            .Where(i => layers[i]?.Activation is Activation.Sigmoid or Activation.Tanh)
            .ToArray();
        if (saturating.Length >= SaturatingHiddenLayersWarned)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                SaturatingHiddenLayers,
                declaration.Layers[saturating[0]].Activation.Location,
                Format(saturating.Length),
                Format(layers.Length - 1),
                declaration.Name));
        }
    }

    /// <summary>
    /// Why the network's precision cannot hold a finite slope, or null when it can (it is 0 or a normal number there):
    /// "infinite" (the literal would not compile), "0" (the layer would silently be a ReLU) or "subnormal" (it keeps only
    /// a few significant bits, and arithmetic on it is slow on many processors).
    /// </summary>
    private static string? SlopeProblem(double slope, (double Value, string Name, double SmallestNormal, string NormalRange) rounded) => rounded.Value switch
    {
        0 => slope == 0 ? null : "0",
        _ when double.IsInfinity(rounded.Value) => "infinite",
        _ when Math.Abs(rounded.Value) < rounded.SmallestNormal => "subnormal",
        _ => null,
    };

    /// <summary><paramref name="value"/> rounded to <paramref name="precision"/>, with the precision's name and its normal magnitudes.</summary>
    private static (double Value, string Name, double SmallestNormal, string NormalRange) InPrecision(double value, Precision precision) => precision switch
    {
        Precision.Single => ((float)value, Describe(precision).Name, SmallestNormalSingle, $"{Format(SmallestNormalSingle)} to {Format(float.MaxValue)}"),
        Precision.Double => (value, Describe(precision).Name, SmallestNormalDouble, $"{Format(SmallestNormalDouble)} to {Format(double.MaxValue)}"),
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "not a defined precision"),
    };

    /// <summary>The precision as messages name it, and its C# type.</summary>
    private static (string Name, string Type) Describe(Precision precision) => precision switch
    {
        Precision.Single => ("single", "float"),
        Precision.Double => ("double", "double"),
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "not a defined precision"),
    };

    /// <summary>The declared loss, or the one inferred from the output activation, if it fits the output layer.</summary>
    private static Loss? ValidateLoss(NetworkDeclaration declaration, LayerSpec?[] layers, List<DiagnosticInfo> diagnostics)
    {
        var output = layers.Length > 0 ? layers[layers.Length - 1]?.Activation : null;
        var outputLocation = declaration.Layers.Count > 0 ? declaration.Layers[declaration.Layers.Count - 1].Activation.Location : declaration.NetworkAttribute;
        if (declaration.Loss is null)
        {
            if (output is not { } outputActivation)
            {
                return null; // no valid output layer: already reported
            }

            var inferred = ActivationDescriptor.For(outputActivation).ImpliedLoss;
            if (inferred is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(LossCannotBeInferred, declaration.NetworkAttribute, declaration.Name, outputActivation.ToString()));
            }

            return inferred;
        }

        var loss = ValidateEnum<Loss>(declaration.Loss, defaultValue: null, diagnostics);
        if (loss is { } declaredLoss && output is { } activation && LossDescriptor.For(declaredLoss) is var rules && !rules.Fits(ActivationDescriptor.For(activation)))
        {
            diagnostics.Add(DiagnosticInfo.Create(
                LossDoesNotFitOutput,
                declaration.Loss.Value.Location,
                declaredLoss.ToString(),
                rules.RequiredOutput,
                declaration.Name,
                activation.ToString()) with
            {
                AdditionalLocations = new[] { outputLocation }.ToEquatableArray(),
                Properties = FixesForLoss(declaredLoss, activation),
            });
            return null;
        }

        return loss;
    }

    /// <summary>Marks <paramref name="diagnostic"/>, when <paramref name="inAnotherFile"/>, as reported by the analysis of the file that names its subject.</summary>
    private static DiagnosticInfo InAnotherFile(DiagnosticInfo diagnostic, bool inAnotherFile) =>
        inAnotherFile ? diagnostic with { Properties = new[] { (DiagnosticInfo.ReportedInAnotherFile, "true") }.ToEquatableArray() } : diagnostic;

    /// <summary>
    /// For a loss that does not fit the output: the output activation that implies the loss, and the loss the output
    /// implies (or else the first that fits it), when there are such.
    /// </summary>
    private static EquatableArray<(string Key, string Value)> FixesForLoss(Loss loss, Activation output)
    {
        var fixes = new List<(string Key, string Value)>();
        var activations = ((Activation[])Enum.GetValues(typeof(Activation))).Select(ActivationDescriptor.For).ToArray();
        if (activations.FirstOrDefault(a => a.ImpliedLoss == loss && LossDescriptor.For(loss).Fits(a)) is { } fitting)
        {
            fixes.Add((FixData.FittingActivation, fitting.Activation.ToString()));
        }

        var outputDescriptor = ActivationDescriptor.For(output);
        var fittingLoss = outputDescriptor.ImpliedLoss
            ?? ((Loss[])Enum.GetValues(typeof(Loss))).Where(l => LossDescriptor.For(l).Fits(outputDescriptor)).Cast<Loss?>().FirstOrDefault();
        if (fittingLoss is { } lossForOutput)
        {
            fixes.Add((FixData.FittingLoss, lossForOutput.ToString()));
        }

        return fixes.ToEquatableArray();
    }

    /// <summary>The enum value that <paramref name="declared"/> holds, or <paramref name="defaultValue"/> when it is not set; reports undefined values.</summary>
    private static TEnum? ValidateEnum<TEnum>(DeclaredValue? declared, TEnum? defaultValue, List<DiagnosticInfo> diagnostics)
        where TEnum : struct, Enum
    {
        if (declared is not { } value)
        {
            return defaultValue;
        }

        if (Enum.IsDefined(typeof(TEnum), value.Value))
        {
            return (TEnum)Enum.ToObject(typeof(TEnum), value.Value);
        }

        diagnostics.Add(DiagnosticInfo.Create(UndefinedEnumValue, value.Location, $"({typeof(TEnum).Name}){Format(value.Value)}", typeof(TEnum).Name));
        return null;
    }

    private static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Format(float value) => value.ToString("R", CultureInfo.InvariantCulture);
}
