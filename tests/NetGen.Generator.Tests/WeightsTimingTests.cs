using System.Diagnostics;
using Xunit.Abstractions;

namespace NetGen.Generator.Tests;

/// <summary>
/// How long a large weights file takes to build: the generator's run (decoding, reading, checking, emitting) and the
/// compiler's work on the emitted byte arrays (binding and emitting the assembly), for a 1 MB and a 10 MB model.
/// </summary>
public class WeightsTimingTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    public void A_large_weights_file_builds_in_seconds(int megabytes)
    {
        // n → n ReLU → 1 Sigmoid with about `megabytes` MB of float weights: n² × 4 bytes.
        var n = (int)Math.Sqrt(megabytes * 1024.0 * 1024.0 / 4);
        var model = OnnxBuilder.Chain(n, [(n, "Relu"), (1, "Sigmoid")]);
        var source = $$"""
            using NetGen;
            [Network(Inputs = {{n}}, Weights = "big.onnx")]
            [Dense({{n}}, Activation.ReLU)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Big { }
            """;
        var compilation = GeneratorRunner.Compile(source);
        var file = WeightsFiles.Copy("big.onnx", model);

        var generate = Stopwatch.StartNew();
        var driver = GeneratorRunner.CreateDriver(compilation, [file]).RunGeneratorsAndUpdateCompilation(compilation, out var generated, out var diagnostics);
        generate.Stop();
        Assert.Empty(diagnostics);
        var emitted = driver.GetRunResult().GeneratedTrees.Single(t => t.FilePath.EndsWith(".Weights.g.cs", StringComparison.Ordinal));

        var compile = Stopwatch.StartNew();
        using var assembly = new MemoryStream();
        var result = generated.Emit(assembly);
        compile.Stop();
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Take(5)));

        output.WriteLine(
            $"{model.Length / 1e6:F1} MB model: generator {generate.ElapsedMilliseconds} ms, generated source {emitted.Length / 1e6:F1} MB, "
            + $"compiler {compile.ElapsedMilliseconds} ms, assembly {assembly.Length / 1e6:F1} MB");
        Assert.True(generate.Elapsed < TimeSpan.FromSeconds(30 * megabytes), $"generator {generate.Elapsed}");
    }
}
