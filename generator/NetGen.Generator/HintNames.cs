using System;
using System.Collections.Immutable;
using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator;

/// <summary>
/// The names of the generated files. Each is the network class's metadata name, which is unique among types, plus
/// <c>.NetGen.g.cs</c>. Roslyn compares file names ignoring case, though, so classes whose names differ only in case
/// (<c>Net</c> and <c>NET</c>) are told apart by a number: <c>A.NET.1.NetGen.g.cs</c>, <c>A.Net.2.NetGen.g.cs</c>. No
/// metadata name has a part that starts with a digit, so a numbered name cannot be another class's name.
/// </summary>
internal static class HintNames
{
    private const string Suffix = ".NetGen.g.cs";

    /// <summary>The names of <paramref name="metadataNames"/> that equal another one but for case, in ordinal order.</summary>
    public static EquatableArray<string> CaseCollisions(ImmutableArray<string> metadataNames) =>
        metadataNames
            .GroupBy(name => name, StringComparer.OrdinalIgnoreCase)
            .Where(group => group.Count() > 1)
            .SelectMany(group => group)
            .OrderBy(name => name, StringComparer.Ordinal)
            .ToEquatableArray();

    /// <summary>The file name of the network class <paramref name="metadataName"/>, given every name in <see cref="CaseCollisions"/>.</summary>
    public static string For(string metadataName, EquatableArray<string> caseCollisions)
    {
        var sameButForCase = caseCollisions.Where(name => string.Equals(name, metadataName, StringComparison.OrdinalIgnoreCase)).ToList();
        return sameButForCase.Count == 0
            ? metadataName + Suffix
            : $"{metadataName}.{sameButForCase.IndexOf(metadataName) + 1}{Suffix}";
    }
}
