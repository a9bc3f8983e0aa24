using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Model;
using static NetGen.Generator.Diagnostics.DiagnosticDescriptors;

namespace NetGen.Generator.Parsing;

/// <summary>
/// Finds the types of the user's own assembly that hide a public type or namespace of the NetGen runtime, which
/// generated code names: with <c>namespace NetGen.CompilerServices { class Kernels { } }</c>, every
/// <c>global::NetGen.CompilerServices.Kernels</c> in generated code means the user's class (CS0436), which lacks the
/// runtime's methods (CS0117). Generated code reaches the runtime only through <c>global::NetGen.…</c>, so only types in
/// namespace NetGen and below, and a type named NetGen in the global namespace, can hide part of it; no list of the
/// runtime's names is kept: the runtime assembly itself is asked.
/// </summary>
internal static class RuntimeNameConflicts
{
    /// <summary>The runtime's root namespace, <c>NetGen</c>.</summary>
    private static readonly string RootNamespace = NetworkParser.NetworkAttributeName.Substring(0, NetworkParser.NetworkAttributeName.IndexOf('.'));

    /// <summary>One error on each of the user's types that hides a runtime type or namespace; usually none, found without looking at the runtime.</summary>
    public static EquatableArray<DiagnosticInfo> Find(Compilation compilation, CancellationToken cancellationToken)
    {
        var candidates = new List<INamedTypeSymbol>();
        foreach (var member in compilation.Assembly.GlobalNamespace.GetMembers(RootNamespace))
        {
            AddTopLevelTypes(member, candidates, cancellationToken);
        }

        if (candidates.Count == 0)
        {
            return EquatableArray<DiagnosticInfo>.Empty;
        }

        // The runtime is the referenced assembly that defines [Network] (a copy of it in the user's assembly is a conflict).
        var runtimes = compilation.GetTypesByMetadataName(NetworkParser.NetworkAttributeName)
            .Select(attribute => attribute.ContainingAssembly)
            .Where(assembly => !assembly.Equals(compilation.Assembly, SymbolEqualityComparer.Default))
            .ToList();
        var diagnostics = new List<DiagnosticInfo>();
        foreach (var type in candidates)
        {
            var name = NetworkParser.MetadataName(type);
            var hidden = runtimes.Select(runtime => HiddenKind(runtime, name)).FirstOrDefault(kind => kind is not null);
            if (hidden is not null && type.Locations.FirstOrDefault(l => l.IsInSource) is { } location)
            {
                diagnostics.Add(DiagnosticInfo.Create(TypeHidesRuntime, new SourceSpan(location.SourceTree!, location.SourceSpan), type.ToDisplayString(), hidden));
            }
        }

        return diagnostics.ToEquatableArray();
    }

    /// <summary>Adds <paramref name="member"/> if it is a type, or every top-level type in it if it is a namespace.</summary>
    private static void AddTopLevelTypes(INamespaceOrTypeSymbol member, List<INamedTypeSymbol> types, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        switch (member)
        {
            case INamedTypeSymbol type:
                types.Add(type);
                break;
            case INamespaceSymbol ns:
                foreach (var inner in ns.GetMembers())
                {
                    AddTopLevelTypes(inner, types, cancellationToken);
                }

                break;
        }
    }

    /// <summary>"type" or "namespace" when <paramref name="runtime"/> has a public one named <paramref name="metadataName"/>, else null.</summary>
    private static string? HiddenKind(IAssemblySymbol runtime, string metadataName)
    {
        if (runtime.GetTypeByMetadataName(metadataName) is { DeclaredAccessibility: Accessibility.Public })
        {
            return "type";
        }

        INamespaceSymbol? ns = runtime.GlobalNamespace;
        foreach (var part in metadataName.Split('.'))
        {
            ns = ns?.GetNamespaceMembers().FirstOrDefault(n => n.Name == part);
        }

        return ns is not null && HasPublicTypes(ns) ? "namespace" : null;
    }

    private static bool HasPublicTypes(INamespaceSymbol ns) =>
        ns.GetTypeMembers().Any(t => t.DeclaredAccessibility == Accessibility.Public) || ns.GetNamespaceMembers().Any(HasPublicTypes);
}
