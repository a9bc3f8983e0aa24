using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
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
        context.RegisterSyntaxNodeAction(Analyze, SyntaxKind.ClassDeclaration, SyntaxKind.RecordDeclaration, SyntaxKind.RecordStructDeclaration);
    }

    private static void Analyze(SyntaxNodeAnalysisContext context)
    {
        var syntax = (TypeDeclarationSyntax)context.Node;
        if (syntax.AttributeLists.Count == 0
            || context.SemanticModel.GetDeclaredSymbol(syntax, context.CancellationToken) is not { } type)
        {
            return;
        }

        // The attributes written on this declaration, as ForAttributeWithMetadataName gives them to the generator.
        var onThisDeclaration = type.GetAttributes()
            .Where(attribute => attribute.ApplicationSyntaxReference is { } reference
                && reference.SyntaxTree == syntax.SyntaxTree
                && syntax.AttributeLists.Any(list => list.Span.Contains(reference.Span)))
            .ToImmutableArray();
        var networks = onThisDeclaration.Where(a => NetworkParser.IsAttribute(a, NetworkParser.NetworkAttributeName)).ToImmutableArray();
        if (!networks.IsEmpty)
        {
            if (NetworkParser.Parse(type, syntax, networks, context.SemanticModel, context.CancellationToken) is { } declaration)
            {
                foreach (var diagnostic in NetworkValidator.Validate(declaration).Diagnostics)
                {
                    context.ReportDiagnostic(diagnostic.ToDiagnostic());
                }
            }

            return;
        }

        var layers = onThisDeclaration.Where(a => NetworkParser.IsAttribute(a, NetworkParser.DenseAttributeName)).ToImmutableArray();
        if (!layers.IsEmpty && NetworkParser.FindLayersWithoutNetwork(type, layers, context.CancellationToken) is { } withoutNetwork)
        {
            context.ReportDiagnostic(withoutNetwork.ToDiagnostic());
        }
    }
}
