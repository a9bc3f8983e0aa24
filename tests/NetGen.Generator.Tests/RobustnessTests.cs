using System.Globalization;
using Microsoft.CodeAnalysis.CSharp;

namespace NetGen.Generator.Tests;

/// <summary>The generator never throws, whatever is being typed, and its output does not depend on the machine.</summary>
public class RobustnessTests
{
    private const string Declaration = """
        using NetGen;
        namespace Samples
        {
            public partial class Outer
            {
                [Network(Inputs = 30, Loss = Loss.BinaryCrossEntropy, Precision = Precision.Double)]
                [Dense(units: 20, activation: Activation.ReLU)]
                [Dense(1, Activation.Sigmoid)]
                public partial class Net { public int Existing; }
            }
        }
        """;

    /// <summary>A declaration with most of what NetGen rejects: a hidden runtime type, a base class and constructors it cannot call, …</summary>
    private const string UnsupportedDeclaration = """
        using NetGen;
        namespace NetGen.CompilerServices { partial class Kernels { } }
        public class Base { protected Base(params int[] a) { } protected Base(System.ReadOnlySpan<int> b = default) { } }
        [Network(Inputs = 3, Precision = Precision.Single)]
        [Dense(2, Activation.LeakyReLU, Slope = 1e-40)]
        [Dense(1, Activation.Sigmoid)]
        file partial class Net(int x) : Base, INetwork<double> { Net(string s) { } int INetwork<double>.InputSize => x; }
        """;

    [Theory]
    [InlineData(Declaration)]
    [InlineData(UnsupportedDeclaration)]
    public void Every_prefix_of_a_declaration_runs_without_an_exception(string declaration)
    {
        // Each prefix is what the generator sees while the declaration is being typed.
        for (var length = 0; length <= declaration.Length; length++)
        {
            var run = GeneratorRunner.Run(declaration[..length]);
            Assert.All(run.RunResult.Results, result => Assert.Null(result.Exception));
        }
    }

    [Fact]
    public void Generated_code_compiles_with_CSharp_8()
    {
        var run = GeneratorRunner.Run(Declaration, LanguageVersion.CSharp8);

        Assert.Empty(run.Diagnostics);
        run.AssertOutputCompilesWithoutWarnings();
    }

    [Fact]
    public void The_output_does_not_depend_on_the_culture()
    {
        // A culture whose minus sign is U+2212 and whose group separator is a space would break numbers formatted with it.
        const string big = """
            using NetGen;
            [Network(Inputs = 3000)]
            [Dense(2000, Activation.ReLU)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Big { }
            """;
        var invariant = CultureScope.Run(CultureInfo.InvariantCulture, () => GeneratedText(big));
        var unusual = CultureScope.Run(CultureScope.WithUnicodeMinusSign(), () => GeneratedText(big));

        Assert.Equal(invariant, unusual);
        Assert.Contains("6,004,001 parameters", invariant);
    }

    [Theory]
    [InlineData("Single")]
    [InlineData("Double")]
    public void A_deep_network_of_uneven_widths_compiles(string precision)
    {
        // Its three hidden sigmoid layers are deliberate here (NG0027 warns about them).
        var run = GeneratorRunner.Run($$"""
            using NetGen;
            #pragma warning disable NG0027
            [Network(Inputs = 13, Precision = Precision.{{precision}})]
            [Dense(1, Activation.ReLU)]
            [Dense(17, Activation.Sigmoid)]
            [Dense(2, Activation.ReLU)]
            [Dense(64, Activation.ReLU)]
            [Dense(5, Activation.Sigmoid)]
            [Dense(3, Activation.ReLU)]
            [Dense(9, Activation.Sigmoid)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Deep { }
            """);

        Assert.Empty(run.Diagnostics);
        run.AssertOutputCompilesWithoutWarnings();
    }

    private static string GeneratedText(string source) =>
        string.Concat(GeneratorRunner.Run(source).RunResult.GeneratedTrees.Select(t => t.GetText().ToString()));
}
