namespace NetGen.Generator.Tests;

/// <summary>
/// Each network gets a file of its own, named after the class's metadata name, which no other type shares: Roslyn
/// throws (and the build loses every network) when two generated files share a name, ignoring case.
/// </summary>
public class GeneratedFileNameTests
{
    [Fact]
    public void A_nested_class_is_named_with_plus_signs() =>
        Assert.Equal(["Models.Holder+Classifier.NetGen.g.cs"], HintNames("""
            using NetGen;
            namespace Models;
            public partial class Holder
            {
                [Network(Inputs = 2)]
                [Dense(1, Activation.Sigmoid)]
                public partial class Classifier;
            }
            """));

    [Fact]
    public void Classes_whose_names_differ_only_in_case_get_distinct_files()
    {
        var run = GeneratorRunner.Run("""
            using NetGen;
            namespace A;

            [Network(Inputs = 2)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net;

            [Network(Inputs = 3)]
            [Dense(1, Activation.Sigmoid)]
            public partial class NET;
            """);

        Assert.Empty(run.Diagnostics);
        Assert.Equal(["A.NET.1.NetGen.g.cs", "A.Net.2.NetGen.g.cs"], HintNames(run));
        run.AssertOutputCompilesWithoutWarnings();
    }

    [Fact]
    public void A_nested_class_and_a_class_in_a_namespace_of_the_same_dotted_name_get_distinct_files()
    {
        // A.B is both a class and a namespace here, which C# rejects (CS0101); the generator must still not throw.
        var run = GeneratorRunner.Run("""
            using NetGen;
            namespace A
            {
                public partial class B
                {
                    [Network(Inputs = 2)]
                    [Dense(1, Activation.Sigmoid)]
                    public partial class C;
                }
            }

            namespace A.B
            {
                [Network(Inputs = 2)]
                [Dense(1, Activation.Sigmoid)]
                public partial class C;
            }
            """);

        Assert.Empty(run.Diagnostics);
        Assert.Equal(["A.B+C.NetGen.g.cs", "A.B.C.NetGen.g.cs"], HintNames(run));
    }

    [Fact]
    public void A_class_name_with_a_unicode_escape_is_named_by_its_value()
    {
        var run = GeneratorRunner.Run("""
            using NetGen;
            namespace A;

            [Network(Inputs = 2)]
            [Dense(1, Activation.Sigmoid)]
            public partial class \u0041bc;
            """);

        Assert.Equal(["A.Abc.NetGen.g.cs"], HintNames(run));
        run.AssertOutputCompilesWithoutWarnings();
    }

    private static string[] HintNames(string source) => HintNames(GeneratorRunner.Run(source));

    private static string[] HintNames(GeneratorRun run) =>
        run.RunResult.Results.SelectMany(r => r.GeneratedSources).Select(s => s.HintName).OrderBy(n => n, StringComparer.Ordinal).ToArray();
}
