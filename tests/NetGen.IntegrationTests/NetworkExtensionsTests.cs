using NetGen;
using NetGen.Tests;

namespace NetGen.IntegrationTests;

/// <summary>
/// The operations every network shares (NetworkExtensions) on generated networks: they run the network's own
/// generated members, called on the class or through <see cref="INetwork{T}"/> alike, and a training run holds the
/// network's training guard from its first step to its last.
/// </summary>
public class NetworkExtensionsTests
{
    [Fact]
    public void TrainStep_and_Update_run_the_generated_propagation()
    {
        var network = new DeepReLU(seed: 1);
        var twin = new DeepReLU(seed: 1);
        var (X, Y) = TestData.For(network, examples: 20, seed: 2);

        var cost = network.TrainStep(X, Y, learningRate: 0.1);
        twin.Forward(X);
        var twinCost = twin.ComputeCost(Y);
        twin.Backward(Y);
        twin.Update(0.1);

        Assert.Equal(twinCost, cost);
        Assert.Equal(Flatten(twin), Flatten(network));
    }

    [Fact]
    public void Calls_through_the_interface_are_the_same_calls()
    {
        var network = new DeepReLU(seed: 1);
        INetwork<double> twin = new DeepReLU(seed: 1);
        var (X, Y) = TestData.For(network, examples: 20, seed: 2);
        TrainingOptions Options() => new() { Optimizer = new Adam(0.01), Epochs = 3, BatchSize = 8 };

        Assert.Equal(twin.Fit(X, Y, iterations: 5, learningRate: 0.1), network.Fit(X, Y, iterations: 5, learningRate: 0.1));
        Assert.Equal(twin.Fit(X, Y, Options()).Epochs.Select(e => e.TrainingCost), network.Fit(X, Y, Options()).Epochs.Select(e => e.TrainingCost));
        Assert.Equal(Flatten(twin), Flatten(network));
        Assert.Equal(twin.Predict(X).AsSpan().ToArray(), network.Predict(X).AsSpan().ToArray());
    }

    [Fact]
    public void Predict_allocates_what_Predict_into_a_result_writes()
    {
        var network = new LeakySoftmax(seed: 4);
        var (X, _) = TestData.For(network, examples: 9, seed: 5);
        var result = new Matrix<double>(LeakySoftmax.OutputSize, X.Columns);
        network.Predict(X, result);

        var outputs = network.Predict(X);

        Assert.Equal(result.AsSpan().ToArray(), outputs.AsSpan().ToArray());
    }

    [Fact]
    public void A_whole_Fit_holds_the_guard_so_TrainStep_from_another_thread_throws()
    {
        var network = new Textbook(seed: 1);
        var (X, Y) = TestData.For(network, examples: 16, seed: 3);
        Exception? fromAnotherThread = null;
        var fromThisThread = float.NaN;

        network.Fit(X, Y, iterations: 3, learningRate: 0.01f, progress: (iteration, _) =>
        {
            if (iteration == 1)
            {
                fromAnotherThread = OtherThread.Run(() => network.TrainStep(X, Y, 0.01f));
                fromThisThread = network.TrainStep(X, Y, 0.01f);
            }
        }, progressInterval: 1);

        var exception = Assert.IsType<InvalidOperationException>(fromAnotherThread);
        Assert.StartsWith("TrainStep was called while another thread is training this network.", exception.Message);
        Assert.False(float.IsNaN(fromThisThread));
        Assert.Null(OtherThread.Run(() => network.TrainStep(X, Y, 0.01f)));
    }

    [Fact]
    public void A_whole_mini_batch_Fit_holds_the_guard_so_Load_from_another_thread_throws()
    {
        var network = new LeakySoftmax(seed: 4);
        var (X, Y) = TestData.For(network, examples: 12, seed: 5);
        var file = new MemoryStream();
        network.Save(file);
        Exception? load = null;

        network.Fit(X, Y, new TrainingOptions { Optimizer = new GradientDescent(0.1), Epochs = 2, BatchSize = 4 }, (epoch, _) =>
        {
            file.Position = 0;
            load = OtherThread.Run(() => network.Load(file));
            return true;
        });

        Assert.StartsWith("Load was called while another thread is training this network.", Assert.IsType<InvalidOperationException>(load).Message);
    }

    private static double[] Flatten(INetwork<double> network) => network.Parameters.SelectMany(p => p.AsSpan().ToArray()).ToArray();
}
