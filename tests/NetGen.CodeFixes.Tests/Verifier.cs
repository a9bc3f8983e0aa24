using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace NetGen.CodeFixes.Tests;

/// <summary>
/// Runs <see cref="NetGen.Generator.NetworkAnalyzer"/> and a code fix on source compiled against .NET 10 and the NetGen
/// runtime, as <c>Microsoft.CodeAnalysis.CSharp.CodeFix.Testing</c> does: the markup's diagnostics must be exactly the
/// reported ones, the fix must give the fixed source, and the fixed source must have no diagnostic left.
/// </summary>
internal static class Verifier<TFix>
    where TFix : CodeFixProvider, new()
{
    /// <summary>
    /// The SDK's own reference pack for net10.0 (the testing package's download of it is not available here), and the
    /// runtime that the tests' attributes come from.
    /// </summary>
    private static readonly MetadataReference[] Assemblies =
    [
        .. ReferencePack().Select(path => MetadataReference.CreateFromFile(path)),
        MetadataReference.CreateFromFile(typeof(NetGen.NetworkAttribute).Assembly.Location),
    ];

    /// <summary>Applies the fix whose index among those offered is <paramref name="action"/> to every diagnostic in <paramref name="source"/>.</summary>
    public static Task VerifyAsync(string source, string fixedSource, int action = 0, string? fixedByFixAll = null, string[]? moreFiles = null, string[]? moreFixedFiles = null)
    {
        var test = new Test
        {
            TestCode = source,
            FixedCode = fixedSource,
            CodeActionIndex = action,
            CodeFixTestBehaviors = fixedByFixAll is null ? CodeFixTestBehaviors.SkipFixAllCheck : CodeFixTestBehaviors.None,
        };
        foreach (var (file, i) in (moreFiles ?? []).Select((f, i) => (f, i)))
        {
            test.TestState.Sources.Add(($"/0/Test{i + 1}.cs", file));
            test.FixedState.Sources.Add(($"/0/Test{i + 1}.cs", moreFixedFiles![i]));
        }

        if (fixedByFixAll is not null)
        {
            test.BatchFixedState.Sources.Add(("/0/Test0.cs", fixedByFixAll));
        }

        return test.RunAsync();
    }

    private static string[] ReferencePack()
    {
        var dotnet = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(typeof(object).Assembly.Location))))!;
        var pack = Path.Combine(dotnet, "packs", "Microsoft.NETCore.App.Ref");
        var version = Directory.GetDirectories(pack).Where(d => Path.GetFileName(d).StartsWith("10.", StringComparison.Ordinal)).Max(StringComparer.Ordinal)!;
        return Directory.GetFiles(Path.Combine(version, "ref", "net10.0"), "*.dll");
    }

    private sealed class Test : CSharpCodeFixTest<NetGen.Generator.NetworkAnalyzer, TFix, DefaultVerifier>
    {
        public Test()
        {
            ReferenceAssemblies = new ReferenceAssemblies("net10.0");
            TestState.AdditionalReferences.AddRange(Assemblies);
        }
    }
}
