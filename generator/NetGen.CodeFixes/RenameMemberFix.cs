using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Rename;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;

namespace NetGen.CodeFixes;

/// <summary>
/// NG0010: renames the user's member that has a name NetGen generates, with every reference to it, to the first free
/// name of <c>{Name}Custom</c>, <c>{Name}Custom2</c>…; not offered for constructors, explicit implementations and inherited
/// members. No Fix All: each new name is a decision.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RenameMemberFix)), Shared]
public sealed class RenameMemberFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [DiagnosticDescriptors.MemberAlreadyDeclared.Id];

    /// <inheritdoc/>
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            var token = root.FindToken(diagnostic.Location.SourceSpan.Start);
            if (token.Parent is not { } declaration
                || model.GetDeclaredSymbol(declaration, context.CancellationToken) is not { } member
                || member is IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.ExplicitInterfaceImplementation }
                || member is INamedTypeSymbol
                || member.Name != token.ValueText
                || member.ContainingType is not { } type)
            {
                continue;
            }

            var taken = MemberNames.All(LayerCount(type)).Concat(type.GetMembers().Select(m => m.Name)).ToImmutableHashSet();
            var name = Enumerable.Range(1, 100).Select(i => member.Name + "Custom" + (i == 1 ? "" : i.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                .First(candidate => !taken.Contains(candidate));
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Rename '{member.Name}' to '{name}'",
                    cancellationToken => Renamer.RenameSymbolAsync(context.Document.Project.Solution, member, default(SymbolRenameOptions), name, cancellationToken),
                    nameof(RenameMemberFix)),
                diagnostic);
        }
    }

    /// <summary>How many <c>[Dense]</c> the class has, which decides the generated names W1, b1, … W<i>L</i>.</summary>
    private static int LayerCount(INamedTypeSymbol type) =>
        type.GetAttributes().Count(a => a.AttributeClass?.ToDisplayString() == "NetGen.DenseAttribute");
}
