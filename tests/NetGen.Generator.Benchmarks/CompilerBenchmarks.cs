extern alias generator;

using System.Collections.Immutable;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using NetworkAnalyzer = generator::NetGen.Generator.NetworkAnalyzer;
using NetworkGenerator = generator::NetGen.Generator.NetworkGenerator;
using ShapeAnalyzer = generator::NetGen.Generator.ShapeAnalyzer;

namespace NetGen.Generator.Benchmarks;

/// <summary>
/// The generator and the analyzers on a project of <see cref="Networks"/> networks, one file each (a 3-layer network
/// and a method that calls its Forward with a matrix the shape analyzer can size).
/// </summary>
[MemoryDiagnoser]
public class CompilerBenchmarks
{
    private CSharpCompilation compilation = null!;
    private Compilation generated = null!;
    private GeneratorDriver warmDriver = null!;
    private CSharpCompilation[] edits = null!;
    private int edit;
    private ImmutableArray<DiagnosticAnalyzer> analyzers;

    /// <summary>How many [Network] classes the project declares.</summary>
    [Params(1, 10, 100)]
    public int Networks { get; set; }

    /// <summary>Compiles the project once, runs the generator on it once, and prepares two edits of the first network.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var options = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = Enumerable.Range(0, Networks).Select(i => CSharpSyntaxTree.ParseText(Source(i, units: 32), options, path: $"Net{i}.cs"));
        compilation = CSharpCompilation.Create(
            "Bench",
            trees,
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        warmDriver = Driver().RunGeneratorsAndUpdateCompilation(compilation, out generated, out _);
        var first = compilation.SyntaxTrees.First();
        edits = [.. new[] { 33, 32 }.Select(units => compilation.ReplaceSyntaxTree(first, CSharpSyntaxTree.ParseText(Source(0, units), options, path: first.FilePath)))];
        analyzers = [new NetworkAnalyzer(), new ShapeAnalyzer()];
        if (generated.SyntaxTrees.Count() != 2 * Networks || generated.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            throw new InvalidOperationException("The benchmarked project does not generate and compile as expected.");
        }
    }

    /// <summary>The generator's first run: every network parsed, validated and emitted (a build, or opening the project).</summary>
    [Benchmark]
    public GeneratorDriver Generate() => Driver().RunGenerators(compilation);

    /// <summary>The generator after one layer of one network changed (typing in the editor): one network re-emitted.</summary>
    [Benchmark]
    public GeneratorDriver GenerateAfterEdit()
    {
        warmDriver = warmDriver.RunGenerators(edits[edit++ % 2]);
        return warmDriver;
    }

    /// <summary>NetworkAnalyzer and ShapeAnalyzer on the project with its generated code, semantic models included.</summary>
    [Benchmark]
    public ImmutableArray<Diagnostic> Analyze() =>
        generated.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();

    /// <summary>The baseline of <see cref="Analyze"/>: binding every file of the project with a new semantic model, no analyzer.</summary>
    [Benchmark(Baseline = true)]
    public int Bind() => generated.SyntaxTrees.Sum(tree => generated.GetSemanticModel(tree).GetDiagnostics().Length);

    /// <summary>
    /// The time spent inside each analyzer's callbacks, as Roslyn's analyzer telemetry measures it (what
    /// <c>-p:ReportAnalyzer=true</c> reports in a build), the median of <paramref name="runs"/> analyses.
    /// </summary>
    /// <param name="completeSymbolsFirst">Whether <see cref="SymbolCompletionAnalyzer"/> runs first, taking on the cost of building the classes' symbols.</param>
    public IEnumerable<(string Analyzer, TimeSpan Median)> AnalyzerExecutionTimes(int runs, bool completeSymbolsFirst = false)
    {
        var analyzers = completeSymbolsFirst ? this.analyzers.Insert(0, new SymbolCompletionAnalyzer()) : this.analyzers;
        var times = analyzers.ToDictionary(a => a, _ => new List<TimeSpan>());
        for (var run = 0; run < runs; run++)
        {
            var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true);
            var analysis = generated.WithAnalyzers(analyzers, options);
            _ = analysis.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
            foreach (var analyzer in analyzers)
            {
                times[analyzer].Add(analysis.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).GetAwaiter().GetResult().ExecutionTime);
            }
        }

        return times.Select(t => (t.Key.GetType().Name, t.Value.Order().ElementAt(runs / 2)));
    }

    private static GeneratorDriver Driver() =>
        CSharpGeneratorDriver.Create([new NetworkGenerator().AsSourceGenerator()], parseOptions: new CSharpParseOptions(LanguageVersion.Latest));

    private static string Source(int i, int units)
    {
        var inputs = (10 + i).ToString(CultureInfo.InvariantCulture);
        return $$"""
            using NetGen;

            namespace Bench;

            [Network(Inputs = {{inputs}})]
            [Dense({{units}}, Activation.ReLU)]
            [Dense(16, Activation.ReLU)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net{{i}};

            public static class Use{{i}}
            {
                public static Matrix<float> Run(Net{{i}} network)
                {
                    var X = new Matrix<float>({{inputs}}, 8);
                    return network.Forward(X);
                }
            }
            """;
    }

    private static MetadataReference[] References() =>
    [
        .. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => Path.GetDirectoryName(path) == Path.GetDirectoryName(typeof(object).Assembly.Location))
            .Select(path => MetadataReference.CreateFromFile(path)),
        MetadataReference.CreateFromFile(typeof(NetworkAttribute).Assembly.Location),
    ];
}
