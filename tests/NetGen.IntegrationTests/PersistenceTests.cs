using NetGen;

namespace NetGen.IntegrationTests;

/// <summary>Save and Load: exact round trips, and rejection of anything else with the network left unchanged.</summary>
public sealed class PersistenceTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("netgen-files-").FullName;

    [Fact]
    public void Parameters_round_trip_exactly_through_a_stream_and_a_file()
    {
        var trained = new SoftmaxTwin(seed: 1);
        var (X, Y) = TestData.For(trained, examples: 20, seed: 2);
        trained.Fit(X, Y, new TrainingOptions { Optimizer = new Adam(0.01), Epochs = 3, BatchSize = 5 });
        var (fromStream, fromFile) = (new SoftmaxTwin(seed: 9), new SoftmaxTwin(seed: 10));
        var path = Path.Combine(folder, "twin.ngp");

        using (var stream = new MemoryStream())
        {
            trained.Save(stream);
            stream.Position = 0;
            fromStream.Load(stream);
        }

        trained.Save(path);
        fromFile.Load(path);

        Assert.Equal(Flatten(trained), Flatten(fromStream));
        Assert.Equal(Flatten(trained), Flatten(fromFile));
        Assert.Equal(trained.Predict(X).AsSpan().ToArray(), fromFile.Predict(X).AsSpan().ToArray());
    }

    [Fact]
    public void Single_precision_round_trips_exactly_too()
    {
        var (saved, loaded) = (new SoftmaxTwinSingle(seed: 1), new SoftmaxTwinSingle(seed: 2));

        loaded.Load(Saved(saved));

        Assert.Equal(saved.Parameters.SelectMany(p => p.AsSpan().ToArray()), loaded.Parameters.SelectMany(p => p.AsSpan().ToArray()));
    }

    [Fact]
    public void Another_architecture_is_rejected_naming_both()
    {
        var network = new LeakySoftmax(seed: 1);
        var before = Flatten(network);

        var error = Assert.Throws<InvalidDataException>(() => network.Load(Saved(new SoftmaxTwin(seed: 2))));

        Assert.Equal("The parameter file holds a network 4 → 6 LeakyReLU(0.01) → 3 Softmax (double), but this network is 4 → 5 LeakyReLU(0.1) → 3 Softmax (double).", error.Message);
        Assert.Equal(before, Flatten(network));
    }

    [Fact]
    public void The_other_precision_is_another_architecture()
    {
        var error = Assert.Throws<InvalidDataException>(() => new SoftmaxTwin(seed: 1).Load(Saved(new SoftmaxTwinSingle(seed: 1))));

        Assert.Contains("(float), but this network is", error.Message);
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("flipped value")]
    [InlineData("flipped architecture")]
    [InlineData("not a parameter file")]
    [InlineData("empty")]
    public void Damaged_files_are_rejected_and_the_network_is_left_unchanged(string damage)
    {
        var bytes = Saved(new SoftmaxTwin(seed: 2)).ToArray();
        bytes = damage switch
        {
            "truncated" => bytes[..^9],
            "flipped value" => Flip(bytes, bytes.Length - 20),
            "flipped architecture" => Flip(bytes, 16),
            "not a parameter file" => "just,some,csv\n1,2,3\n"u8.ToArray(),
            _ => [],
        };
        var network = new SoftmaxTwin(seed: 1);
        var before = Flatten(network);

        var error = Assert.Throws<InvalidDataException>(() => network.Load(new MemoryStream(bytes)));

        Assert.Equal(before, Flatten(network));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void A_newer_format_version_is_rejected_with_both_versions()
    {
        var bytes = Saved(new SoftmaxTwin(seed: 2)).ToArray();
        bytes[8] = 2; // the int32 after the 8-byte magic

        var error = Assert.Throws<InvalidDataException>(() => new SoftmaxTwin(seed: 1).Load(new MemoryStream(bytes)));

        Assert.Equal("The parameter file has format version 2; this version of NetGen reads version 1.", error.Message);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static MemoryStream Saved<T>(INetwork<T> network)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        var stream = new MemoryStream();
        network.Save(stream);
        stream.Position = 0;
        return stream;
    }

    private static byte[] Flip(byte[] bytes, int index)
    {
        bytes[index] ^= 0x10;
        return bytes;
    }

    private static double[] Flatten(INetwork<double> network) => network.Parameters.SelectMany(p => p.AsSpan().ToArray()).ToArray();
}
