using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NetGen.Generator.Tests;

/// <summary>
/// The declaration rules are reported by <see cref="NetworkAnalyzer"/>, not by the generator: once each, configurable
/// like any analyzer's, and the generator still emits nothing for a declaration with an error. (Every test of
/// <see cref="DiagnosticTests"/> runs the analyzer on the compilation with the generated code and fails on a duplicate.)
/// </summary>
public class AnalyzerTests
{
    private const string NotPartial = """
        using NetGen;
        [Network(Inputs = 2)]
        [Dense(1, Activation.Sigmoid)]
        public class Net { }
        """;

    private const string LayersWithoutNetwork = """
        using NetGen;
        [Dense(1, Activation.Sigmoid)]
        public partial class Net { }
        """;

    [Fact]
    public void The_generator_reports_nothing_and_emits_nothing_for_an_invalid_network_the_analyzer_reports_it_once()
    {
        var run = GeneratorRunner.Run(NotPartial);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.RunResult.GeneratedTrees);
        Assert.Equal("NG0001", Assert.Single(run.AnalyzerDiagnostics).Id);
    }

    [Fact]
    public void The_analyzer_reports_the_same_before_and_after_the_generator_runs()
    {
        // The compiler and the IDE run analyzers on the compilation that includes generated code: members, constructors
        // and interfaces the generator added must not read as the user's (NG0010, NG0021, NG0024, NG0025).
        const string source = """
            using NetGen;
            [Network(Inputs = 2)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Base { }

            [Network(Inputs = 2)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Derived : Base { }

            [Network(Inputs = 2)]
            [Dense(3, Activation.ReLU)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Valid
            {
                public Valid() : this(seed: 1) { }
            }
            """;
        var run = GeneratorRunner.Run(source);

        Assert.Equal(2, run.RunResult.GeneratedTrees.Length);
        Assert.Equal(
            GeneratorRunner.Analyze(run.InputCompilation).Select(d => d.ToString()),
            run.AnalyzerDiagnostics.Select(d => d.ToString()));
        Assert.Equal("NG0002", Assert.Single(run.AnalyzerDiagnostics).Id);
    }

    [Theory]
    [InlineData(NotPartial, "NG0001")]
    [InlineData(LayersWithoutNetwork, "NG0012")]
    public void Pragma_suppresses_a_rule(string source, string id)
    {
        var unsuppressed = GeneratorRunner.Analyze(GeneratorRunner.Compile(source));
        var suppressed = GeneratorRunner.Analyze(GeneratorRunner.Compile($"#pragma warning disable {id}\n" + source));

        Assert.Equal(id, Assert.Single(unsuppressed).Id);
        Assert.Empty(suppressed);
    }

    [Theory]
    [InlineData(ReportDiagnostic.Suppress, null)]
    [InlineData(ReportDiagnostic.Error, DiagnosticSeverity.Error)]
    [InlineData(ReportDiagnostic.Info, DiagnosticSeverity.Info)]
    public void A_configured_severity_applies_as_editorconfig_sets_it(ReportDiagnostic configured, DiagnosticSeverity? expected)
    {
        // `dotnet_diagnostic.NG0012.severity = none|error|suggestion` in .editorconfig becomes this option.
        var compilation = GeneratorRunner.Compile(LayersWithoutNetwork);
        compilation = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions([new("NG0012", configured)]));

        var diagnostics = GeneratorRunner.Analyze(compilation);

        Assert.Equal(expected, diagnostics.SingleOrDefault()?.Severity);
    }

    [Fact]
    public void A_suppressed_error_still_generates_nothing()
    {
        var run = GeneratorRunner.Run("#pragma warning disable NG0001\n" + NotPartial);

        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.RunResult.GeneratedTrees);
    }

    [Fact]
    public void Every_rule_but_NG0022_is_the_analyzers()
    {
        var analyzer = new NetworkAnalyzer().SupportedDiagnostics.Select(d => d.Id).ToArray();

        Assert.Equal(Enumerable.Range(1, 26).Where(i => i != 22).Select(i => $"NG{i:D4}"), analyzer.Where(id => string.CompareOrdinal(id, "NG0027") < 0).Order());
    }

    [Fact]
    public void What_another_partial_declaration_names_is_reported_there_once()
    {
        const string network = """
            using NetGen;
            [Network(Inputs = 2)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net { }
            """;
        const string other = """
            using NetGen;
            public partial class Net : INetwork<double>
            {
                public void Predict() { }
            }
            """;
        var compilation = GeneratorRunner.Compile(network);
        compilation = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(other, (CSharpParseOptions)compilation.SyntaxTrees.First().Options, path: "Other.cs"));

        var diagnostics = GeneratorRunner.Analyze(compilation);

        Assert.Equal(
            ["NG0010 Other.cs Predict", "NG0025 Other.cs INetwork<double>"],
            diagnostics.Select(d => $"{d.Id} {d.Location.SourceTree!.FilePath} {d.Location.SourceTree.GetText().ToString(d.Location.SourceSpan)}").Order());
    }
}
