using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Model;

namespace NetGen.Generator.Parsing;

// The facts about the class's constructors and base types that decide whether the generated (int seed) constructor
// and INetwork<T> implementation can compile.
internal static partial class NetworkParser
{
    /// <summary>The interface every generated network implements, by metadata name.</summary>
    private const string NetworkInterfaceName = "NetGen.INetwork`1";

    /// <summary>How messages show a constructor: <c>Net(string name)</c>.</summary>
    private static readonly SymbolDisplayFormat ConstructorFormat = new(
        memberOptions: SymbolDisplayMemberOptions.IncludeParameters,
        parameterOptions: SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeName | SymbolDisplayParameterOptions.IncludeParamsRefOut,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

    private static void ReadNetworkInterfaces(NetworkDeclaration declaration, INamedTypeSymbol type, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var implemented in type.AllInterfaces.Where(IsNetworkInterface))
        {
            var precision = implemented.TypeArguments[0].SpecialType switch
            {
                SpecialType.System_Single => Precision.Single,
                SpecialType.System_Double => Precision.Double,
                _ => (Precision?)null,
            };
            var location = BaseListEntry(type, model, t => t.Equals(implemented, SymbolEqualityComparer.Default) || t.AllInterfaces.Contains(implemented, SymbolEqualityComparer.Default), cancellationToken);
            // Not in this file's base lists, nor inherited: another partial declaration names it, and reports it there.
            var inAnotherFile = location is null && type.BaseType?.AllInterfaces.Contains(implemented, SymbolEqualityComparer.Default) != true;
            declaration.NetworkInterfaces.Add((implemented.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat), precision, location ?? declaration.Identifier, inAnotherFile));
        }
    }

    private static void ReadConstructors(NetworkDeclaration declaration, INamedTypeSymbol type, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var constructor in type.InstanceConstructors)
        {
            if (IsGeneratedByNetGen(constructor, cancellationToken))
            {
                continue;
            }

            switch (constructor.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken))
            {
                case TypeDeclarationSyntax { ParameterList: { } parameters }:
                    declaration.PrimaryConstructor = SourceSpan.Of(parameters);
                    break;
                case ConstructorDeclarationSyntax syntax when constructor.Parameters is [{ Type.SpecialType: SpecialType.System_Int32 }]:
                    // The generated constructor's own signature, (int seed).
                    declaration.ConflictingMembers.Add((type.Name, $"{type.Name}(int)", SourceSpan.Of(syntax.Identifier)));
                    break;
                case ConstructorDeclarationSyntax syntax when !syntax.Initializer.IsKind(SyntaxKind.ThisConstructorInitializer):
                    declaration.ConstructorsWithoutThis.Add((constructor.ToDisplayString(ConstructorFormat), SourceSpan.Of(syntax.Identifier)));
                    break;
            }
        }

        if (type.BaseType is { TypeKind: TypeKind.Class, SpecialType: not SpecialType.System_Object } baseType
            && ImplicitBaseCall.Problem(type, baseType, model.Compilation, ConstructorFormat, cancellationToken) is { } problem)
        {
            var location = BaseListEntry(type, model, t => t.Equals(baseType, SymbolEqualityComparer.Default), cancellationToken);
            declaration.BaseConstructorProblem = (baseType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat), problem, location ?? declaration.Identifier, location is null);
        }
    }

    /// <summary>
    /// The base-list entry, in the declarations of <paramref name="type"/> in the file of <paramref name="model"/>, whose
    /// type satisfies <paramref name="names"/>; null when another file names it. The generator parses with the model of
    /// the file that carries [Network]; the analyzer with the model of each file that declares part of the class, so
    /// that each file reports what it names.
    /// </summary>
    private static SourceSpan? BaseListEntry(INamedTypeSymbol type, SemanticModel model, Func<ITypeSymbol, bool> names, CancellationToken cancellationToken)
    {
        var entries = type.DeclaringSyntaxReferences
            .Where(reference => reference.SyntaxTree == model.SyntaxTree)
            .Select(reference => reference.GetSyntax(cancellationToken))
            .OfType<TypeDeclarationSyntax>()
            .SelectMany(declaration => declaration.BaseList?.Types ?? default(SeparatedSyntaxList<BaseTypeSyntax>));
        foreach (var entry in entries)
        {
            if (model.GetTypeInfo(entry.Type, cancellationToken).Type is { } named && names(named))
            {
                return SourceSpan.Of(entry.Type);
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="type"/> is <c>INetwork&lt;T&gt;</c> for some T.</summary>
    private static bool IsNetworkInterface(INamedTypeSymbol type) => MetadataName(type.OriginalDefinition) == NetworkInterfaceName;

    /// <summary>The interface member <paramref name="member"/> implements explicitly, or null.</summary>
    private static ISymbol? ExplicitlyImplemented(ISymbol member) => member switch
    {
        IMethodSymbol { AssociatedSymbol: null } method => method.ExplicitInterfaceImplementations.FirstOrDefault(), // not an accessor
        IPropertySymbol property => property.ExplicitInterfaceImplementations.FirstOrDefault(),
        IEventSymbol @event => @event.ExplicitInterfaceImplementations.FirstOrDefault(),
        _ => null,
    };
}
