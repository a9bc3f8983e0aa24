using Microsoft.CodeAnalysis.CSharp;

namespace NetGen.Generator.Tests;

/// <summary>
/// One test per diagnostic: the exact ID on the exact span, marked in the source as <c>{|NG0001:text|}</c>, and no
/// other diagnostic. A declaration with an error must generate nothing.
/// </summary>
public class DiagnosticTests
{
    [Fact]
    public void NG0001_class_not_partial() => DiagnosticAssert.Reports("""
        using NetGen;
        [Network(Inputs = 2)]
        [Dense(1, Activation.Sigmoid)]
        public class {|NG0001:Net|} { }
        """);

    [Fact]
    public void NG0001_containing_type_not_partial() => DiagnosticAssert.Reports("""
        using NetGen;
        public class {|NG0001:Outer|}
        {
            [Network(Inputs = 2)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net { }
        }
        """);

    [Fact]
    public void NG0002_static_class() => DiagnosticAssert.Reports("""
        using NetGen;
        [Network(Inputs = 2)]
        [Dense(1, Activation.Sigmoid)]
        public static partial class {|NG0002:Net|} { }
        """);

    [Fact]
    public void NG0002_record() => DiagnosticAssert.Reports("""
        using NetGen;
        [Network(Inputs = 2)]
        [Dense(1, Activation.Sigmoid)]
        public partial record {|NG0002:Net|};
        """);

    [Fact]
    public void NG0002_generic_class() => DiagnosticAssert.Reports("""
        using NetGen;
        [Network(Inputs = 2)]
        [Dense(1, Activation.Sigmoid)]
        public partial class {|NG0002:Net|}<T> { }
        """);

    [Fact]
    public void NG0002_nested_in_a_generic_type() => DiagnosticAssert.Reports("""
        using NetGen;
        public partial class Outer<T>
        {
            [Network(Inputs = 2)]
            [Dense(1, Activation.Sigmoid)]
            public partial class {|NG0002:Net|} { }
        }
        """);

    [Fact]
    public void NG0002_derived_from_another_network() => DiagnosticAssert.Reports("""
        using NetGen;
        [Network(Inputs = 2)]
        [Dense(1, Activation.Sigmoid)]
        public partial class Base { }

        [Network(Inputs = 2)]
        [Dense(1, Activation.Sigmoid)]
        public partial class {|NG0002:Derived|} : Base { }
        """,
        generatedFiles: 1);

    [Fact]
    public void NG0003_no_layers() => DiagnosticAssert.Reports("""
        using NetGen;
        [{|NG0003:Network(Inputs = 2)|}]
        public partial class Net { }
        """);

    [Fact]
    public void NG0004_inputs_not_set() => DiagnosticAssert.Reports("""
        using NetGen;
        [{|NG0004:Network|}]
        [Dense(1, Activation.Sigmoid)]
        public partial class Net { }
        """);

    [Fact]
    public void NG0004_inputs_not_positive() => DiagnosticAssert.Reports("""
        using NetGen;
        [Network({|NG0004:Inputs = -3|})]
        [Dense(1, Activation.Sigmoid)]
        public partial class Net { }
        """);

    [Fact]
    public void NG0005_units_not_positive() => DiagnosticAssert.Reports("""
        using NetGen;
        [Network(Inputs = 2)]
        [Dense({|NG0005:0|}, Activation.ReLU)]
        [Dense(1, Activation.Sigmoid)]
        public partial class Net { }
        """);

    [Fact]
    public void NG0005_units_written_by_name() => DiagnosticAssert.Reports("""
        using NetGen;
        [Network(Inputs = 2)]
        [Dense(activation: Activation.Sigmoid, {|NG0005:units: -1|})]
        public partial class Net { }
        """);

    [Fact]
    public void NG0006_undefined_activation() => DiagnosticAssert.Reports("""
        using NetGen;
        [Network(Inputs = 2)]
        [Dense(3, {|NG0006:(Activation)42|})]
        [Dense(1, Activation.Sigmoid)]
        public partial class Net { }
        """);

    [Fact]
    public void NG0006_undefined_precision() => DiagnosticAssert.Reports("""
        using NetGen;
        [Network(Inputs = 2, {|NG0006:Precision = (Precision)7|})]
        [Dense(1, Activation.Sigmoid)]
        public partial class Net { }
        """);

    [Fact]
    public void NG0007_loss_does_not_fit_the_output() => DiagnosticAssert.Reports("""
        using NetGen;
        [Network(Inputs = 2, {|NG0007:Loss = Loss.BinaryCrossEntropy|})]
        [Dense(1, Activation.ReLU)]
        public partial class Net { }
        """);

    [Fact]
    public void NG0008_loss_cannot_be_inferred() => DiagnosticAssert.Reports("""
        using NetGen;
        [{|NG0008:Network(Inputs = 2)|}]
        [Dense(1, Activation.ReLU)]
        public partial class Net { }
        """);

    [Fact]
    public void NG0009_layers_on_several_declarations() => DiagnosticAssert.Reports("""
        using NetGen;
        [Network(Inputs = 2)]
        [Dense(3, Activation.ReLU)]
        public partial class Net { }

        [{|NG0009:Dense(1, Activation.Sigmoid)|}]
        public partial class Net { }
        """);

    [Fact]
    public void NG0010_member_already_declared() => DiagnosticAssert.Reports("""
        using NetGen;
        [Network(Inputs = 2)]
        [Dense(1, Activation.Sigmoid)]
        public partial class Net
        {
            public void {|NG0010:Forward|}() { }
            private int {|NG0010:dW1|};
            private object? {|NG0010:trainingGuard|};
            private class {|NG0010:PredictionWorkspace|} { }
        }
        """);

    [Fact]
    public void NG0010_constructor_already_declared() => DiagnosticAssert.Reports("""
        using NetGen;
        [Network(Inputs = 2)]
        [Dense(1, Activation.Sigmoid)]
        public partial class Net
        {
            public {|NG0010:Net|}(int seed) { }
        }
        """);

    [Fact]
    public void NG0010_member_inherited() => DiagnosticAssert.Reports("""
        using NetGen;
        public class Base
        {
            public int Predict => 0;
        }

        [Network(Inputs = 2)]
        [Dense(1, Activation.Sigmoid)]
        public partial class {|NG0010:Net|} : Base { }
        """);

    [Fact]
    public void NG0011_weight_matrix_too_large() => DiagnosticAssert.Reports("""
        using NetGen;
        [Network(Inputs = 100000)]
        [Dense({|NG0011:100000|}, Activation.ReLU)]
        [Dense(1, Activation.Sigmoid)]
        public partial class Net { }
        """);

    [Fact]
    public void NG0012_dense_without_network() => DiagnosticAssert.Reports("""
        using NetGen;
        [{|NG0012:Dense(1, Activation.Sigmoid)|}]
        public partial class Net { }
        """);

    [Fact]
    public void NG0006_undefined_initialization() => DiagnosticAssert.Reports("""
        using NetGen;
        [Network(Inputs = 2)]
        [Dense(1, Activation.Sigmoid, {|NG0006:Initialization = (Initialization)9|})]
        public partial class Net { }
        """);

    [Fact]
    public void NG0007_categorical_cross_entropy_without_softmax() => DiagnosticAssert.Reports("""
        using NetGen;
        [Network(Inputs = 2, {|NG0007:Loss = Loss.CategoricalCrossEntropy|})]
        [Dense(3, Activation.Sigmoid)]
        public partial class Net { }
        """);

    [Fact]
    public void NG0007_squared_error_on_softmax() => DiagnosticAssert.Reports("""
        using NetGen;
        [Network(Inputs = 2, {|NG0007:Loss = Loss.MeanSquaredError|})]
        [Dense(3, Activation.Softmax)]
        public partial class Net { }
        """);

    [Fact]
    public void NG0013_softmax_on_a_hidden_layer() => DiagnosticAssert.Reports("""
        using NetGen;
        [Network(Inputs = 2)]
        [Dense(4, {|NG0013:Activation.Softmax|})]
        [Dense(3, Activation.Softmax)]
        public partial class Net { }
        """);

    [Fact]
    public void NG0014_softmax_with_one_unit() => DiagnosticAssert.Reports("""
        using NetGen;
        [Network(Inputs = 2)]
        [Dense({|NG0014:1|}, Activation.Softmax)]
        public partial class Net { }
        """);

    [Fact]
    public void NG0015_slope_not_finite() => DiagnosticAssert.Reports("""
        using NetGen;
        [Network(Inputs = 2)]
        [Dense(4, Activation.LeakyReLU, {|NG0015:Slope = double.PositiveInfinity|})]
        [Dense(1, Activation.Sigmoid)]
        public partial class Net { }
        """);

    [Fact]
    public void NG0016_slope_on_a_layer_that_is_not_leaky_relu() => DiagnosticAssert.Reports("""
        using NetGen;
        [Network(Inputs = 2)]
        [Dense(4, Activation.ReLU, {|NG0016:Slope = 0.2|})]
        [Dense(1, Activation.Sigmoid)]
        public partial class Net { }
        """);

    [Theory]
    [InlineData("1.0")]
    [InlineData("-0.1")]
    [InlineData("double.NaN")]
    public void NG0017_dropout_rate_out_of_range(string rate) => DiagnosticAssert.Reports($$"""
        using NetGen;
        [Network(Inputs = 2)]
        [Dense(4, Activation.ReLU, {|NG0017:Dropout = {{rate}}|})]
        [Dense(1, Activation.Sigmoid)]
        public partial class Net { }
        """);

    [Fact]
    public void NG0018_dropout_on_the_output_layer() => DiagnosticAssert.Reports("""
        using NetGen;
        [Network(Inputs = 2)]
        [Dense(4, Activation.ReLU)]
        [Dense(3, Activation.Softmax, {|NG0018:Dropout = 0.5|})]
        public partial class Net { }
        """);

    [Theory]
    [InlineData("1e300", "1E+300", "infinite")]
    [InlineData("-3.5e38", "-3.5E+38", "infinite")]
    [InlineData("double.Epsilon", "5E-324", "0")]
    [InlineData("1e-50", "1E-50", "0")]
    [InlineData("1e-40", "1E-40", "subnormal")]
    public void NG0019_slope_out_of_range_in_single_precision(string slope, string shown, string problem) => DiagnosticAssert.ReportsWithMessage($$"""
        using NetGen;
        [Network(Inputs = 2)]
        [Dense(4, Activation.LeakyReLU, {|NG0019:Slope = {{slope}}|})]
        [Dense(1, Activation.Sigmoid)]
        public partial class Net { }
        """,
        $"The slope of layer 1 of 'Net' is {shown}, which is {problem} in single precision; give it a magnitude from 1.1754944E-38 to 3.4028235E+38, or 0");

    [Fact]
    public void NG0019_subnormal_slope_in_double_precision() => DiagnosticAssert.ReportsWithMessage("""
        using NetGen;
        [Network(Inputs = 2, Precision = Precision.Double)]
        [Dense(4, Activation.ReLU)]
        [Dense(4, Activation.LeakyReLU, {|NG0019:Slope = -1e-310|})]
        [Dense(1, Activation.Sigmoid)]
        public partial class Net { }
        """,
        "The slope of layer 2 of 'Net' is -1E-310, which is subnormal in double precision; give it a magnitude from 2.2250738585072014E-308 to 1.7976931348623157E+308, or 0");

    [Fact]
    public void NG0010_interface_member_implemented_explicitly() => DiagnosticAssert.Reports("""
        using NetGen;
        [Network(Inputs = 2)]
        [Dense(1, Activation.Sigmoid)]
        public partial class Net
        {
            int INetwork<float>.{|NG0010:InputSize|} => 3;
            Matrix<float> INetwork<float>.{|NG0010:Forward|}(Matrix<float> X) => X;
        }
        """);

    [Fact]
    public void NG0020_primary_constructor() => DiagnosticAssert.ReportsWithMessage("""
        using NetGen;
        [Network(Inputs = 2)]
        [Dense(1, Activation.Sigmoid)]
        public partial class Net{|NG0020:(string name)|}
        {
            public string Name => name;
        }
        """,
        "'Net' has a primary constructor, which every other constructor must call, but the constructor NetGen generates, Net(int seed), cannot supply its arguments; declare an ordinary constructor that calls this(seed) instead");

    [Theory]
    [InlineData("()")]
    [InlineData("(int seed)")]
    public void NG0020_primary_constructor_of_any_signature(string parameters) => DiagnosticAssert.Reports($$"""
        using NetGen;
        [Network(Inputs = 2)]
        [Dense(1, Activation.Sigmoid)]
        public partial class Net{|NG0020:{{parameters}}|};
        """);

    [Fact]
    public void NG0021_base_class_without_a_parameterless_constructor() => DiagnosticAssert.ReportsWithMessage("""
        using NetGen;
        public class Base
        {
            public Base(int size) { }
        }

        [Network(Inputs = 2)]
        [Dense(1, Activation.Sigmoid)]
        public partial class Net : {|NG0021:Base|};
        """,
        "The constructor NetGen generates, Net(int seed), calls base() without arguments, but the base class 'Base' has no accessible constructor that can be called without arguments");

    [Fact]
    public void NG0021_base_constructor_private() => DiagnosticAssert.Reports("""
        using NetGen;
        public class Base
        {
            private Base() { }
            public Base(int size) { }
        }

        [Network(Inputs = 2)]
        [Dense(1, Activation.Sigmoid)]
        public partial class Net : {|NG0021:Base|}, System.IDisposable
        {
            public void Dispose() { }
        }
        """);

    [Fact]
    public void NG0021_base_named_on_another_declaration() => DiagnosticAssert.Reports("""
        using NetGen;
        public abstract class Base
        {
            protected Base(string name) { }
        }

        [Network(Inputs = 2)]
        [Dense(1, Activation.Sigmoid)]
        public partial class Net;

        public partial class Net : {|NG0021:Base|};
        """);

    [Fact]
    public void NG0021_ambiguous_base_constructors() => DiagnosticAssert.ReportsWithMessage("""
        using NetGen;
        public class Base
        {
            public Base(int size = 1) { }
            public Base(string name = "") { }
        }

        [Network(Inputs = 2)]
        [Dense(1, Activation.Sigmoid)]
        public partial class Net : {|NG0021:Base|};
        """,
        "The constructor NetGen generates, Net(int seed), calls base() without arguments, but the base class 'Base' has several constructors that can be called without arguments, and none is better than the others");

    [Theory]
    [InlineData("[System.Obsolete]")]
    [InlineData("[System.Obsolete(\"Use Base(int)\", error: true)]")]
    public void NG0021_obsolete_base_constructor(string obsolete) => DiagnosticAssert.ReportsWithMessage($$"""
        using NetGen;
        public class Base
        {
            {{obsolete}}
            public Base() { }
        }

        [Network(Inputs = 2)]
        [Dense(1, Activation.Sigmoid)]
        public partial class Net : {|NG0021:Base|};
        """,
        "The constructor NetGen generates, Net(int seed), calls base() without arguments, but the base class 'Base' marks the constructor it calls, Base(), [Obsolete]");

    [Fact]
    public void NG0022_type_hides_a_runtime_type() => DiagnosticAssert.ReportsWithMessage("""
        using NetGen;
        namespace NetGen.CompilerServices
        {
            partial class {|NG0022:Kernels|} { }
        }

        namespace App
        {
            [Network(Inputs = 2)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net;
        }
        """,
        "The type 'NetGen.CompilerServices.Kernels' hides the type of the same name in the NetGen runtime, which generated networks use, so none can be generated; rename it or move it to another namespace");

    [Fact]
    public void NG0022_types_hide_a_runtime_type_and_namespace() => DiagnosticAssert.Reports("""
        namespace NetGen
        {
            public sealed class {|NG0022:Matrix|}<T> { }

            internal static class {|NG0022:CompilerServices|} { }

            [Network(Inputs = 2)]
            [Dense(1, Activation.Sigmoid)]
            public partial class First;

            [Network(Inputs = 2)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Second;
        }

        namespace NetGen
        {
            public sealed partial class Matrix<T> { }
        }
        """);

    [Fact]
    public void NG0022_not_reported_without_networks() => DiagnosticAssert.Reports("""
        namespace NetGen.CompilerServices
        {
            class Kernels { }
        }
        """);

    [Fact]
    public void NG0023_file_local_class() => DiagnosticAssert.ReportsWithMessage("""
        using NetGen;
        [Network(Inputs = 2)]
        [Dense(1, Activation.Sigmoid)]
        {|NG0023:file|} partial class Net;
        """,
        "'Net' is file-local, so the code NetGen generates in another file cannot add to it; remove the 'file' modifier");

    [Fact]
    public void NG0023_nested_in_a_file_local_type() => DiagnosticAssert.Reports("""
        using NetGen;
        {|NG0023:file|} partial class Outer
        {
            [Network(Inputs = 2)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net;
        }
        """);

    [Fact]
    public void NG0024_constructor_that_does_not_call_this() => DiagnosticAssert.ReportsWithMessage("""
        using NetGen;
        [Network(Inputs = 2)]
        [Dense(1, Activation.Sigmoid)]
        public partial class Net
        {
            public {|NG0024:Net|}(string name) { }
        }
        """,
        "The constructor Net(string name) does not call this(seed), so it would leave the network's parameters uninitialized; call the constructor NetGen generates, as in ': this(seed: 0)'");

    [Fact]
    public void NG0024_constructor_that_calls_base() => DiagnosticAssert.Reports("""
        using NetGen;
        [Network(Inputs = 2)]
        [Dense(1, Activation.Sigmoid)]
        public partial class Net
        {
            public Net(string name) : this(name.Length) { }
            private {|NG0024:Net|}() : base() { }
        }
        """);

    [Fact]
    public void NG0025_network_interface_of_the_other_precision() => DiagnosticAssert.ReportsWithMessage("""
        using NetGen;
        [Network(Inputs = 2)]
        [Dense(1, Activation.Sigmoid)]
        public partial class Net : {|NG0025:INetwork<double>|};
        """,
        "'Net' implements INetwork<double>, but it is a single-precision network, which implements INetwork<float>; remove INetwork<double>, or change Precision");

    [Fact]
    public void NG0025_network_interface_through_a_derived_interface() => DiagnosticAssert.Reports("""
        using NetGen;
        public interface IRegressor : INetwork<float>;

        [Network(Inputs = 2, Precision = Precision.Double)]
        [Dense(1, Activation.Linear)]
        public partial class Net : {|NG0025:IRegressor|};
        """);

    [Fact]
    public void NG0026_language_version_before_CSharp_8() => DiagnosticAssert.ReportsWithMessage("""
        using NetGen;
        [{|NG0026:Network(Inputs = 2)|}]
        [Dense(1, Activation.Sigmoid)]
        public partial class Net { }
        """,
        "NetGen generates C# 8 code, but 'Net' is compiled as C# 7.3; set LangVersion to 8 or later",
        LanguageVersion.CSharp7_3);

    [Fact]
    public void Several_errors_are_reported_together() => DiagnosticAssert.Reports("""
        using NetGen;
        [Network({|NG0004:Inputs = 0|})]
        [Dense({|NG0005:0|}, Activation.ReLU)]
        [Dense(1, {|NG0006:(Activation)9|})]
        public class {|NG0001:Net|} { }
        """);

    [Fact]
    public void Diagnostics_are_located_in_the_source_tree_so_that_pragmas_can_suppress_them()
    {
        // A location made from a file path is "external" and ignores #pragma warning disable (roslyn#68291).
        var run = GeneratorRunner.Run("""
            using NetGen;
            [Dense(1, Activation.Sigmoid)]
            public partial class Net { }
            """);

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal(Microsoft.CodeAnalysis.LocationKind.SourceFile, diagnostic.Location.Kind);
        Assert.Same(run.InputCompilation.SyntaxTrees.Single(), diagnostic.Location.SourceTree);
    }

    [Fact]
    public void Every_descriptor_has_a_help_page_and_a_release_entry()
    {
        var root = RepositoryRoot();
        var releases = File.ReadAllText(Path.Combine(root, "generator", "NetGen.Generator", "AnalyzerReleases.Unshipped.md"));
        foreach (var descriptor in AllDescriptors())
        {
            Assert.True(File.Exists(Path.Combine(root, "docs", "diagnostics", descriptor.Id + ".md")), $"no help page for {descriptor.Id}");
            Assert.EndsWith("docs/diagnostics/" + descriptor.Id + ".md", descriptor.HelpLinkUri);
            Assert.Contains(descriptor.Id + " |", releases);
        }
    }

    private static IEnumerable<Microsoft.CodeAnalysis.DiagnosticDescriptor> AllDescriptors() =>
        typeof(NetworkGenerator).Assembly.GetType("NetGen.Generator.Diagnostics.DiagnosticDescriptors")!
            .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Select(f => (Microsoft.CodeAnalysis.DiagnosticDescriptor)f.GetValue(null)!);

    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", ".."));

    [Fact]
    public void NG0027_three_saturating_hidden_layers_warn_once_and_still_generate() => DiagnosticAssert.Reports("""
        using NetGen;
        [Network(Inputs = 30)]
        [Dense(64, {|NG0027:Activation.Sigmoid|})]
        [Dense(32, Activation.Sigmoid)]
        [Dense(16, Activation.Tanh)]
        [Dense(1, Activation.Sigmoid)]
        public partial class Classifier;
        """,
        generatedFiles: 1, compiles: true);

    [Fact]
    public void NG0027_not_for_two_saturating_hidden_layers_nor_for_sigmoid_outputs() => DiagnosticAssert.Reports("""
        using NetGen;
        [Network(Inputs = 30)]
        [Dense(64, Activation.Tanh)]
        [Dense(32, Activation.ReLU)]
        [Dense(16, Activation.Tanh)]
        [Dense(1, Activation.Sigmoid)]
        public partial class Classifier;
        """,
        generatedFiles: 1, compiles: true);

    [Fact]
    public void NG0028_xavier_before_ReLU_and_He_before_tanh() => DiagnosticAssert.Reports("""
        using NetGen;
        [Network(Inputs = 30)]
        [Dense(20, Activation.ReLU, {|NG0028:Initialization = Initialization.XavierUniform|})]
        [Dense(20, Activation.Tanh, {|NG0028:Initialization = Initialization.HeNormal|})]
        [Dense(20, Activation.LeakyReLU, Initialization = Initialization.HeUniform)]
        [Dense(20, Activation.Sigmoid, Initialization = Initialization.LeCunNormal)]
        [Dense(1, Activation.Sigmoid)]
        public partial class Classifier;
        """,
        generatedFiles: 1, compiles: true);

    [Fact]
    public void NG0028_a_network_wide_initialization_is_reported_once() => DiagnosticAssert.ReportsWithMessage("""
        using NetGen;
        [Network(Inputs = 30, {|NG0028:Initialization = Initialization.XavierNormal|})]
        [Dense(20, Activation.ReLU)]
        [Dense(20, Activation.ReLU)]
        [Dense(1, Activation.Sigmoid)]
        public partial class Classifier;
        """,
        "Layer 1 of 'Classifier' uses ReLU with XavierNormal initialization, which is scaled for activations symmetric around 0 (sigmoid, tanh, linear); remove Initialization to get HeNormal, which keeps the layer's activations at the scale of its inputs",
        generatedFiles: 1);

    [Fact]
    public void NG0029_dropout_above_one_half() => DiagnosticAssert.Reports("""
        using NetGen;
        [Network(Inputs = 64)]
        [Dense(64, Activation.ReLU, {|NG0029:Dropout = 0.8|})]
        [Dense(32, Activation.ReLU, Dropout = 0.5)]
        [Dense(10, Activation.Softmax)]
        public partial class DigitClassifier;
        """,
        generatedFiles: 1, compiles: true);
}
