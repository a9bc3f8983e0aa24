using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NetGen.Generator.LayerKinds;
using NetGen.Generator.Model;
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
        var layers = ValidateLayers(declaration, inputs, defaultInitialization, diagnostics);
        var precision = ValidateEnum<Precision>(declaration.Precision, Precision.Single, diagnostics);
        var loss = ValidateLoss(declaration, layers, diagnostics);

        foreach (var layer in declaration.Layers.Where(l => !l.OnNetworkDeclaration))
        {
            diagnostics.Add(DiagnosticInfo.Create(LayersOnSeveralDeclarations, layer.Attribute, name));
        }

        foreach (var (declaringType, member, location) in declaration.ConflictingMembers)
        {
            diagnostics.Add(DiagnosticInfo.Create(MemberAlreadyDeclared, location, declaringType, member));
        }

        var spec = diagnostics.Count == 0
            ? new NetworkSpec(declaration.Hierarchy, inputs, layers.Select(l => l!.Value).ToEquatableArray(), loss!.Value, precision!.Value)
            : null;
        return new NetworkResult(spec, diagnostics.ToEquatableArray());
    }

    /// <summary>Checks units, activations, sizes and training options; returns each layer, or null for a layer with an error.</summary>
    private static LayerSpec?[] ValidateLayers(NetworkDeclaration declaration, int inputs, Initialization defaultInitialization, List<DiagnosticInfo> diagnostics)
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
                    diagnostics.Add(DiagnosticInfo.Create(SlopeWithoutLeakyReLU, declaredSlope.Location, number, declaration.Name, descriptor.Name));
                }
                else if (double.IsNaN(slope) || double.IsInfinity(slope))
                {
                    diagnostics.Add(DiagnosticInfo.Create(InvalidSlope, declaredSlope.Location, number, declaration.Name, Format(slope)));
                }
            }

            var dropout = declared.Dropout?.Value ?? 0;
            if (declared.Dropout is { } declaredDropout)
            {
                if (!(dropout >= 0 && dropout < 1))
                {
                    diagnostics.Add(DiagnosticInfo.Create(InvalidDropout, declaredDropout.Location, number, declaration.Name, Format(dropout)));
                }
                else if (isOutput && dropout > 0)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DropoutOnOutput, declaredDropout.Location, number, declaration.Name));
                }
            }

            if (diagnostics.Count == errors && descriptor is not null && initialization is { } init)
            {
                var resolved = init == Initialization.Auto ? descriptor.AutoInitialization : init;
                layers[i] = new LayerSpec(LayerKind.Dense, previousUnits, units, descriptor.Activation, slope, dropout, resolved);
            }

            previousUnits = units;
        }

        return layers;
    }

    /// <summary>The declared loss, or the one inferred from the output activation, if it fits the output layer.</summary>
    private static Loss? ValidateLoss(NetworkDeclaration declaration, LayerSpec?[] layers, List<DiagnosticInfo> diagnostics)
    {
        var output = layers.Length > 0 ? layers[layers.Length - 1]?.Activation : null;
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
                activation.ToString()));
            return null;
        }

        return loss;
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
}
