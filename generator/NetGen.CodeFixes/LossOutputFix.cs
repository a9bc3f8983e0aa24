using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Diagnostics;

namespace NetGen.CodeFixes;

/// <summary>
/// NG0007: two fixes, as the validator found them: the output activation that fits the loss, or the loss that fits the
/// output activation. No Fix All: which side to change is a decision about each network.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LossOutputFix)), Shared]
public sealed class LossOutputFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [DiagnosticDescriptors.LossDoesNotFitOutput.Id];

    /// <inheritdoc/>
    public override FixAllProvider? GetFixAllProvider() => null;

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
            if (diagnostic.Properties.TryGetValue(FixData.FittingActivation, out var activation) && activation is not null
                && diagnostic.AdditionalLocations.Count > 0
                && Fix.NodeAt(root, diagnostic.AdditionalLocations[0]) is { } output
                && Expression(output) is { } outputExpression)
            {
                context.RegisterCodeFix(
                    Fix.Action(
                        $"Use Activation.{activation} on the output layer",
                        _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(outputExpression, Fix.WithEnumMember(outputExpression, "Activation", activation))))),
                    diagnostic);
            }

            if (diagnostic.Properties.TryGetValue(FixData.FittingLoss, out var loss) && loss is not null
                && Fix.NodeAt(root, diagnostic.Location) is { } declared
                && Expression(declared) is { } lossExpression)
            {
                context.RegisterCodeFix(
                    Fix.Action(
                        $"Use Loss.{loss}",
                        _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(lossExpression, Fix.WithEnumMember(lossExpression, "Loss", loss))))),
                    diagnostic);
            }
        }
    }

    /// <summary>The value of an attribute argument (<c>Loss = Loss.X</c> or <c>Activation.X</c>), or the expression itself.</summary>
    private static ExpressionSyntax? Expression(SyntaxNode node) => node switch
    {
        AttributeArgumentSyntax argument => argument.Expression,
        ExpressionSyntax expression => expression,
        _ => null,
    };
}
