namespace NetGen.Generator.Tests;

/// <summary>
/// Call-site shape checks (NG0030, NG0031) on a generated 30-input, 1-output network: what the analyzer sees, and
/// what it must leave to the run-time checks.
/// </summary>
public class ShapeAnalyzerTests
{
    private static void Reports(string body) => DiagnosticAssert.Reports($$"""
        using NetGen;

        [Network(Inputs = 30)]
        [Dense(20, Activation.ReLU)]
        [Dense(1, Activation.Sigmoid)]
        public partial class Net;

        public static class Use
        {
            private static Matrix<float> field = new Matrix<float>(31, 8);

            private static Matrix<float> Make() => new Matrix<float>(31, 8);

            public static void Run(Net net, INetwork<float> anyNetwork, Matrix<float> parameter, int m)
            {
                {{body}}
            }
        }
        """,
        generatedFiles: 1,
        compiles: true);

    [Fact]
    public void Forward_with_a_new_matrix_of_the_wrong_row_count() =>
        Reports("net.Forward({|NG0030:new Matrix<float>(31, m)|});");

    [Fact]
    public void Through_a_local_initialized_so_and_never_reassigned() => Reports("""
        Matrix<float> X = new Matrix<float>(31, m);
                var predictions = net.Predict({|NG0030:X|});
        """);

    [Fact]
    public void Y_against_the_output_size_and_the_example_counts_in_TrainStep_and_Fit() => Reports("""
        var X = new Matrix<float>(30, 100);
                net.TrainStep(X, {|NG0030:new Matrix<float>(2, 100)|}, 0.1f);
                net.TrainStep(X, {|NG0031:new Matrix<float>(1, 90)|}, 0.1f);
                net.Fit(X, {|NG0030:new Matrix<float>(3, 100)|}, 10, 0.1f);
        """);

    [Fact]
    public void Fitting_shapes_are_not_reported() => Reports("""
        var X = new Matrix<float>(Net.InputSize, 100);
                var Y = new Matrix<float>(Net.OutputSize, 100);
                net.TrainStep(X, Y, 0.1f);
                net.Forward(new Matrix<float>(30, m));
        """);

    [Fact]
    public void What_it_cannot_see_is_left_to_the_run_time_checks() => Reports("""
        var reassigned = new Matrix<float>(31, 8);
                reassigned = parameter;
                net.Forward(reassigned);
                net.Forward(field);
                net.Forward(Make());
                net.Forward(parameter);
                anyNetwork.Predict(new Matrix<float>(31, 8));
                var rows = m + 1;
                net.Forward(new Matrix<float>(rows, 8));
        """);
}
