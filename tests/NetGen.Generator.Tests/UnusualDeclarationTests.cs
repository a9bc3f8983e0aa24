namespace NetGen.Generator.Tests;

/// <summary>
/// Declarations at the edges of what C# allows, which the generated code must compile with (those it cannot support
/// get a diagnostic instead: see <see cref="DiagnosticTests"/>).
/// </summary>
public class UnusualDeclarationTests
{
    [Theory]
    [InlineData("Single", "3.4028234663852886E+38")]
    [InlineData("Single", "-3.4028234663852886E+38")]
    [InlineData("Single", "1.1754943508222875E-38")]
    [InlineData("Single", "0")]
    [InlineData("Single", "-0.0")]
    [InlineData("Double", "1e300")]
    [InlineData("Double", "2.2250738585072014E-308")]
    public void A_slope_at_the_edge_of_the_precision_compiles(string precision, string slope) => AssertCompiles($$"""
        using NetGen;
        [Network(Inputs = 2, Precision = Precision.{{precision}})]
        [Dense(4, Activation.LeakyReLU, Slope = {{slope}})]
        [Dense(1, Activation.Sigmoid)]
        public partial class Net { }
        """);

    private static void AssertCompiles(string source, int networks = 1)
    {
        var run = GeneratorRunner.Run(source);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(networks, run.RunResult.GeneratedTrees.Length);
        run.AssertOutputCompilesWithoutWarnings();
    }
}
