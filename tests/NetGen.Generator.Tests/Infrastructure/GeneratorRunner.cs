using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace NetGen.Generator.Tests;

/// <summary>Runs <see cref="NetworkGenerator"/> in-process on source text, as the compiler would.</summary>
internal static class GeneratorRunner
{
    /// <summary>
    /// The shared framework the tests run on and the NetGen runtime: what a user's project compiles against. (Not every
    /// loaded assembly: the generator's own copy of the enums would make NetGen.Activation ambiguous.)
    /// </summary>
    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => Path.GetDirectoryName(path) == Path.GetDirectoryName(typeof(object).Assembly.Location))
            .Select(path => MetadataReference.CreateFromFile(path)),
        MetadataReference.CreateFromFile(typeof(NetGen.NetworkAttribute).Assembly.Location),
    ];

    public static CSharpCompilation Compile(string source, LanguageVersion languageVersion = LanguageVersion.Latest, bool allowUnsafe = false) =>
        CSharpCompilation.Create(
            "Tests",
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(languageVersion), path: "Network.cs")],
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: allowUnsafe));

    public static GeneratorDriver CreateDriver(Compilation compilation) =>
        CSharpGeneratorDriver.Create(
            [new NetworkGenerator().AsSourceGenerator()],
            parseOptions: (CSharpParseOptions)compilation.SyntaxTrees.First().Options,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GeneratorRun Run(string source, LanguageVersion languageVersion = LanguageVersion.Latest, bool allowUnsafe = false)
    {
        var input = Compile(source, languageVersion, allowUnsafe);
        var driver = CreateDriver(input).RunGeneratorsAndUpdateCompilation(input, out var output, out var diagnostics);
        var result = driver.GetRunResult();
        Assert.All(result.Results, r => Assert.True(r.Exception is null, $"The generator threw: {r.Exception}"));
        return new GeneratorRun(input, output, result, diagnostics, Analyze(output));
    }

    /// <summary>
    /// Runs <see cref="NetworkAnalyzer"/> and <see cref="ShapeAnalyzer"/> as the compiler does, on the compilation that includes the generated code, and
    /// requires that it neither throws nor reports anything twice.
    /// </summary>
    public static ImmutableArray<Diagnostic> Analyze(Compilation compilation)
    {
        var exceptions = new List<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]), onAnalyzerException: (exception, _, _) => exceptions.Add(exception), concurrentAnalysis: false, logAnalyzerExecutionTime: false);
        var diagnostics = compilation.WithAnalyzers([new NetworkAnalyzer(), new ShapeAnalyzer()], options).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        Assert.True(exceptions.Count == 0, "an analyzer threw: " + string.Join("\n", exceptions));
        var duplicates = diagnostics.GroupBy(d => (d.Id, d.Location.SourceSpan, d.Location.SourceTree?.FilePath)).Where(g => g.Count() > 1).ToArray();
        Assert.True(duplicates.Length == 0, "reported more than once: " + string.Join(", ", duplicates.Select(g => g.First())));
        return diagnostics;
    }
}

/// <summary>The outcome of one generator run.</summary>
/// <param name="GeneratorDiagnostics">What the generator reported: NG0022 at most.</param>
/// <param name="AnalyzerDiagnostics">What the analyzers reported on the compilation with the generated code.</param>
internal sealed record GeneratorRun(
    Compilation InputCompilation,
    Compilation OutputCompilation,
    GeneratorDriverRunResult RunResult,
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    ImmutableArray<Diagnostic> AnalyzerDiagnostics)
{
    /// <summary>Every NG diagnostic the user sees: the generator's and the analyzers'.</summary>
    public ImmutableArray<Diagnostic> Diagnostics => GeneratorDiagnostics.AddRange(AnalyzerDiagnostics);

    /// <summary>
    /// Requires the user's source plus the generated source to compile with no warning at the highest warning level,
    /// and prints every generated file with line numbers when they do not (as the .NET Regex generator tests do).
    /// </summary>
    public void AssertOutputCompilesWithoutWarnings()
    {
        var compilation = OutputCompilation.WithOptions(((Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions)OutputCompilation.Options).WithWarningLevel(9999));
        var problems = compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        if (problems.Length == 0 && emitted.Success)
        {
            return;
        }

        var listing = RunResult.GeneratedTrees.Select(tree =>
            $"// {Path.GetFileName(tree.FilePath)}\n" + string.Join("\n", tree.GetText().Lines.Select((line, i) => $"{i + 1,5}  {line}")));
        Assert.Fail(string.Join("\n", problems.Concat(emitted.Diagnostics).Distinct()) + "\n\n" + string.Join("\n\n", listing));
    }
}
