namespace NetGen.CodeFixes.Tests;

/// <summary>
/// Each fix on its diagnostic's wrong example from docs/diagnostics (the markup marks where the analyzer reports), and
/// on the cases that example does not show. The fixed source must leave no NG diagnostic.
/// </summary>
public class CodeFixTests
{
    [Fact]
    public Task NG0001_makes_the_class_partial() => Verifier<MakePartialFix>.VerifyAsync("""
        using NetGen;

        [Network(Inputs = 2)]
        [Dense(1, Activation.Sigmoid)]
        public class {|NG0001:Classifier|};
        """, """
        using NetGen;

        [Network(Inputs = 2)]
        [Dense(1, Activation.Sigmoid)]
        public partial class Classifier;
        """);

    [Fact]
    public Task NG0001_makes_the_containing_types_partial_and_fix_all_every_reported_type() => Verifier<MakePartialFix>.VerifyAsync("""
        using NetGen;

        static class {|NG0001:Outer|}
        {
            internal class {|NG0001:Middle|}
            {
                [Network(Inputs = 2)]
                [Dense(1, Activation.Sigmoid)]
                internal partial class Net { }
            }
        }

        [Network(Inputs = 2)]
        [Dense(1, Activation.Sigmoid)]
        class {|NG0001:Other|} { }
        """, """
        using NetGen;

        static partial class Outer
        {
            internal partial class Middle
            {
                [Network(Inputs = 2)]
                [Dense(1, Activation.Sigmoid)]
                internal partial class Net { }
            }
        }

        [Network(Inputs = 2)]
        [Dense(1, Activation.Sigmoid)]
        partial class Other { }
        """, fixedByFixAll: """
        using NetGen;

        static partial class Outer
        {
            internal partial class Middle
            {
                [Network(Inputs = 2)]
                [Dense(1, Activation.Sigmoid)]
                internal partial class Net { }
            }
        }

        [Network(Inputs = 2)]
        [Dense(1, Activation.Sigmoid)]
        partial class Other { }
        """);

    private const string LossWithReLUOutput = """
        using NetGen;

        [Network(Inputs = 30, {|NG0007:Loss = Loss.BinaryCrossEntropy|})]
        [Dense(20, Activation.ReLU)]
        [Dense(1, Activation.ReLU)]
        public partial class Classifier;
        """;

    [Fact]
    public Task NG0007_makes_the_output_activation_fit_the_loss() => Verifier<LossOutputFix>.VerifyAsync(LossWithReLUOutput, """
        using NetGen;

        [Network(Inputs = 30, Loss = Loss.BinaryCrossEntropy)]
        [Dense(20, Activation.ReLU)]
        [Dense(1, Activation.Sigmoid)]
        public partial class Classifier;
        """);

    [Fact]
    public Task NG0007_or_makes_the_loss_fit_the_output_activation() => Verifier<LossOutputFix>.VerifyAsync(LossWithReLUOutput, """
        using NetGen;

        [Network(Inputs = 30, Loss = Loss.MeanSquaredError)]
        [Dense(20, Activation.ReLU)]
        [Dense(1, Activation.ReLU)]
        public partial class Classifier;
        """, action: 1);

    [Fact]
    public Task NG0007_softmax_output_with_binary_cross_entropy_becomes_categorical() => Verifier<LossOutputFix>.VerifyAsync("""
        [NetGen.Network(Inputs = 4, {|NG0007:Loss = NetGen.Loss.BinaryCrossEntropy|})]
        [NetGen.Dense(3, NetGen.Activation.Softmax)]
        public partial class Classifier;
        """, """
        [NetGen.Network(Inputs = 4, Loss = NetGen.Loss.CategoricalCrossEntropy)]
        [NetGen.Dense(3, NetGen.Activation.Softmax)]
        public partial class Classifier;
        """, action: 1);

    [Fact]
    public Task NG0009_moves_the_layers_onto_the_network_declaration() => Verifier<MoveLayersFix>.VerifyAsync("""
        using NetGen;

        [Network(Inputs = 30)]
        [Dense(20, Activation.ReLU)]
        public partial class Classifier;

        [{|NG0009:Dense(1, Activation.Sigmoid)|}]   // NG0009
        public partial class Classifier;
        """, """
        using NetGen;

        [Network(Inputs = 30)]
        [Dense(20, Activation.ReLU)]
        [Dense(1, Activation.Sigmoid)]
        public partial class Classifier;

        public partial class Classifier;
        """);

    [Fact]
    public Task NG0009_moves_layers_from_another_file_in_their_order() => Verifier<MoveLayersFix>.VerifyAsync("""
        using NetGen;

        [Network(Inputs = 30)]
        [Dense(20, Activation.ReLU)]
        public partial class Classifier;
        """, """
        using NetGen;

        [Network(Inputs = 30)]
        [Dense(20, Activation.ReLU)]
        [Dense(10, Activation.ReLU)]
        [Dense(1, Activation.Sigmoid)]
        public partial class Classifier;
        """,
        moreFiles: ["""
            using NetGen;

            [{|NG0009:Dense(10, Activation.ReLU)|}, {|NG0009:Dense(1, Activation.Sigmoid)|}]
            public partial class Classifier
            {
            }
            """],
        moreFixedFiles: ["""
            using NetGen;

            public partial class Classifier
            {
            }
            """]);

    [Fact]
    public Task NG0010_renames_the_colliding_member_and_its_uses() => Verifier<RenameMemberFix>.VerifyAsync("""
        using NetGen;

        [Network(Inputs = 30)]
        [Dense(1, Activation.Sigmoid)]
        public partial class Classifier
        {
            public void {|NG0010:Predict|}() { }

            public void Run() => Predict();
        }
        """, """
        using NetGen;

        [Network(Inputs = 30)]
        [Dense(1, Activation.Sigmoid)]
        public partial class Classifier
        {
            public void PredictCustom() { }

            public void Run() => PredictCustom();
        }
        """);

    private const string SlopeOnReLU = """
        using NetGen;

        [Network(Inputs = 30)]
        [Dense(20, Activation.ReLU, {|NG0016:Slope = 0.1|})]   // NG0016
        [Dense(1, Activation.Sigmoid)]
        public partial class Classifier;
        """;

    [Fact]
    public Task NG0016_removes_the_slope() => Verifier<LayerArgumentFix>.VerifyAsync(SlopeOnReLU, """
        using NetGen;

        [Network(Inputs = 30)]
        [Dense(20, Activation.ReLU)]   // NG0016
        [Dense(1, Activation.Sigmoid)]
        public partial class Classifier;
        """);

    [Fact]
    public Task NG0016_or_uses_leaky_ReLU() => Verifier<LayerArgumentFix>.VerifyAsync(SlopeOnReLU, """
        using NetGen;

        [Network(Inputs = 30)]
        [Dense(20, Activation.LeakyReLU, Slope = 0.1)]   // NG0016
        [Dense(1, Activation.Sigmoid)]
        public partial class Classifier;
        """, action: 1);

    [Fact]
    public Task NG0016_fix_all_removes_every_slope() => Verifier<LayerArgumentFix>.VerifyAsync("""
        using NetGen;

        [Network(Inputs = 30)]
        [Dense(20, Activation.ReLU, {|NG0016:Slope = 0.1|})]
        [Dense(10, Activation.Tanh, {|NG0016:Slope = 0.2|})]
        [Dense(1, Activation.Sigmoid)]
        public partial class Classifier;
        """, """
        using NetGen;

        [Network(Inputs = 30)]
        [Dense(20, Activation.ReLU)]
        [Dense(10, Activation.Tanh)]
        [Dense(1, Activation.Sigmoid)]
        public partial class Classifier;
        """, fixedByFixAll: """
        using NetGen;

        [Network(Inputs = 30)]
        [Dense(20, Activation.ReLU)]
        [Dense(10, Activation.Tanh)]
        [Dense(1, Activation.Sigmoid)]
        public partial class Classifier;
        """);

    private const string DropoutOnOutput = """
        using NetGen;

        [Network(Inputs = 64)]
        [Dense(64, Activation.ReLU)]
        [Dense(10, Activation.Softmax, {|NG0018:Dropout = 0.2|})]   // NG0018
        public partial class DigitClassifier;
        """;

    [Fact]
    public Task NG0018_removes_dropout_from_the_output_layer() => Verifier<LayerArgumentFix>.VerifyAsync(DropoutOnOutput, """
        using NetGen;

        [Network(Inputs = 64)]
        [Dense(64, Activation.ReLU)]
        [Dense(10, Activation.Softmax)]   // NG0018
        public partial class DigitClassifier;
        """);

    [Fact]
    public Task NG0018_or_moves_it_to_the_last_hidden_layer() => Verifier<LayerArgumentFix>.VerifyAsync(DropoutOnOutput, """
        using NetGen;

        [Network(Inputs = 64)]
        [Dense(64, Activation.ReLU, Dropout = 0.2)]
        [Dense(10, Activation.Softmax)]   // NG0018
        public partial class DigitClassifier;
        """, action: 1);

    [Fact]
    public Task NG0028_removes_the_initialization() => Verifier<LayerArgumentFix>.VerifyAsync("""
        using NetGen;

        [Network(Inputs = 30)]
        [Dense(20, Activation.ReLU, {|NG0028:Initialization = Initialization.XavierNormal|})]   // NG0028
        [Dense(1, Activation.Sigmoid)]
        public partial class Classifier;
        """, """
        using NetGen;

        [Network(Inputs = 30)]
        [Dense(20, Activation.ReLU)]   // NG0028
        [Dense(1, Activation.Sigmoid)]
        public partial class Classifier;
        """);
}
