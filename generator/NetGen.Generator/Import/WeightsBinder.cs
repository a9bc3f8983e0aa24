using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Emission;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;

namespace NetGen.Generator.Import;

/// <summary>What <c>[Network(Weights = path)]</c> asks for, with where it was written.</summary>
/// <param name="Path">The path as written.</param>
/// <param name="Argument">The <c>Weights = …</c> argument, where problems with the file are reported.</param>
/// <param name="Attribute">The <c>[Network]</c> attribute, where a mismatch with the declaration is reported.</param>
/// <param name="NetworkName">The class name, for messages.</param>
internal sealed record WeightsRequest(string Path, SourceSpan Argument, SourceSpan Attribute, string NetworkName)
{
    public static WeightsRequest? From(NetworkDeclaration declaration) =>
        declaration.Weights is { } weights
            ? new WeightsRequest(weights.Path, weights.Location, declaration.NetworkAttribute, declaration.Name)
            : null;

    /// <summary>The file name the path ends with, which decides which additional files are read at all.</summary>
    public string FileName => WeightsBinder.FileName(Path);
}

/// <summary>Parameters to compile into a network: the file they come from and every matrix, in the order of <c>Parameters</c>.</summary>
internal sealed record EmbeddedWeights(string File, string Format, EquatableArray<ParameterValues> Parameters);

/// <summary>A network ready to emit (or not), with the parameters it embeds and the diagnostics of its weights file.</summary>
internal sealed record BoundNetwork(NetworkSpec? Spec, EmbeddedWeights? Weights, EquatableArray<DiagnosticInfo> Diagnostics)
{
    public static BoundNetwork None { get; } = new(null, null, EquatableArray<DiagnosticInfo>.Empty);
}

/// <summary>Finds each network's weights file among the additional files and checks it against the declaration.</summary>
internal static class WeightsBinder
{
    public static BoundNetwork Bind(NetworkResult network, ImmutableArray<WeightsFile> files)
    {
        if (network.Spec is not { } spec)
        {
            return BoundNetwork.None; // the declaration's own errors are reported from the network node
        }

        if (network.Weights is not { } request)
        {
            return new BoundNetwork(spec, null, EquatableArray<DiagnosticInfo>.Empty);
        }

        var name = request.NetworkName;
        var matches = Find(request, files);
        if (matches.Count != 1)
        {
            var why = matches.Count == 0
                ? $"which is not an AdditionalFiles item of the project; add <AdditionalFiles Include=\"{request.Path}\" /> to the project file"
                : $"which matches several AdditionalFiles items ({string.Join(", ", matches.Select(m => m.Path))}); give more of its path";
            return Failed(DiagnosticInfo.Create(DiagnosticDescriptors.WeightsFileNotFound, request.Argument, name, request.Path, why));
        }

        var file = matches[0];
        switch (file.Problem)
        {
            case WeightsProblem.None:
                break;
            case WeightsProblem.Unreadable:
                return Failed(DiagnosticInfo.Create(DiagnosticDescriptors.WeightsFileUnreadable, request.Argument, request.Path, name, file.Detail));
            case WeightsProblem.Unsupported:
                return Failed(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedOnnxGraph, request.Argument, request.Path, name, file.Detail));
            default:
                throw new ArgumentOutOfRangeException(nameof(files), file.Problem, "not a defined weights problem");
        }

        var weights = file.Weights!;
        var declared = NetworkEmitter.ArchitectureOf(spec);
        if (weights.Architecture != declared)
        {
            return Failed(DiagnosticInfo.Create(
                DiagnosticDescriptors.WeightsArchitectureMismatch, request.Attribute, weights.Format, request.Path, weights.Architecture, name, declared));
        }

        // The same architecture has the same parameter shapes; a file whose matrices disagree with it is corrupted.
        var shapes = Enumerable.Range(1, spec.LayerCount).SelectMany(l => spec.Layers[l - 1].Parameters.Select(p => (p.Rows, p.Columns))).ToList();
        if (!shapes.SequenceEqual(weights.Parameters.Select(p => (p.Rows, p.Columns))))
        {
            var held = string.Join(", ", weights.Parameters.Select(p => $"{p.Rows} × {p.Columns}"));
            var expected = string.Join(", ", shapes.Select(s => $"{s.Rows} × {s.Columns}"));
            return Failed(DiagnosticInfo.Create(
                DiagnosticDescriptors.WeightsFileUnreadable, request.Argument, request.Path, name, $"is corrupted: it holds matrices of {held}, but {declared} has {expected}"));
        }

        return new BoundNetwork(spec, new EmbeddedWeights(request.Path, weights.Format, weights.Parameters), EquatableArray<DiagnosticInfo>.Empty);
    }

    /// <summary>
    /// The files <paramref name="request"/> names: the one at the path relative to the declaring source file, if it is
    /// an additional file; otherwise every additional file whose path ends with the path as written.
    /// </summary>
    private static List<WeightsFile> Find(WeightsRequest request, ImmutableArray<WeightsFile> files)
    {
        var written = Normalize(request.Path);
        if (written.Length == 0)
        {
            return [];
        }

        var source = Normalize(request.Argument.Tree.FilePath);
        var directory = source.LastIndexOf('/') is var slash and >= 0 ? source.Substring(0, slash) : string.Empty;
        var resolved = IsRooted(written) ? written : Normalize(directory + "/" + written);
        var exact = files.Where(f => Normalize(f.Path) == resolved).ToList();
        if (exact.Count > 0)
        {
            return exact;
        }

        var tail = "/" + string.Join("/", written.Split('/').SkipWhile(part => part == ".."));
        return files.Where(f => ("/" + Normalize(f.Path)).EndsWith(tail, StringComparison.Ordinal)).ToList();
    }

    /// <summary>The last part of a path, after any / or \.</summary>
    internal static string FileName(string path)
    {
        var normalized = path.Replace('\\', '/');
        return normalized.Substring(normalized.LastIndexOf('/') + 1);
    }

    /// <summary>A path with / separators and its "." and ".." parts resolved (a leading ".." is kept).</summary>
    private static string Normalize(string path)
    {
        var parts = new List<string>();
        var normalized = path.Replace('\\', '/');
        foreach (var part in normalized.Split('/'))
        {
            if (part == "." || (part.Length == 0 && parts.Count > 0))
            {
                continue;
            }

            if (part == ".." && parts.Count > 0 && parts[parts.Count - 1] is not ("" or ".."))
            {
                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(part);
        }

        return string.Join("/", parts);
    }

    private static bool IsRooted(string normalized) =>
        normalized.StartsWith("/", StringComparison.Ordinal) || (normalized.Length >= 2 && normalized[1] == ':');

    private static BoundNetwork Failed(DiagnosticInfo diagnostic) => new(null, null, new EquatableArray<DiagnosticInfo>([diagnostic]));
}
