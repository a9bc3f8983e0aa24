using NetGen.Tests;

namespace NetGen.Runtime.Tests;

/// <summary>
/// The operations every network shares, on a hand-written <see cref="INetwork{T}"/> (<see cref="ParameterHolder"/>,
/// J(w) = Σ cᵢ wᵢ² / 2, so dwᵢ = cᵢ wᵢ): what each computes, and that the ones that train hold the training guard for
/// their whole run. From w = (1, 2) and c = (1, 4): J = 8.5 and dw = (1, 8).
/// </summary>
public class NetworkExtensionsTests
{
    private static readonly Matrix<double> X = new(1, 3), Y = new(1, 3);

    [Fact]
    public void Update_steps_every_parameter_against_its_gradient()
    {
        var network = Holder();
        network.Backward(Y);

        network.Update(0.1);

        // w = (1, 2) − 0.1 (1, 8)
        Reference.AssertClose([0.9, 1.2], network.W.AsSpan().ToArray(), 1e-15);
    }

    [Fact]
    public void TrainStep_returns_the_cost_before_its_update()
    {
        var network = Holder();

        var cost = network.TrainStep(X, Y, 0.1);

        Assert.Equal(8.5, cost, 1e-15);
        Reference.AssertClose([0.9, 1.2], network.W.AsSpan().ToArray(), 1e-15);
    }

    [Fact]
    public void Full_batch_Fit_reports_every_interval_and_the_last_iteration()
    {
        var network = Holder();
        var reports = new List<(int Iteration, double Cost)>();

        var cost = network.Fit(X, Y, iterations: 3, learningRate: 0.1, progress: (i, c) => reports.Add((i, c)), progressInterval: 2);

        // w: (1, 2) → (0.9, 1.2) → (0.81, 0.72); J = 8.5, 3.285, (0.6561 + 4 · 0.5184) / 2 = 1.36485
        Assert.Equal([0, 2], reports.Select(r => r.Iteration));
        Assert.Equal(8.5, reports[0].Cost, 1e-15);
        Assert.Equal(1.36485, cost, 1e-12);
        Assert.Equal(cost, reports[1].Cost);
    }

    [Fact]
    public void Mini_batch_Fit_takes_an_optimizer_step_per_batch()
    {
        var network = Holder();
        var options = new TrainingOptions { Optimizer = new GradientDescent(0.1), Epochs = 2, BatchSize = 3 };

        var cost = network.Fit(X, Y, options).Epochs[^1].TrainingCost;

        // One batch per epoch: the same two steps as full-batch gradient descent.
        Assert.Equal(3.285, cost, 1e-12);
        Reference.AssertClose([0.81, 0.72], network.W.AsSpan().ToArray(), 1e-15);
    }

    [Fact]
    public void ExportOnnx_refuses_a_network_whose_layers_and_parameters_disagree_and_writes_nothing()
    {
        // The holder has one parameter matrix, 1 × (number of initial values), 1 input and 1 output.
        (double[] Initial, LayerInfo[] Layers, string Message)[] cases =
        [
            ([1.0, 2.0], [], "The network holder lists no layers: there is nothing to export."),
            ([1.0, 2.0], [new(2, 1, Activation.Linear)], "Layer 1 of holder (2 → 1) does not connect its neighbours (1 inputs, 1 outputs at the end)."),
            ([1.0, 2.0], [new(1, 2, Activation.Linear)], "Layer 1 of holder (1 → 2) does not connect its neighbours (1 inputs, 1 outputs at the end)."),
            ([1.0, 2.0], [new(1, 1, Activation.Linear)], "Layer 1 of holder needs parameter matrix 0 as 1 × 1, but it is 1 × 2."),
            ([1.0], [new(1, 1, Activation.Linear)], "Layer 1 of holder needs parameter matrix 1 as 1 × 1, but it does not exist."),
        ];
        var path = Path.Combine(Path.GetTempPath(), $"netgen-{Guid.NewGuid():N}.onnx");
        foreach (var (initial, layers, message) in cases)
        {
            var network = new ParameterHolder(initial, [.. initial.Select(_ => 1.0)]) { Layers = layers };
            using var stream = new MemoryStream();

            Assert.Equal(message, Assert.Throws<ArgumentException>("network", () => network.ExportOnnx(stream)).Message.Split(" (Parameter")[0]);
            Assert.Equal(message, Assert.Throws<ArgumentException>("network", () => network.ExportOnnx(path)).Message.Split(" (Parameter")[0]);
            Assert.Equal(0, stream.Length);
            Assert.False(File.Exists(path));
        }
    }

    [Fact]
    public void Predict_returns_what_Predict_writes_into_a_result()
    {
        var network = Holder();
        var inputs = new Matrix<double>(1, 2, [3.0, -4.0]);

        var outputs = network.Predict(inputs);

        Assert.Equal([3.0, -4.0], outputs.AsSpan().ToArray());
    }

    [Fact]
    public void Save_and_Load_round_trip_through_a_stream_and_a_file()
    {
        var saved = Holder();
        var stream = new MemoryStream();
        saved.Save(stream);
        var path = Path.Combine(Path.GetTempPath(), $"netgen-{Guid.NewGuid():N}.bin");
        saved.Save(path);

        try
        {
            var fromStream = new ParameterHolder([0.0, 0.0], [1.0, 4.0]);
            stream.Position = 0;
            fromStream.Load(stream);
            var fromFile = new ParameterHolder([0.0, 0.0], [1.0, 4.0]);
            fromFile.Load(path);

            Assert.Equal([1.0, 2.0], fromStream.W.AsSpan().ToArray());
            Assert.Equal([1.0, 2.0], fromFile.W.AsSpan().ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_call_that_writes_parameters_from_another_thread_during_TrainStep_throws_naming_itself()
    {
        var network = Holder();
        Exception? update = null, load = null;
        network.DuringBackward = () =>
        {
            update = OtherThread.Run(() => network.Update(0.1));
            load = OtherThread.Run(() => network.Load(new MemoryStream()));
        };

        network.TrainStep(X, Y, 0.1);

        Assert.StartsWith("Update was called while another thread is training this network.", Assert.IsType<InvalidOperationException>(update).Message);
        Assert.StartsWith("Load was called while another thread is training this network.", Assert.IsType<InvalidOperationException>(load).Message);
        Reference.AssertClose([0.9, 1.2], network.W.AsSpan().ToArray(), 1e-15);
    }

    [Fact]
    public void Calls_from_the_training_thread_itself_go_ahead()
    {
        var network = Holder();
        var nested = 0.0;
        network.DuringBackward = () =>
        {
            network.DuringBackward = null;
            nested = network.TrainStep(X, Y, 0.1);
        };

        network.TrainStep(X, Y, 0.1);

        Assert.Equal(8.5, nested, 1e-15);
    }

    [Fact]
    public async Task A_training_call_that_throws_releases_the_guard()
    {
        var network = Holder();

        Assert.Throws<ArgumentException>(() => network.TrainStep(X, new Matrix<double>(1, 2), 0.1));
        var cost = await Task.Run(() => network.TrainStep(X, Y, 0.1));

        Assert.Equal(8.5, cost, 1e-15);
    }

    [Fact]
    public void A_null_network_is_an_argument_error()
    {
        INetwork<double> network = null!;

        Assert.Equal("network", Assert.Throws<ArgumentNullException>(() => network.TrainStep(X, Y, 0.1)).ParamName);
        Assert.Equal("network", Assert.Throws<ArgumentNullException>(() => network.Predict(X)).ParamName);
    }

    private static ParameterHolder Holder() => new([1.0, 2.0], [1.0, 4.0]);
}
