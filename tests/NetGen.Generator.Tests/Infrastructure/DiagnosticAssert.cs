using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace NetGen.Generator.Tests;

/// <summary>
/// Checks the generator's diagnostics against markup in the source, in the convention of Microsoft.CodeAnalysis'
/// testing libraries: <c>{|NG0001:Net|}</c> expects NG0001 exactly on <c>Net</c>. Every expected diagnostic must be
/// reported and nothing else, and a declaration with an error must generate no source.
/// </summary>
internal static partial class DiagnosticAssert
{
    /// <param name="markup">The source, with the expected diagnostics marked.</param>
    /// <param name="generatedFiles">How many networks in the source are free of errors and so generate a file.</param>
    /// <param name="languageVersion">The C# version to compile the source as.</param>
    /// <returns>The diagnostics, in source order, for tests that check their messages.</returns>
    /// <param name="compiles">Whether to require the source and the generated code to compile without warnings.</param>
    public static Diagnostic[] Reports(string markup, int generatedFiles = 0, LanguageVersion languageVersion = LanguageVersion.Latest, bool compiles = false)
    {
        var (source, expected) = Parse(markup);
        var run = GeneratorRunner.Run(source, languageVersion);
        var actual = run.Diagnostics
            .Select(d => (d.Id, d.Location.SourceSpan))
            .OrderBy(d => d.SourceSpan.Start).ThenBy(d => d.Id)
            .ToArray();

        Assert.True(
            expected.SequenceEqual(actual),
            $"Expected:\n{Describe(source, expected)}\nActual:\n{Describe(source, actual)}\nMessages:\n{string.Join("\n", run.Diagnostics)}");
        Assert.Equal(generatedFiles, run.RunResult.GeneratedTrees.Length);
        if (compiles)
        {
            run.AssertOutputCompilesWithoutWarnings();
        }

        return run.Diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id).ToArray();
    }

    /// <summary>Checks that <paramref name="markup"/> reports exactly one diagnostic, as marked, with <paramref name="message"/>.</summary>
    public static void ReportsWithMessage(string markup, string message, LanguageVersion languageVersion = LanguageVersion.Latest, int generatedFiles = 0) =>
        Assert.Equal(message, Assert.Single(Reports(markup, generatedFiles, languageVersion, compiles: generatedFiles > 0)).GetMessage(CultureInfo.InvariantCulture));

    /// <summary>Strips the markup and returns the source with the expected (ID, span) pairs, in order.</summary>
    private static (string Source, (string Id, TextSpan Span)[] Expected) Parse(string markup)
    {
        var expected = new List<(string, TextSpan)>();
        var source = new System.Text.StringBuilder();
        var position = 0;
        foreach (Match match in Markup().Matches(markup))
        {
            source.Append(markup, position, match.Index - position);
            expected.Add((match.Groups["id"].Value, new TextSpan(source.Length, match.Groups["text"].Length)));
            source.Append(match.Groups["text"].Value);
            position = match.Index + match.Length;
        }

        source.Append(markup, position, markup.Length - position);
        return (source.ToString(), expected.OrderBy(e => e.Item2.Start).ThenBy(e => e.Item1).ToArray());
    }

    private static string Describe(string source, IEnumerable<(string Id, TextSpan Span)> diagnostics) =>
        string.Join("\n", diagnostics.Select(d => $"  {d.Id} at {d.Span}: \"{source.Substring(d.Span.Start, d.Span.Length)}\""));

    [GeneratedRegex(@"\{\|(?<id>NG\d{4}):(?<text>.*?)\|\}", RegexOptions.Singleline)]
    private static partial Regex Markup();
}
