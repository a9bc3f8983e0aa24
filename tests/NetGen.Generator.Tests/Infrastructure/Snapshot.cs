using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace NetGen.Generator.Tests;

/// <summary>
/// Snapshot tests of generated source with the file conventions of Verify.SourceGenerators (which cannot be restored
/// here), so that switching to it later is a package swap:
/// <c>Snapshots/{Class}.{Test}#{HintName}.verified.cs</c> per generated file, starting with <c>//HintName: …</c>, and
/// <c>Snapshots/{Class}.{Test}.verified.txt</c> with the diagnostics, only when there are some. A missing or different
/// snapshot fails the test and writes <c>.received.*</c> beside it. Setting <c>NETGEN_ACCEPT_SNAPSHOTS=1</c> accepts the
/// output instead — except under CI (<c>CI=true</c>), which never accepts a snapshot.
/// </summary>
internal static partial class Snapshot
{
    public const string Folder = "Snapshots";

    public static void Verify(GeneratorDriverRunResult result, string className, string testName, [CallerFilePath] string callerFile = "")
    {
        var folder = Path.Combine(Path.GetDirectoryName(callerFile)!, Folder);
        var prefix = $"{className}.{testName}";
        var files = result.Results
            .SelectMany(r => r.GeneratedSources)
            .OrderBy(s => s.HintName, StringComparer.Ordinal)
            .ToDictionary(
                s => $"{prefix}#{Path.GetFileNameWithoutExtension(s.HintName)}.verified.cs",
                s => Scrub($"//HintName: {s.HintName}\n{s.SourceText}"));
        if (!result.Diagnostics.IsEmpty)
        {
            files[$"{prefix}.verified.txt"] = string.Join("\n", result.Diagnostics.Select(Describe)) + "\n";
        }

        // Received files of an earlier run are stale whatever happens now; this run writes the ones it needs.
        foreach (var received in Directory.Exists(folder) ? Directory.GetFiles(folder, prefix + "*.received.*") : [])
        {
            File.Delete(received);
        }

        var failures = files.Select(file => VerifyText(Path.Combine(folder, file.Key), file.Value)).OfType<string>().ToList();
        failures.AddRange(Orphans(folder, prefix, files.Keys));
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    /// <summary>Compares <paramref name="text"/> with the verified file at <paramref name="verifiedPath"/>; returns why it failed, or null.</summary>
    internal static string? VerifyText(string verifiedPath, string text)
    {
        var receivedPath = verifiedPath.Replace(".verified.", ".received.", StringComparison.Ordinal);
        var verified = File.Exists(verifiedPath) ? File.ReadAllText(verifiedPath).ReplaceLineEndings("\n") : null;
        if (verified == text)
        {
            File.Delete(receivedPath);
            return null;
        }

        if (AcceptanceRequested)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(verifiedPath)!);
            File.WriteAllText(verifiedPath, text, Utf8WithoutBom);
            File.Delete(receivedPath);
            return null;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(receivedPath)!);
        File.WriteAllText(receivedPath, text, Utf8WithoutBom);
        return verified is null
            ? $"No snapshot {verifiedPath}.\nThe output was written to {receivedPath}; review it, then accept with NETGEN_ACCEPT_SNAPSHOTS=1."
            : $"The output differs from {verifiedPath}:\n{FirstDifference(verified, text)}\nThe output was written to {receivedPath}; review it, then accept with NETGEN_ACCEPT_SNAPSHOTS=1.";
    }

    /// <summary>Snapshots of this test that it no longer produces: deleted on acceptance, failures otherwise.</summary>
    private static IEnumerable<string> Orphans(string folder, string prefix, IEnumerable<string> produced)
    {
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        var stale = Directory.EnumerateFiles(folder, prefix + "*.verified.*")
            .Where(path => BelongsTo(Path.GetFileName(path), prefix))
            .Except(produced.Select(name => Path.Combine(folder, name)));
        foreach (var path in stale)
        {
            if (AcceptanceRequested)
            {
                File.Delete(path);
            }
            else
            {
                yield return $"The test no longer produces {path}; delete it, or accept with NETGEN_ACCEPT_SNAPSHOTS=1.";
            }
        }
    }

    /// <summary>Whether a snapshot file name is of the test <paramref name="prefix"/> (and not of a test whose name merely starts alike).</summary>
    internal static bool BelongsTo(string fileName, string prefix) =>
        fileName.StartsWith(prefix + "#", StringComparison.Ordinal) || fileName.StartsWith(prefix + ".verified.", StringComparison.Ordinal);

    internal static bool AcceptanceRequested =>
        Environment.GetEnvironmentVariable("NETGEN_ACCEPT_SNAPSHOTS") == "1"
        && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static readonly UTF8Encoding Utf8WithoutBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Line endings to '\n', and the generator's version to a fixed token so that a release does not change every snapshot.</summary>
    private static string Scrub(string text) =>
        GeneratedCodeVersion().Replace(text.ReplaceLineEndings("\n"), "GeneratedCode(\"NetGen\", \"VERSION\")");

    private static string Describe(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        return $"{diagnostic.Id} {diagnostic.Severity} ({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})-({span.EndLinePosition.Line + 1},{span.EndLinePosition.Character + 1}): {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    /// <summary>The first line that differs, with three lines of context on each side.</summary>
    private static string FirstDifference(string expected, string actual)
    {
        string[] expectedLines = expected.Split('\n'), actualLines = actual.Split('\n');
        var line = 0;
        while (line < expectedLines.Length && line < actualLines.Length && expectedLines[line] == actualLines[line])
        {
            line++;
        }

        var context = new StringBuilder();
        for (var i = Math.Max(0, line - 3); i <= line + 3; i++)
        {
            var e = i < expectedLines.Length ? expectedLines[i] : "<end>";
            var a = i < actualLines.Length ? actualLines[i] : "<end>";
            context.AppendLine(e == a ? $"  {i + 1,5}  {e}" : $"- {i + 1,5}  {e}\n+ {i + 1,5}  {a}");
        }

        return context.ToString();
    }

    [GeneratedRegex("""GeneratedCode\("NetGen", "[^"]*"\)""")]
    private static partial Regex GeneratedCodeVersion();
}
