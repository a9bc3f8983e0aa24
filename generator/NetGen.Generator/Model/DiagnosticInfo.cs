using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace NetGen.Generator.Model;

/// <summary>
/// A diagnostic that can travel through the incremental pipeline: its arguments are strings, so it compares by value
/// and keeps no compilation alive. It keeps the syntax tree rather than a file path so that the reported location is a
/// real source location, which <c>#pragma warning disable</c> can suppress (a path-based location cannot, roslyn#68291).
/// </summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, SyntaxTree Tree, TextSpan Span, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, SourceSpan location, params string[] arguments) =>
        new(descriptor, location.Tree, location.Span, new EquatableArray<string>(arguments));

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(Descriptor, Location.Create(Tree, Span), [.. Arguments]);
}

/// <summary>A place in the user's source: a syntax tree and a span in it.</summary>
internal readonly record struct SourceSpan(SyntaxTree Tree, TextSpan Span)
{
    public static SourceSpan Of(SyntaxNode node) => new(node.SyntaxTree, node.Span);

    public static SourceSpan Of(SyntaxToken token) => new(token.SyntaxTree!, token.Span);
}
