using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Diagnostics;

namespace NetGen.CodeFixes;

/// <summary>
/// An argument of a <c>[Dense]</c> that does not belong there. NG0016 (<c>Slope</c> on a layer that is not leaky ReLU):
/// remove <c>Slope</c>, or use <c>Activation.LeakyReLU</c>. NG0018 (<c>Dropout</c> on the output layer): remove it, or
/// move it to the last hidden layer when that one has none. NG0028 (an initialization that does not fit the
/// activation): remove <c>Initialization</c>, so that <c>Auto</c> picks the one that fits. Fix All removes every such argument.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LayerArgumentFix)), Shared]
public sealed class LayerArgumentFix : CodeFixProvider
{
    private const string RemoveKey = "Remove";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        [DiagnosticDescriptors.SlopeWithoutLeakyReLU.Id, DiagnosticDescriptors.DropoutOnOutput.Id, DiagnosticDescriptors.InitializationDoesNotFitActivation.Id];

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

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
            if (Fix.NodeAt(root, diagnostic.Location) is not AttributeArgumentSyntax { NameEquals: { } name, Parent.Parent: AttributeSyntax attribute } argument)
            {
                continue;
            }

            var property = name.Name.Identifier.ValueText;
            context.RegisterCodeFix(
                Fix.Action(
                    $"Remove {property}",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(attribute, Fix.WithoutArgument(attribute, argument)))),
                    RemoveKey + property),
                diagnostic);

            var other = diagnostic.AdditionalLocations.Count > 0 ? Fix.NodeAt(root, diagnostic.AdditionalLocations[0]) : null;
            if (diagnostic.Id == DiagnosticDescriptors.SlopeWithoutLeakyReLU.Id
                && other is AttributeArgumentSyntax { Expression: var activation })
            {
                context.RegisterCodeFix(
                    Fix.Action(
                        "Use Activation.LeakyReLU",
                        _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(activation, Fix.WithEnumMember(activation, "Activation", "LeakyReLU"))))),
                    diagnostic);
            }

            if (diagnostic.Id == DiagnosticDescriptors.DropoutOnOutput.Id && other is AttributeSyntax { ArgumentList: { } } hidden)
            {
                context.RegisterCodeFix(
                    Fix.Action(
                        "Move Dropout to the last hidden layer",
                        _ => Task.FromResult(context.Document.WithSyntaxRoot(MoveArgument(root, argument, attribute, hidden)))),
                    diagnostic);
            }
        }
    }

    private static SyntaxNode MoveArgument(SyntaxNode root, AttributeArgumentSyntax argument, AttributeSyntax from, AttributeSyntax to)
    {
        var moved = argument.WithoutTrivia();
        return root.ReplaceNodes([from, to], (original, rewritten) => original == from
            ? Fix.WithoutArgument(rewritten, rewritten.ArgumentList!.Arguments.First(a => a.IsEquivalentTo(argument)))
            : rewritten.WithArgumentList(Append(rewritten.ArgumentList!, moved)));
    }

    /// <summary><paramref name="list"/> with <paramref name="argument"/> last, after a comma and a space.</summary>
    private static AttributeArgumentListSyntax Append(AttributeArgumentListSyntax list, AttributeArgumentSyntax argument)
    {
        var comma = SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space);
        return list.WithArguments(SyntaxFactory.SeparatedList(
            list.Arguments.Append(argument),
            list.Arguments.GetSeparators().Append(comma)));
    }
}
