using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace NetGen.Generator.Model;

/// <summary>
/// A diagnostic that can travel through the incremental pipeline: its arguments are strings, so it compares by value
/// and keeps no compilation alive. It keeps the syntax tree rather than a file path so that the reported location is a
/// real source location, which <c>#pragma warning disable</c> can suppress (a path-based location cannot, roslyn#68291).
/// </summary>
/// <remarks>
/// <see cref="AdditionalLocations"/> and <see cref="Properties"/> tell code fixes what the validator already knows (the
/// output layer's activation, the activation that fits a loss…), so that no fix repeats a rule.
/// </remarks>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, SyntaxTree Tree, TextSpan Span, EquatableArray<string> Arguments)
{
    /// <summary>
    /// A property of a diagnostic about something another partial declaration names (an interface, the base class): it
    /// is placed on the class's identifier, which stops generation, and the analyzer reports it instead where it is named.
    /// </summary>
    public const string ReportedInAnotherFile = nameof(ReportedInAnotherFile);

    /// <summary>Other places the fix edits, in an order the diagnostic's ID defines (see <see cref="Diagnostics.FixData"/>).</summary>
    public EquatableArray<SourceSpan> AdditionalLocations { get; init; } = EquatableArray<SourceSpan>.Empty;

    /// <summary>Named facts for code fixes (keys in <see cref="Diagnostics.FixData"/>).</summary>
    public EquatableArray<(string Key, string Value)> Properties { get; init; } = EquatableArray<(string Key, string Value)>.Empty;

    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, SourceSpan location, params string[] arguments) =>
        new(descriptor, location.Tree, location.Span, new EquatableArray<string>(arguments));

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(
            Descriptor,
            Location.Create(Tree, Span),
            AdditionalLocations.Select(l => Location.Create(l.Tree, l.Span)),
            Properties.ToImmutableDictionary(p => p.Key, p => (string?)p.Value),
            [.. Arguments]);
}

/// <summary>A place in the user's source: a syntax tree and a span in it.</summary>
internal readonly record struct SourceSpan(SyntaxTree Tree, TextSpan Span)
{
    public static SourceSpan Of(SyntaxNode node) => new(node.SyntaxTree, node.Span);

    public static SourceSpan Of(SyntaxToken token) => new(token.SyntaxTree!, token.Span);
}
