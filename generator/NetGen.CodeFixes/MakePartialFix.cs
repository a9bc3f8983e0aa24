using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Diagnostics;

namespace NetGen.CodeFixes;

/// <summary>NG0001: makes the type, and every type that contains it, partial. Fix All makes every reported type partial.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialFix)), Shared]
public sealed class MakePartialFix : CodeFixProvider
{
    private const string Title = "Make partial";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [DiagnosticDescriptors.TypeMustBePartial.Id];

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(async (context, document, diagnostics) =>
    {
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var types = diagnostics.SelectMany(d => TypesToMakePartial(root, d)).Distinct().ToArray();
        return document.WithSyntaxRoot(root.ReplaceNodes(types, (_, rewritten) => Fix.MakePartial(rewritten)));
    });

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            var types = TypesToMakePartial(root, diagnostic).ToArray();
            if (types.Length > 0)
            {
                context.RegisterCodeFix(
                    Fix.Action(Title, _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNodes(types, (_, rewritten) => Fix.MakePartial(rewritten))))),
                    diagnostic);
            }
        }
    }

    /// <summary>The type whose identifier is reported, and the types around it.</summary>
    private static IEnumerable<TypeDeclarationSyntax> TypesToMakePartial(SyntaxNode root, Diagnostic diagnostic)
    {
        var reported = root.FindToken(diagnostic.Location.SourceSpan.Start).Parent as TypeDeclarationSyntax;
        return reported is null ? [] : reported.AncestorsAndSelf().OfType<TypeDeclarationSyntax>();
    }
}
