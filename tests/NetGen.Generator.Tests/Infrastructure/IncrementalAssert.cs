using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace NetGen.Generator.Tests;

/// <summary>
/// Checks that the generator caches, after NetEscapades.EnumGenerators' test helper: run twice and compare the
/// tracked steps, and walk every step's output to make sure it holds no compilation, symbol, semantic model or syntax
/// node. A <see cref="SyntaxTree"/> is allowed, as a leaf only: diagnostics keep the tree so that their location is a
/// real source location that <c>#pragma</c> can suppress.
/// </summary>
internal static class IncrementalAssert
{
    private static readonly string[] TrackedSteps = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();

    public static void SecondRunIsCached(string source)
    {
        var compilation = GeneratorRunner.Compile(source);
        var driver = GeneratorRunner.CreateDriver(compilation).RunGenerators(compilation);
        var first = driver.GetRunResult().Results.Single();
        var second = driver.RunGenerators(compilation.Clone()).GetRunResult().Results.Single();

        Assert.All(second.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(run => run.Outputs), output =>
            Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
        foreach (var name in TrackedSteps.Where(first.TrackedSteps.ContainsKey))
        {
            var (before, after) = (first.TrackedSteps[name], second.TrackedSteps[name]);
            Assert.Equal(before.Length, after.Length);
            for (var i = 0; i < before.Length; i++)
            {
                Assert.Equal(before[i].Outputs.Select(o => o.Value), after[i].Outputs.Select(o => o.Value));
                Assert.All(after[i].Outputs, output => Assert.True(
                    output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                    $"step {name} ran as {output.Reason} on an unchanged compilation"));
                Assert.All(after[i].Outputs, output => AssertHoldsNoCompilationState(output.Value, name));
            }
        }

        Assert.Contains(TrackingNames.Spec, first.TrackedSteps.Keys);
    }

    /// <summary>Runs the generator, applies <paramref name="edit"/>, runs again; returns the second run's output reasons per step.</summary>
    public static IReadOnlyDictionary<string, IncrementalStepRunReason[]> ReasonsAfterEdit(string source, Func<Compilation, Compilation> edit)
    {
        var compilation = GeneratorRunner.Compile(source);
        var driver = GeneratorRunner.CreateDriver(compilation).RunGenerators(compilation);
        var second = driver.RunGenerators(edit(compilation)).GetRunResult().Results.Single();
        return second.TrackedSteps.ToDictionary(
            step => step.Key,
            step => step.Value.SelectMany(run => run.Outputs).Select(output => output.Reason).ToArray());
    }

    /// <summary>
    /// Runs the generator on <paramref name="sources"/> (one file each), applies <paramref name="edit"/>, runs again,
    /// and returns the second run, whose generated sources must equal a fresh run's on the edited compilation.
    /// </summary>
    public static GeneratorRunResult RunTwice(string[] sources, Func<Compilation, Compilation> edit)
    {
        var compilation = GeneratorRunner.Compile(sources[0]);
        var options = (Microsoft.CodeAnalysis.CSharp.CSharpParseOptions)compilation.SyntaxTrees.First().Options;
        compilation = compilation.AddSyntaxTrees(sources.Skip(1).Select((source, i) => Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(source, options, path: $"Network{i + 2}.cs")));
        var driver = GeneratorRunner.CreateDriver(compilation).RunGenerators(compilation);
        var edited = edit(compilation);
        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();
        var fresh = GeneratorRunner.CreateDriver(edited).RunGenerators(edited).GetRunResult().Results.Single();
        Assert.Equal(
            fresh.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())).OrderBy(s => s.HintName),
            second.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())).OrderBy(s => s.HintName));
        return second;
    }

    private static void AssertHoldsNoCompilationState(object? value, string step, HashSet<object>? visited = null)
    {
        if (value is null or string || value.GetType().IsPrimitive || value.GetType().IsEnum || value is SyntaxTree)
        {
            return;
        }

        Assert.False(
            value is Compilation or ISymbol or SemanticModel or SyntaxNode,
            $"step {step} holds a {value.GetType().Name}, which defeats caching and keeps the compilation alive");
        visited ??= new HashSet<object>(ReferenceEqualityComparer.Instance);
        if (!visited.Add(value))
        {
            return;
        }

        if (value is IEnumerable items)
        {
            foreach (var item in items)
            {
                AssertHoldsNoCompilationState(item, step, visited);
            }

            return;
        }

        foreach (var field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertHoldsNoCompilationState(field.GetValue(value), step, visited);
        }
    }
}
