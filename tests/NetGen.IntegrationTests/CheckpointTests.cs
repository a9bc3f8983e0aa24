using NetGen;

namespace NetGen.IntegrationTests;

/// <summary>TrainingOptions.CheckpointPath: resumed runs continue bit for bit; damaged or unfit checkpoints are rejected without harm.</summary>
public sealed class CheckpointTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("netgen-checkpoints-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    public static TheoryData<string, string> Runs => new()
    {
        { "Adam", "Textbook" },       // float
        { "Momentum", "Textbook" },
        { "Adam", "LeakySoftmax" },   // double
        { "Momentum", "LeakySoftmax" },
        { "Adam", "DropoutNetwork" }, // the masks' generator resumes too
        { "Momentum", "SingleSoftmax" },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public void Three_epochs_a_checkpoint_and_three_more_equal_six_straight_bit_for_bit(string optimizer, string network)
    {
        switch (TestData.Create(network, seed: 1))
        {
            case INetwork<float> single:
                AssertResumesExactly(single, seed => (INetwork<float>)TestData.Create(network, seed), optimizer);
                break;
            case INetwork<double> @double:
                AssertResumesExactly(@double, seed => (INetwork<double>)TestData.Create(network, seed), optimizer);
                break;
            default:
                throw new ArgumentException($"{network} is not a network.", nameof(network));
        }
    }

    [Fact]
    public void A_damaged_checkpoint_is_rejected_and_changes_nothing()
    {
        var path = Path.Combine(folder, "damaged.ngckpt");
        var (X, Y) = TestData.For(new LeakySoftmax(seed: 1), examples: 30, seed: 2);
        new LeakySoftmax(seed: 1).Fit(X, Y, Options(new Adam(0.01), epochs: 2, path));
        var bytes = File.ReadAllBytes(path);

        AssertRejected(path, X, Y, bytes[..^9], "The checkpoint is truncated");
        var flipped = bytes.ToArray();
        flipped[^20] ^= 0x10;                                           // inside the training state
        AssertRejected(path, X, Y, flipped, "The checkpoint is corrupted: its values do not match its checksum.");
        AssertRejected(path, X, Y, File.ReadAllBytes(SaveParameters()), "This is not a NetGen checkpoint");
    }

    [Fact]
    public void A_checkpoint_of_another_optimizer_or_data_set_is_rejected()
    {
        var path = Path.Combine(folder, "other.ngckpt");
        var (X, Y) = TestData.For(new LeakySoftmax(seed: 1), examples: 30, seed: 2);
        new LeakySoftmax(seed: 1).Fit(X, Y, Options(new Adam(0.01), epochs: 1, path));

        var network = new LeakySoftmax(seed: 5);
        var before = TestData.Parameters(network);
        var momentum = new Momentum(0.1);
        var error = Assert.Throws<InvalidDataException>(() => network.Fit(X, Y, Options(momentum, epochs: 2, path)));
        Assert.Equal("The checkpoint does not fit this run: it was written by a Adam optimizer, but this run's optimizer is a Momentum. Delete it to start over.", error.Message);

        var (fewer, fewerY) = TestData.For(network, examples: 29, seed: 2);
        var data = Assert.Throws<InvalidDataException>(() => network.Fit(fewer, fewerY, Options(new Adam(0.01), epochs: 2, path)));
        Assert.Contains("it holds the order of 30 examples, but X has 29", data.Message);
        Assert.Equal(before, TestData.Parameters(network));
        Assert.Equal(0, momentum.StepCount);

        var architecture = Assert.Throws<InvalidDataException>(() => new TwoOutputs(seed: 1).Fit(new Matrix<double>(3, 30), new Matrix<double>(2, 30), Options(new Adam(), 2, path)));
        Assert.StartsWith("The checkpoint holds a network 4 → 5 LeakyReLU(0.1) → 3 Softmax (double)", architecture.Message);
    }

    [Fact]
    public void A_checkpoint_path_in_a_missing_folder_is_rejected_before_training()
    {
        var network = new LeakySoftmax(seed: 1);
        var (X, Y) = TestData.For(network, examples: 10, seed: 2);
        var before = TestData.Parameters(network);
        var path = Path.Combine(folder, "missing", "run.ngckpt");

        var error = Assert.Throws<ArgumentException>(() => network.Fit(X, Y, Options(new Adam(), epochs: 2, path)));

        Assert.Equal("CheckpointPath", error.ParamName);
        Assert.StartsWith($"Expected CheckpointPath to be a file in an existing folder, but it is \"{path}\".", error.Message);
        Assert.Equal(before, TestData.Parameters(network));
    }

    private static void AssertResumesExactly<T>(INetwork<T> straight, Func<int, INetwork<T>> create, string optimizer)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        var path = Path.Combine(Path.GetTempPath(), $"netgen-resume-{Guid.NewGuid():N}.ngckpt");
        try
        {
            var (X, Y) = TestData.For(straight, examples: 45, seed: 3);
            Optimizer Create() => optimizer == "Adam" ? new Adam(0.01) : new Momentum(0.05);

            var uninterrupted = Create();
            var all = straight.Fit(X, Y, Options(uninterrupted, epochs: 6, checkpoint: null));

            var first = create(1);
            first.Fit(X, Y, Options(Create(), epochs: 3, path));
            var resumed = create(99);                                   // another seed: its parameters come from the file
            var resumedOptimizer = Create();
            var rest = resumed.Fit(X, Y, Options(resumedOptimizer, epochs: 6, path));

            Assert.Equal(TestData.Parameters(straight), TestData.Parameters(resumed));
            Assert.Equal(uninterrupted.StepCount, resumedOptimizer.StepCount);
            Assert.Equal([3, 4, 5], rest.Epochs.Select(e => e.Epoch));
            Assert.Equal(all.Epochs.Skip(3).Select(e => e.TrainingCost), rest.Epochs.Select(e => e.TrainingCost));
            Assert.Equal(all.Epochs.Skip(3).Select(e => e.LearningRate), rest.Epochs.Select(e => e.LearningRate));
            Assert.Equal(0.01 * (optimizer == "Adam" ? 1 : 5), resumedOptimizer.LearningRate, 15);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static TrainingOptions Options(Optimizer optimizer, int epochs, string? checkpoint) => new()
    {
        Optimizer = optimizer,
        Epochs = epochs,
        BatchSize = 8,
        Seed = 7,
        Schedule = LearningRateSchedule.Step(every: 2, factor: 0.5),
        CheckpointPath = checkpoint,
    };

    private void AssertRejected(string path, Matrix<double> X, Matrix<double> Y, byte[] contents, string message)
    {
        File.WriteAllBytes(path, contents);
        var network = new LeakySoftmax(seed: 3);
        var optimizer = new Adam(0.01);
        var before = TestData.Parameters(network);

        var error = Assert.Throws<InvalidDataException>(() => network.Fit(X, Y, Options(optimizer, epochs: 4, path)));

        Assert.StartsWith(message, error.Message);
        Assert.Equal(before, TestData.Parameters(network));
        Assert.Equal(0, optimizer.StepCount);
        Assert.Equal(contents, File.ReadAllBytes(path));
    }

    private string SaveParameters()
    {
        var path = Path.Combine(folder, "parameters.bin");
        new LeakySoftmax(seed: 1).Save(path);
        return path;
    }
}
