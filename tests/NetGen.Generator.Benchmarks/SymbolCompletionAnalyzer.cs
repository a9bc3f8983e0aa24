#pragma warning disable RS1041, RS1036, RS2008 // a measuring aid inside the benchmark program, never shipped
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace NetGen.Generator.Benchmarks;

/// <summary>
/// Completes the symbols of every class (attributes, members, interfaces, explicit implementations) and reports
/// nothing: run before NetworkAnalyzer, it takes on the first-touch cost of building those symbols, which Roslyn's
/// telemetry otherwise charges to whichever analyzer asks first, although the compiler builds them anyway.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SymbolCompletionAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Unused = new("BENCH0001", "Unused", "Unused", "Benchmark", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Unused];

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze);
        context.RegisterSyntaxNodeAction(
            node =>
            {
                if (node.SemanticModel.GetDeclaredSymbol(node.Node, node.CancellationToken) is INamedTypeSymbol type)
                {
                    _ = type.GetAttributes();
                    _ = type.AllInterfaces;
                    foreach (var member in type.GetMembers())
                    {
                        _ = member is IMethodSymbol method ? method.ExplicitInterfaceImplementations.Length
                            : member is IPropertySymbol property ? property.ExplicitInterfaceImplementations.Length : 0;
                    }
                }
            },
            SyntaxKind.ClassDeclaration);
    }
}
