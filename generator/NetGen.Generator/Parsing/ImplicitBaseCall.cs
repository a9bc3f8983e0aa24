using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace NetGen.Generator.Parsing;

/// <summary>
/// Whether the implicit <c>base()</c> of the generated constructor <c>(int seed)</c> compiles. It follows C#'s overload
/// resolution for a call without arguments (C# spec §12.6.4, and the params collections of C# 13): the candidates are
/// the accessible constructors whose parameters are all optional or <c>params</c>; one without parameters beats the
/// rest, one that needs no <c>params</c> collection beats those that do; among those that all do, the one with the most
/// parameters wins, then the one with the better empty collection. Any other tie is ambiguous (CS0121).
/// </summary>
internal static class ImplicitBaseCall
{
    /// <summary>
    /// Why the call would not compile, as a clause completing "the base class 'B' …", or null when it would.
    /// </summary>
    /// <param name="format">How to show a constructor in the clause.</param>
    public static string? Problem(INamedTypeSymbol type, INamedTypeSymbol baseType, Compilation compilation, SymbolDisplayFormat format, CancellationToken cancellationToken)
    {
        // A base network's generated (int seed) constructor is invisible to the generator, for which the base class has
        // its implicit parameterless constructor; the analyzer, which sees generated code, must judge the same way.
        var declared = baseType.InstanceConstructors.Where(c => !NetworkParser.IsGeneratedByNetGen(c, cancellationToken)).ToList();
        if (declared.Count == 0)
        {
            return null;
        }

        var candidates = declared
            .Where(c => compilation.IsSymbolAccessibleWithin(c, type) && c.Parameters.All(p => p.IsOptional || p.IsParams))
            .ToList();
        if (candidates.Count == 0)
        {
            return "has no accessible constructor that can be called without arguments";
        }

        if (Choose(candidates, compilation) is not { } chosen)
        {
            return "has several constructors that can be called without arguments, and none is better than the others";
        }

        // Calling an obsolete member warns (or fails, with error: true) unless the caller is itself obsolete.
        var obsoleteCaller = false;
        for (var current = type; current is not null; current = current.ContainingType)
        {
            obsoleteCaller |= current.GetAttributes().Any(IsObsolete);
        }

        return !obsoleteCaller && chosen.GetAttributes().Any(IsObsolete)
            ? $"marks the constructor it calls, {chosen.ToDisplayString(format)}, [Obsolete]"
            : null;
    }

    /// <summary>The constructor C# calls for <c>base()</c> among <paramref name="candidates"/>, or null when the call is ambiguous.</summary>
    private static IMethodSymbol? Choose(List<IMethodSymbol> candidates, Compilation compilation)
    {
        var normalForm = candidates.Where(c => !c.Parameters.Any(p => p.IsParams)).ToList();
        if (normalForm.Count > 0)
        {
            return normalForm.FirstOrDefault(c => c.Parameters.Length == 0) ?? (normalForm.Count == 1 ? normalForm[0] : null);
        }

        var mostParameters = candidates.Max(c => c.Parameters.Length);
        var widest = candidates.Where(c => c.Parameters.Length == mostParameters).ToList();
        // At most one can be better than all the others, since betterness is strict.
        return widest.FirstOrDefault(c => widest.All(other => other.Equals(c, SymbolEqualityComparer.Default) || IsBetterEmptyCollection(Collection(c), Collection(other), compilation)));

        static ITypeSymbol Collection(IMethodSymbol constructor) => constructor.Parameters[constructor.Parameters.Length - 1].Type;
    }

    /// <summary>
    /// Whether an empty <c>params</c> collection of type <paramref name="p"/> is strictly better than one of type
    /// <paramref name="q"/> (C# 13 params collections, after the collection expressions of C# 12): a span over an array
    /// (or an interface an array implements) of the same elements, <c>ReadOnlySpan</c> over <c>Span</c>, and otherwise,
    /// between two non-spans, the one that converts implicitly to the other.
    /// </summary>
    private static bool IsBetterEmptyCollection(ITypeSymbol p, ITypeSymbol q, Compilation compilation)
    {
        return Better(p, q) && !Better(q, p);

        bool Better(ITypeSymbol m, ITypeSymbol n) => (Span(m), Span(n)) switch
        {
            ((false, _), (false, _)) => compilation.ClassifyCommonConversion(m, n).IsImplicit,
            ((true, var em), (true, var en)) => IsReadOnlySpan(m) && !IsReadOnlySpan(n) && SymbolEqualityComparer.Default.Equals(em, en),
            ((true, var em), (false, _)) => ArrayElement(n) is { } en && SymbolEqualityComparer.Default.Equals(em, en),
            _ => false,
        };
    }

    /// <summary>Whether <paramref name="type"/> is <c>Span&lt;E&gt;</c> or <c>ReadOnlySpan&lt;E&gt;</c>, with E.</summary>
    private static (bool IsSpan, ITypeSymbol? Element) Span(ITypeSymbol type) =>
        type is INamedTypeSymbol { MetadataName: "Span`1" or "ReadOnlySpan`1", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } span
            ? (true, span.TypeArguments[0])
            : (false, null);

    private static bool IsReadOnlySpan(ITypeSymbol type) => type.MetadataName == "ReadOnlySpan`1";

    /// <summary>E when <paramref name="type"/> is <c>E[]</c> or an interface that <c>E[]</c> implements generically, else null.</summary>
    private static ITypeSymbol? ArrayElement(ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol { Rank: 1 } array => array.ElementType,
        INamedTypeSymbol { MetadataName: "IEnumerable`1" or "IReadOnlyCollection`1" or "IReadOnlyList`1" or "ICollection`1" or "IList`1" } collection
            when collection.ContainingNamespace.ToDisplayString() == "System.Collections.Generic" => collection.TypeArguments[0],
        _ => null,
    };

    private static bool IsObsolete(AttributeData attribute) => attribute.AttributeClass?.ToDisplayString() == "System.ObsoleteAttribute";
}
