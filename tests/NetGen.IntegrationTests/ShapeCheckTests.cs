using NetGen;

namespace NetGen.IntegrationTests;

/// <summary>Every public entry point rejects wrong shapes with a message naming expected and actual, and changes nothing.</summary>
public class ShapeCheckTests
{
    [Fact]
    public void Forward_names_the_expected_and_actual_shape_of_X()
    {
        var network = new Textbook(seed: 1);

        // The analyzer reports this call at compile time (NG0030); here the run-time check is under test.
#pragma warning disable NG0030
        var error = Assert.Throws<ArgumentException>(() => network.Forward(new Matrix<float>(29, 455)));
#pragma warning restore NG0030

        Assert.Equal("X", error.ParamName);
        Assert.Contains("30 × m", error.Message);
        Assert.Contains("29 × 455", error.Message);
    }

    [Fact]
    public void TrainStep_with_a_wrong_Y_leaves_the_network_unchanged()
    {
        var network = new Textbook(seed: 1);
        var (X, _) = TestData.For(network, examples: 8, seed: 1);
        var parameters = network.Parameters.Select(p => p.AsSpan().ToArray()).ToArray();

        var error = Assert.Throws<ArgumentException>(() => network.TrainStep(X, new Matrix<float>(1, 7), 0.1f));

        Assert.Equal("Y", error.ParamName);
        Assert.Contains("1 × 8", error.Message);
        Assert.Contains("1 × 7", error.Message);
        Assert.Equal(parameters, network.Parameters.Select(p => p.AsSpan().ToArray()).ToArray());
    }

    [Fact]
    public void Backward_needs_a_forward_pass_first()
    {
        var network = new Textbook(seed: 1);

        var error = Assert.Throws<InvalidOperationException>(() => network.Backward(new Matrix<float>(1, 4)));

        Assert.Contains("Forward", error.Message);
    }

    [Fact]
    public void ComputeCost_needs_labels_for_the_batch_of_the_last_forward_pass()
    {
        var network = new Textbook(seed: 1);
        network.Forward(new Matrix<float>(30, 5));

        var error = Assert.Throws<ArgumentException>(() => network.ComputeCost(new Matrix<float>(1, 6)));

        Assert.Contains("1 × 5", error.Message);
    }

    [Fact]
    public void Predict_checks_the_result_matrix()
    {
        var network = new TwoOutputs(seed: 1);

        var error = Assert.Throws<ArgumentException>(() => network.Predict(new Matrix<double>(3, 4), new Matrix<double>(1, 4)));

        Assert.Equal("result", error.ParamName);
        Assert.Contains("2 × 4", error.Message);
    }

    [Fact]
    public void Fit_rejects_a_negative_iteration_count()
    {
        var network = new Logistic(seed: 1);

        Assert.Throws<ArgumentOutOfRangeException>(() => network.Fit(new Matrix<double>(4, 2), new Matrix<double>(1, 2), -1, 0.1));
    }

    [Fact]
    public void The_generated_constants_describe_the_declaration()
    {
        Assert.Equal((30, 1, 4, 813L), (Textbook.InputSize, Textbook.OutputSize, Textbook.LayerCount, Textbook.ParameterCount));
        Assert.Equal(
            [new LayerInfo(30, 20, Activation.ReLU), new LayerInfo(20, 7, Activation.ReLU), new LayerInfo(7, 5, Activation.ReLU), new LayerInfo(5, 1, Activation.Sigmoid)],
            Textbook.Layers);
        Assert.Equal(Textbook.ParameterCount, Textbook.Layers.Sum(l => l.ParameterCount));
    }
}
