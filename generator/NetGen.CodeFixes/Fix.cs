using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace NetGen.CodeFixes;

/// <summary>Edits the code fixes share.</summary>
internal static class Fix
{
    /// <summary>A code action that changes one document, with a title that is also its equivalence key.</summary>
    public static CodeAction Action(string title, System.Func<CancellationToken, Task<Document>> change, string? key = null) =>
        CodeAction.Create(title, change, key ?? title);

    /// <summary>The node whose span is exactly <paramref name="location"/> (or the innermost one that covers it).</summary>
    public static SyntaxNode? NodeAt(SyntaxNode root, Location location) =>
        location.IsInSource && root.FullSpan.Contains(location.SourceSpan)
            ? root.FindNode(location.SourceSpan, getInnermostNodeForTie: false)
            : null;

    /// <summary>
    /// <paramref name="expression"/> (an enum value as written: <c>Activation.ReLU</c>, <c>NetGen.Activation.ReLU</c>,
    /// <c>ReLU</c> with <c>using static</c>…) changed to the member <paramref name="member"/> of the same enum.
    /// </summary>
    public static ExpressionSyntax WithEnumMember(ExpressionSyntax expression, string enumName, string member) => expression switch
    {
        MemberAccessExpressionSyntax access => access.WithName(SyntaxFactory.IdentifierName(member).WithTriviaFrom(access.Name)),
        _ => SyntaxFactory.ParseExpression($"global::NetGen.{enumName}.{member}").WithTriviaFrom(expression).WithAdditionalAnnotations(Simplifier.Annotation),
    };

    /// <summary>
    /// <paramref name="attribute"/> without <paramref name="argument"/>, and without its parentheses when nothing is left.
    /// </summary>
    public static AttributeSyntax WithoutArgument(AttributeSyntax attribute, AttributeArgumentSyntax argument)
    {
        var list = attribute.ArgumentList!;
        var arguments = list.Arguments.Remove(argument);
        return attribute.WithArgumentList(arguments.Count == 0 ? null : list.WithArguments(arguments));
    }

    /// <summary><paramref name="type"/> with the <c>partial</c> modifier, placed last as C# requires.</summary>
    public static TypeDeclarationSyntax MakePartial(TypeDeclarationSyntax type)
    {
        if (type.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            return type;
        }

        if (type.Modifiers.Count == 0)
        {
            var keyword = type.Keyword;
            var partial = SyntaxFactory.Token(keyword.LeadingTrivia, SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
            return type.WithKeyword(keyword.WithLeadingTrivia()).WithModifiers(SyntaxFactory.TokenList(partial));
        }

        return type.AddModifiers(SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space));
    }
}
