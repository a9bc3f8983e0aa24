namespace NetGen.Generator.Tests;

/// <summary>
/// The generated source of representative networks, compared with the committed snapshots in Snapshots/. Every
/// generated file must also compile with no warning.
/// </summary>
public class GeneratorSnapshotTests
{
    [Fact]
    public void Quickstart_network() => VerifyCompiles("""
        using NetGen;

        namespace Samples;

        [Network(Inputs = 30)]
        [Dense(20, Activation.ReLU)]
        [Dense(7, Activation.ReLU)]
        [Dense(5, Activation.ReLU)]
        [Dense(1, Activation.Sigmoid)]
        public partial class TumorClassifier;
        """);

    [Fact]
    public void Logistic_regression_in_double_precision() => VerifyCompiles("""
        using NetGen;

        namespace Models.Linear
        {
            [Network(Inputs = 4, Loss = Loss.BinaryCrossEntropy, Precision = Precision.Double)]
            [Dense(1, Activation.Sigmoid)]
            internal partial class Logistic { }
        }
        """);

    [Fact]
    public void Softmax_classifier_with_dropout_and_chosen_initializations() => VerifyCompiles("""
        using NetGen;

        namespace Samples;

        [Network(Inputs = 64, Initialization = Initialization.HeUniform)]
        [Dense(64, Activation.ReLU, Dropout = 0.2)]
        [Dense(32, Activation.Tanh, Dropout = 0.1, Initialization = Initialization.XavierUniform)]
        [Dense(10, Activation.Softmax)]
        public partial class DigitClassifier;
        """);

    [Fact]
    public void Regression_with_squared_error_in_double_precision() => VerifyCompiles("""
        using NetGen;

        namespace Models;

        [Network(Inputs = 8, Loss = Loss.MeanSquaredError, Precision = Precision.Double)]
        [Dense(16, Activation.LeakyReLU, Slope = 0.1)]
        [Dense(8, Activation.Linear, Initialization = Initialization.LeCunNormal)]
        [Dense(2, Activation.Tanh)]
        public partial class Regressor;
        """);

    [Fact]
    public void Nested_in_containing_types_in_the_global_namespace() => VerifyCompiles("""
        using NetGen;

        public partial class Models
        {
            internal partial struct Holder
            {
                [Network(Inputs = 3)]
                [Dense(4, Activation.Sigmoid)]
                [Dense(2, Activation.Sigmoid)]
                private sealed partial class @Classifier { }
            }
        }
        """);

    [Fact]
    public void Errors_generate_nothing() => VerifyCompiles("""
        using NetGen;

        [Network(Inputs = 0)]
        [Dense(3, Activation.ReLU)]
        [Dense(1, Activation.ReLU)]
        public partial class Broken { }
        """, expectErrors: true);

    private static void VerifyCompiles(string source, bool expectErrors = false, [System.Runtime.CompilerServices.CallerMemberName] string test = "")
    {
        var run = GeneratorRunner.Run(source);
        Snapshot.Verify(run.RunResult, nameof(GeneratorSnapshotTests), test);
        if (expectErrors)
        {
            Assert.Empty(run.RunResult.GeneratedTrees);
            Assert.NotEmpty(run.Diagnostics);
        }
        else
        {
            Assert.Empty(run.Diagnostics);
            run.AssertOutputCompilesWithoutWarnings();
        }
    }
}
