using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Diagnostics;

namespace NetGen.CodeFixes;

/// <summary>
/// NG0009: moves every <c>[Dense]</c> of the class that sits on another partial declaration to the declaration that
/// carries <c>[Network]</c>, after its own layers, in the order of that other declaration; in one document or across
/// files. One fix moves all of a class's misplaced layers, so Fix All has nothing more to do.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MoveLayersFix)), Shared]
public sealed class MoveLayersFix : CodeFixProvider
{
    private const string NetworkAttribute = "NetGen.NetworkAttribute";
    private const string DenseAttribute = "NetGen.DenseAttribute";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [DiagnosticDescriptors.LayersOnSeveralDeclarations.Id];

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
            if (Fix.NodeAt(root, diagnostic.Location)?.FirstAncestorOrSelf<TypeDeclarationSyntax>() is { } declaration
                && model.GetDeclaredSymbol(declaration, context.CancellationToken) is { } type)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Move the layers of '{type.Name}' to its [Network] declaration",
                        cancellationToken => MoveAsync(context.Document.Project.Solution, type, cancellationToken),
                        nameof(MoveLayersFix)),
                    diagnostic);
            }
        }
    }

    private static async Task<Solution> MoveAsync(Solution solution, INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var attributes = type.GetAttributes();
        var network = attributes.FirstOrDefault(a => Is(a, NetworkAttribute))?.ApplicationSyntaxReference;
        if (network is null || await network.GetSyntaxAsync(cancellationToken).ConfigureAwait(false) is not { Parent.Parent: TypeDeclarationSyntax target })
        {
            return solution;
        }

        // The misplaced layers, in source order per file; the target's file is edited last so its spans stay valid.
        var misplaced = new List<AttributeSyntax>();
        foreach (var layer in attributes.Where(a => Is(a, DenseAttribute)))
        {
            if (layer.ApplicationSyntaxReference is { } reference
                && await reference.GetSyntaxAsync(cancellationToken).ConfigureAwait(false) is AttributeSyntax { Parent.Parent: TypeDeclarationSyntax owner } syntax
                && owner != target)
            {
                misplaced.Add(syntax);
            }
        }

        if (misplaced.Count == 0)
        {
            return solution;
        }

        var lists = misplaced.Select(layer => SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(layer.WithoutTrivia()))).ToList();
        foreach (var file in misplaced.GroupBy(layer => layer.SyntaxTree).Where(file => file.Key != target.SyntaxTree))
        {
            var document = solution.GetDocument(file.Key);
            if (document is not null)
            {
                solution = solution.WithDocumentSyntaxRoot(document.Id, Remove(await file.Key.GetRootAsync(cancellationToken).ConfigureAwait(false), file));
            }
        }

        var targetDocument = solution.GetDocument(target.SyntaxTree);
        if (targetDocument is null)
        {
            return solution;
        }

        var targetRoot = await target.SyntaxTree.GetRootAsync(cancellationToken).ConfigureAwait(false);
        var local = misplaced.Where(layer => layer.SyntaxTree == target.SyntaxTree).ToList();
        var annotation = new SyntaxAnnotation();
        targetRoot = targetRoot.ReplaceNode(target, target.WithAdditionalAnnotations(annotation));
        targetRoot = Remove(targetRoot, local.Select(layer => targetRoot.FindNode(layer.Span)).OfType<AttributeSyntax>());
        var annotated = targetRoot.GetAnnotatedNodes(annotation).OfType<TypeDeclarationSyntax>().First();
        var last = annotated.AttributeLists.Last();
        var indentation = last.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia));
        var eol = last.GetTrailingTrivia().Where(t => t.IsKind(SyntaxKind.EndOfLineTrivia)).DefaultIfEmpty(SyntaxFactory.ElasticCarriageReturnLineFeed);
        var added = lists.Select(list => list.WithLeadingTrivia(indentation).WithTrailingTrivia(eol));
        targetRoot = targetRoot.ReplaceNode(annotated, annotated.WithAttributeLists(annotated.AttributeLists.AddRange(added)));
        return solution.WithDocumentSyntaxRoot(targetDocument.Id, targetRoot);
    }

    /// <summary><paramref name="root"/> without <paramref name="layers"/>, and without attribute lists they leave empty.</summary>
    private static SyntaxNode Remove(SyntaxNode root, IEnumerable<AttributeSyntax> layers)
    {
        var removed = layers.ToList();
        var emptied = removed.Select(l => l.Parent!).Distinct().Where(list => ((AttributeListSyntax)list).Attributes.All(removed.Contains)).ToList();
        var singles = removed.Where(l => !emptied.Contains(l.Parent!)).ToList();
        root = root.RemoveNodes(emptied, SyntaxRemoveOptions.KeepLeadingTrivia) ?? root;
        return singles.Count == 0
            ? root
            : root.RemoveNodes(singles.Select(l => root.FindNode(l.Span)).OfType<AttributeSyntax>(), SyntaxRemoveOptions.KeepNoTrivia) ?? root;
    }

    private static bool Is(AttributeData attribute, string name) => attribute.AttributeClass?.ToDisplayString() == name;
}
