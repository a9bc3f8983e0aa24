using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;
using NetGen.Generator.Validation;
using static NetGen.Generator.Diagnostics.DiagnosticDescriptors;

namespace NetGen.Generator;

/// <summary>
/// Reports the declaration rules of <c>[Network]</c> classes (every NG diagnostic but NG0022) while the user types, as
/// any analyzer does: live in the editor, with code fixes, and configurable by <c>#pragma</c> and <c>.editorconfig</c>.
/// </summary>
/// <remarks>
/// It runs the generator's own <see cref="NetworkParser"/> and <see cref="NetworkValidator"/> on the declaration that
/// carries <c>[Network]</c>, exactly the node the generator's pipeline reads, so the two never disagree: the generator
/// emits nothing for a declaration with an error, and reports nothing itself (the Roslyn cookbook's advice: diagnostics
/// from a generator are neither live nor configurable). Only NG0022, a fact about the whole compilation, stays with the
/// generator.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NetworkAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = Declarations;

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        // Generated code is analyzed like any other: the generator reads [Network] classes wherever they are written.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.EnableConcurrentExecution();
        context.RegisterSyntaxNodeAction(
            Analyze,
            SyntaxKind.ClassDeclaration,
            SyntaxKind.RecordDeclaration,
            SyntaxKind.RecordStructDeclaration,
            SyntaxKind.StructDeclaration,
            SyntaxKind.InterfaceDeclaration);
    }

    /// <summary>
    /// Reports, for one type declaration, the diagnostics that lie in it and not in a type nested in it: those of the
    /// network it declares (part of), and, when it is not partial or is file-local, those of the networks nested in it
    /// that concern it (NG0001, NG0023). Every diagnostic is so reported once, by the declaration it lies in, which keeps
    /// it local to the document being analyzed: live in the editor, and fixable there.
    /// </summary>
    private static void Analyze(SyntaxNodeAnalysisContext context)
    {
        var syntax = (TypeDeclarationSyntax)context.Node;
        if (NetworkParser.IsGeneratedByNetGen(syntax.SyntaxTree, context.CancellationToken)
            || context.SemanticModel.GetDeclaredSymbol(syntax, context.CancellationToken) is not { } type)
        {
            return;
        }

        if (NetworkDeclarationOf(type, context) is { } network)
        {
            Report(type, network, context);
        }
        else if (syntax.AttributeLists.Count > 0)
        {
            var layers = AttributesOn(syntax, type, NetworkParser.DenseAttributeName);
            if (!layers.IsEmpty && NetworkParser.FindLayersWithoutNetwork(type, layers, context.CancellationToken) is { } withoutNetwork)
            {
                context.ReportDiagnostic(withoutNetwork.ToDiagnostic());
            }
        }

        // Only types' members are visited, not method bodies: nested types are declared there.
        if (!syntax.Modifiers.Any(SyntaxKind.PartialKeyword) || syntax.Modifiers.Any(SyntaxKind.FileKeyword))
        {
            foreach (var nested in syntax.DescendantNodes(descendIntoChildren: n => n is TypeDeclarationSyntax).OfType<TypeDeclarationSyntax>().Where(n => n.AttributeLists.Count > 0))
            {
                if (context.SemanticModel.GetDeclaredSymbol(nested, context.CancellationToken) is { } nestedType
                    && NetworkDeclarationOf(nestedType, context) is { } nestedNetwork
                    && nestedNetwork == nested)
                {
                    Report(nestedType, nestedNetwork, context);
                }
            }
        }
    }

    /// <summary>The declaration of <paramref name="type"/> that carries <c>[Network]</c>, if any.</summary>
    private static TypeDeclarationSyntax? NetworkDeclarationOf(INamedTypeSymbol type, SyntaxNodeAnalysisContext context) =>
        type.GetAttributes().FirstOrDefault(a => NetworkParser.IsAttribute(a, NetworkParser.NetworkAttributeName))?.ApplicationSyntaxReference
            ?.GetSyntax(context.CancellationToken).Parent?.Parent as TypeDeclarationSyntax;

    /// <summary>Validates the network <paramref name="type"/> and reports what lies in the analyzed declaration.</summary>
    private static void Report(INamedTypeSymbol type, TypeDeclarationSyntax network, SyntaxNodeAnalysisContext context)
    {
        var networks = AttributesOn(network, type, NetworkParser.NetworkAttributeName);
        if (NetworkParser.Parse(type, network, networks, context.SemanticModel, context.CancellationToken) is not { } declaration)
        {
            return;
        }

        foreach (var diagnostic in NetworkValidator.Validate(declaration).Diagnostics)
        {
            if (diagnostic.Tree == context.Node.SyntaxTree
                && context.Node.Span.Contains(diagnostic.Span)
                && Owner(diagnostic, context) == context.Node
                && !diagnostic.Properties.Any(p => p.Key == DiagnosticInfo.ReportedInAnotherFile))
            {
                context.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        }
    }

    /// <summary>
    /// The type declaration a diagnostic lies in: the innermost around it, except that a nested type reported as a
    /// member with a generated name (NG0010) belongs to the declaration it is a member of.
    /// </summary>
    private static TypeDeclarationSyntax? Owner(DiagnosticInfo diagnostic, SyntaxNodeAnalysisContext context)
    {
        var owner = context.Node.SyntaxTree.GetRoot(context.CancellationToken).FindNode(diagnostic.Span).FirstAncestorOrSelf<TypeDeclarationSyntax>();
        return diagnostic.Descriptor == MemberAlreadyDeclared && owner is not null && owner.Identifier.Span == diagnostic.Span && owner.Identifier.ValueText == diagnostic.Arguments[1]
            ? owner.Parent as TypeDeclarationSyntax
            : owner;
    }

    /// <summary>The attributes of <paramref name="metadataName"/> written on <paramref name="syntax"/>, as ForAttributeWithMetadataName gives them to the generator.</summary>
    private static ImmutableArray<AttributeData> AttributesOn(TypeDeclarationSyntax syntax, INamedTypeSymbol type, string metadataName) =>
        type.GetAttributes()
            .Where(attribute => NetworkParser.IsAttribute(attribute, metadataName)
                && attribute.ApplicationSyntaxReference is { } reference
                && reference.SyntaxTree == syntax.SyntaxTree
                && syntax.AttributeLists.Any(list => list.Span.Contains(reference.Span)))
            .ToImmutableArray();
}
