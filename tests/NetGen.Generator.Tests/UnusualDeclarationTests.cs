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

    /// <summary>
    /// The generated constructor calls <c>base()</c> implicitly: NetGen must accept exactly the base classes for which C#
    /// resolves that call (and report NG0021 for the rest), which a hand-written <c>(int seed)</c> constructor shows.
    /// </summary>
    [Theory]
    [InlineData("public Base() { }")]
    [InlineData("protected Base() { }")]
    [InlineData("internal Base() { }")]
    [InlineData("private protected Base() { }")]
    [InlineData("private Base() { } public Base(int a) { }")]
    [InlineData("public Base(int a) { }")]
    [InlineData("public Base(int a = 1) { }")]
    [InlineData("public Base(params int[] a) { }")]
    [InlineData("public Base(int a = 1, params int[] b) { }")]
    [InlineData("public Base() { } public Base(int a = 1) { }")]
    [InlineData("public Base(int a = 1) { } public Base(params int[] b) { }")]
    [InlineData("public Base(int a = 1) { } public Base(string b = \"\") { }")]
    [InlineData("public Base(int a = 1) { } public Base(int a = 1, int b = 2) { }")]
    [InlineData("public Base(object a = null) { } public Base(string b = null) { }")]
    [InlineData("public Base(params int[] a) { } public Base(int x = 0, params int[] b) { }")]
    [InlineData("public Base(params int[] a) { } public Base(params string[] b) { }")]
    [InlineData("public Base(params int[] a) { } public Base(params System.ReadOnlySpan<int> b) { }")]
    [InlineData("public Base(params System.Span<int> a) { } public Base(params System.ReadOnlySpan<int> b) { }")]
    [InlineData("public Base(params System.ReadOnlySpan<string> a) { } public Base(params System.ReadOnlySpan<int> b) { }")]
    [InlineData("public Base(params System.ReadOnlySpan<object> a) { } public Base(params string[] b) { }")]
    [InlineData("public Base(params System.Collections.Generic.IEnumerable<int> a) { } public Base(params int[] b) { }")]
    [InlineData("public Base(params System.Collections.Generic.List<int> a) { } public Base(params int[] b) { }")]
    [InlineData("public Base(params object[] a) { } public Base(params string[] b) { }")]
    [InlineData("public Base(params System.ReadOnlySpan<int> a) { } public Base(params System.Collections.Generic.IReadOnlyList<int> b) { }")]
    [InlineData("public Base(int a = 0, params int[] b) { } public Base(long a = 0, params int[] c) { }")]
    [InlineData("public Base(params int[] a) { } public Base(int x = 0, params System.ReadOnlySpan<int> b) { }")]
    [InlineData("public Base(int a = 1) { } private Base(string b = \"\") { }")]
    [InlineData("[System.Obsolete] public Base() { }")]
    public void The_base_constructor_is_accepted_exactly_when_CSharp_accepts_base(string constructors)
    {
        var baseClass = $"#nullable disable\npublic abstract class Base {{ {constructors} }}\n#nullable restore\n";
        var probe = GeneratorRunner.Compile(baseClass + "public class Probe : Base { public Probe(int seed) { } }");
        var csharpAccepts = !probe.GetDiagnostics().Any(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning);

        var run = GeneratorRunner.Run(baseClass + """
            [NetGen.Network(Inputs = 2)]
            [NetGen.Dense(1, NetGen.Activation.Sigmoid)]
            public partial class Net : Base;
            """);

        if (csharpAccepts)
        {
            Assert.Empty(run.Diagnostics);
            run.AssertOutputCompilesWithoutWarnings();
        }
        else
        {
            Assert.Equal("NG0021", Assert.Single(run.Diagnostics).Id);
            Assert.Empty(run.RunResult.GeneratedTrees);
        }
    }

    [Fact]
    public void Constructors_that_call_the_generated_one_compile() => AssertCompiles("""
        using NetGen;
        [Network(Inputs = 2)]
        [Dense(1, Activation.Sigmoid)]
        public partial class Net
        {
            static Net() { }

            public Net() : this("default") { }

            public Net(string name) : this(seed: name.Length) => Name = name;

            public string Name { get; } = "";
        }
        """);

    [Theory]
    [InlineData("abstract")]
    [InlineData("sealed")]
    [InlineData("internal")]
    [InlineData("unsafe")]
    public void A_class_with_a_modifier_compiles(string modifier) => AssertCompiles($$"""
        using NetGen;
        [Network(Inputs = 2)]
        [Dense(1, Activation.Sigmoid)]
        {{modifier}} partial class Net;
        """,
        allowUnsafe: modifier == "unsafe");

    [Theory]
    [InlineData("partial struct Outer")]
    [InlineData("partial record Outer(int Size)")]
    [InlineData("partial record struct Outer(int Size)")]
    [InlineData("ref partial struct Outer")]
    [InlineData("partial interface IOuter")]
    [InlineData("static partial class Outer")]
    public void A_class_nested_in_any_kind_of_type_compiles(string container) => AssertCompiles($$"""
        using NetGen;
        public {{container}}
        {
            [Network(Inputs = 2)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net;
        }
        """);

    [Theory]
    [InlineData("System")]
    [InlineData("Global")]
    [InlineData("NetGen")]
    [InlineData("NetGen.CompilerServices")]
    [InlineData("MyApp.NetGen")]
    [InlineData("@class.@int")]
    public void A_class_in_an_unusual_namespace_compiles(string ns) => AssertCompiles($$"""
        namespace {{ns}}
        {
            [global::NetGen.Network(Inputs = 2)]
            [global::NetGen.Dense(1, global::NetGen.Activation.Sigmoid)]
            public partial class Net;
        }
        """);

    [Fact]
    public void Members_named_like_the_generated_code_s_locals_parameters_and_interface_members_compile() => AssertCompiles("""
        using NetGen;
        [Network(Inputs = 2)]
        [Dense(3, Activation.ReLU, Dropout = 0.5)]
        [Dense(1, Activation.Sigmoid)]
        public partial class Net : INetwork<float>
        {
            public int Loss => 0;
            public int X, Y, seed, random, cost, oneOverM, lambdaOverM, result, epsilon, stream, path, options, progress, learningRate;
            public class NetGen { }
            public class System { }
        }
        """);

    /// <summary>
    /// The operations every network shares are extension methods, not generated members: the user's own members of
    /// those names are ordinary overloads (and preferred by C# where they apply), so they compile and are not reported.
    /// </summary>
    [Fact]
    public void Members_named_like_the_extension_methods_compile() => AssertCompiles("""
        using NetGen;
        [Network(Inputs = 2)]
        [Dense(1, Activation.Sigmoid)]
        public partial class Net
        {
            public void Save(string path) { }
            public void Load(System.IO.Stream stream, bool strict) { }
            public float Fit(Matrix<float> X, Matrix<float> Y) => 0;
            public void Update() { }
            public int TrainStep, TrainingGuard, weights, l2Regularization;
        }
        """);

    [Fact]
    public void A_class_another_tool_marked_GeneratedCode_is_not_marked_twice() => AssertCompiles("""
        using NetGen;
        [System.CodeDom.Compiler.GeneratedCode("OtherTool", "1.0")]
        [Network(Inputs = 2)]
        [Dense(1, Activation.Sigmoid)]
        public partial class Net;
        """);

    [Fact]
    public void Types_in_a_namespace_named_NetGen_in_the_user_s_namespace_leave_the_runtime_visible() => AssertCompiles("""
        namespace MyApp.NetGen
        {
            class Kernels { }

            class Matrix<T> { }

            class CompilerServices { }
        }

        namespace MyApp
        {
            using global::NetGen;

            [Network(Inputs = 2)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net;
        }
        """);

    [Fact]
    public void Types_in_namespace_NetGen_that_hide_nothing_public_of_the_runtime_compile() => AssertCompiles("""
        namespace NetGen
        {
            class Matrix { }

            class Kernels { }
        }

        namespace NetGen.CompilerServices
        {
            class WorkerPool { }

            class Helpers { }
        }

        namespace App
        {
            using global::NetGen;

            [Network(Inputs = 2)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net;
        }
        """);

    [Fact]
    public void An_alias_named_NetGen_does_not_affect_the_generated_code() => AssertCompiles("""
        using NetGen = System;
        using N = NetGen;

        [global::NetGen.Network(Inputs = 2)]
        [global::NetGen.Dense(1, global::NetGen.Activation.Sigmoid)]
        public partial class Net;
        """);

    [Fact]
    public void A_type_named_var_in_scope_leaves_the_generated_locals_alone() => AssertCompiles("""
        #pragma warning disable CS8981 // a lower-case type name
        using NetGen;

        class var { }

        public partial class Outer
        {
            class var { }

            [Network(Inputs = 2)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net;
        }

        namespace App
        {
            [Network(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(1, Activation.Sigmoid)]
            public partial class @var;
        }
        """,
        networks: 2);

    [Fact]
    public void A_method_named_nameof_in_scope_leaves_the_generated_argument_checks_alone()
    {
        var run = GeneratorRunner.Run("""
            using NetGen;

            public class Base
            {
                protected static int nameof(object value) => 0;
            }

            [Network(Inputs = 2)]
            [Dense(3, Activation.ReLU)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net : Base;
            """);

        Assert.Empty(run.Diagnostics);
        run.AssertOutputCompilesWithoutWarnings();
        Assert.DoesNotContain("nameof", run.RunResult.GeneratedTrees.Single().ToString());
    }

    private static void AssertCompiles(string source, int networks = 1, bool allowUnsafe = false)
    {
        var run = GeneratorRunner.Run(source, allowUnsafe: allowUnsafe);
        Assert.Empty(run.Diagnostics);
        Assert.Equal(networks, run.RunResult.GeneratedTrees.Length);
        run.AssertOutputCompilesWithoutWarnings();
    }
}
