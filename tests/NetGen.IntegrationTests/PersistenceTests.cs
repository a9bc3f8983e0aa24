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

    /// <summary>
    /// A file cut at any length, from empty to one byte short, is reported as truncated. The first 8 bytes used to be
    /// read as a magic that did not match, so a file cut to 0–7 bytes was "not a NetGen parameter file".
    /// </summary>
    [Fact]
    public void A_file_cut_anywhere_is_reported_as_truncated()
    {
        var bytes = Saved(new SoftmaxTwin(seed: 2)).ToArray();
        var network = new SoftmaxTwin(seed: 1);
        var before = Flatten(network);

        for (var length = 0; length < bytes.Length; length++)
        {
            var error = Assert.Throws<InvalidDataException>(() => network.Load(new MemoryStream(bytes, 0, length)));

            Assert.StartsWith("The parameter file is truncated: it ends ", error.Message);
        }

        Assert.Equal(before, Flatten(network));
        Assert.Equal(519, bytes.Length); // the number of cuts tried
    }

    /// <summary>Bytes after the checksum used to be ignored: a file is one file, and nothing follows it.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(519)]
    public void Bytes_after_the_end_of_the_file_are_rejected(int extra)
    {
        var bytes = Saved(new SoftmaxTwin(seed: 2)).ToArray();
        var longer = bytes.Concat(bytes.Take(extra)).ToArray();
        var path = Path.Combine(folder, "longer.ngp");
        File.WriteAllBytes(path, longer);
        var network = new SoftmaxTwin(seed: 1);
        var before = Flatten(network);

        var fromStream = Assert.Throws<InvalidDataException>(() => network.Load(new MemoryStream(longer)));
        var fromFile = Assert.Throws<InvalidDataException>(() => network.Load(path));

        Assert.StartsWith("The parameter file continues after its checksum", fromStream.Message);
        Assert.Equal(fromStream.Message, fromFile.Message);
        Assert.Equal(before, Flatten(network));
    }

    public static TheoryData<double> NonFinite => [double.NaN, double.PositiveInfinity, double.NegativeInfinity];

    /// <summary>Save wrote a NaN model and Load accepted it. Now Save refuses it, writing nothing: not to a stream, and not over a good file.</summary>
    [Theory]
    [MemberData(nameof(NonFinite))]
    public void A_network_with_a_non_finite_parameter_is_not_saved(double bad)
    {
        var good = new SoftmaxTwin(seed: 3);
        var path = Path.Combine(folder, "model.ngp");
        good.Save(path);
        var network = new SoftmaxTwin(seed: 4);
        network.W2[1, 4] = bad;
        using var stream = new MemoryStream();

        var toStream = Assert.Throws<InvalidOperationException>(() => network.Save(stream));
        var toFile = Assert.Throws<InvalidOperationException>(() => network.Save(path));

        Assert.Equal($"The network cannot be saved: W2[1, 4] is {bad.ToString(System.Globalization.CultureInfo.InvariantCulture)}. A parameter file holds finite numbers only; nothing was written.", toStream.Message);
        Assert.Equal(toStream.Message, toFile.Message);
        Assert.Equal(0, stream.Length);
        var reloaded = new SoftmaxTwin(seed: 5);
        reloaded.Load(path);
        Assert.Equal(Flatten(good), Flatten(reloaded));
        Assert.Equal([path], Directory.GetFiles(folder));
    }

    /// <summary>A file whose values include NaN or ±∞, with a valid checksum (as the old Save wrote them), is rejected.</summary>
    [Theory]
    [MemberData(nameof(NonFinite))]
    public void A_file_holding_a_non_finite_value_is_rejected(double bad)
    {
        var bytes = Saved(new SoftmaxTwin(seed: 2)).ToArray();
        // The last value is b2[2, 0]: the 8 bytes before the 8-byte checksum. Rewrite it, then the checksum.
        BitConverter.GetBytes(bad).CopyTo(bytes, bytes.Length - 16);
        var valuesStart = bytes.Length - 8 - (51 * 8) - (4 * 8);
        BitConverter.GetBytes(Checksum(bytes, valuesStart)).CopyTo(bytes, bytes.Length - 8);
        var network = new SoftmaxTwin(seed: 1);
        var before = Flatten(network);

        var error = Assert.Throws<InvalidDataException>(() => network.Load(new MemoryStream(bytes)));

        Assert.Equal($"The parameter file holds a value that is not finite: b2[2, 0] is {bad.ToString(System.Globalization.CultureInfo.InvariantCulture)}.", error.Message);
        Assert.Equal(before, Flatten(network));
    }

    /// <summary>
    /// A save that fails while it writes (here the parameters cannot be read after the first two matrices, as a full
    /// disk would fail it) leaves the old file whole and no temporary file behind; the exception is the failure's own.
    /// </summary>
    [Fact]
    public void A_save_that_fails_midway_leaves_the_old_file_and_no_temporary_file()
    {
        var good = new SoftmaxTwin(seed: 3);
        var path = Path.Combine(folder, "model.ngp");
        good.Save(path);

        var error = Assert.Throws<IOException>(() => NetworkFile.Save(new FailingNetwork(new SoftmaxTwin(seed: 4)), path));

        Assert.Equal("The disk is full.", error.Message);
        var reloaded = new SoftmaxTwin(seed: 5);
        reloaded.Load(path);
        Assert.Equal(Flatten(good), Flatten(reloaded));
        Assert.Equal([path], Directory.GetFiles(folder));
    }

    [Fact]
    public void A_save_into_a_missing_folder_reports_the_folder()
    {
        var path = Path.Combine(folder, "missing", "model.ngp");

        Assert.Throws<DirectoryNotFoundException>(() => new SoftmaxTwin(seed: 1).Save(path));
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public void Saving_replaces_the_file_and_leaves_nothing_else()
    {
        var path = Path.Combine(folder, "model.ngp");
        new SoftmaxTwin(seed: 1).Save(path);
        var second = new SoftmaxTwin(seed: 2);

        second.Save(path);

        var reloaded = new SoftmaxTwin(seed: 3);
        reloaded.Load(path);
        Assert.Equal(Flatten(second), Flatten(reloaded));
        Assert.Equal([path], Directory.GetFiles(folder));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>64-bit FNV-1a of the bytes from <paramref name="start"/> to the checksum, skipping each matrix's 8-byte shape.</summary>
    private static ulong Checksum(byte[] bytes, int start)
    {
        // SoftmaxTwin's four matrices: 6 × 4, 6 × 1, 3 × 6, 3 × 1 doubles, each after its rows and columns.
        var hash = 0xCBF29CE484222325;
        var position = start;
        foreach (var count in new[] { 24, 6, 18, 3 })
        {
            position += 8;
            for (var i = 0; i < count * 8; i++)
            {
                hash = (hash ^ bytes[position++]) * 0x100000001B3;
            }
        }

        return hash;
    }

    /// <summary>A SoftmaxTwin whose parameter list fails after two matrices, as a write to a full disk fails partway.</summary>
    private sealed class FailingNetwork(SoftmaxTwin inner) : INetwork<double>
    {
        public int InputSize => SoftmaxTwin.InputSize;

        public int OutputSize => SoftmaxTwin.OutputSize;

        public IReadOnlyList<LayerInfo> Layers => SoftmaxTwin.Layers;

        public string Architecture => SoftmaxTwin.Architecture;

        public Loss Loss => ((INetwork<double>)inner).Loss;

        public double L2Regularization { get => inner.L2Regularization; set => inner.L2Regularization = value; }

        public IReadOnlyList<Matrix<double>> Parameters { get; } = new FailingList(inner.Parameters);

        public IReadOnlyList<Matrix<double>> Gradients => inner.Gradients;

        public Matrix<double> Forward(Matrix<double> X) => inner.Forward(X);

        public double ComputeCost(Matrix<double> Y) => inner.ComputeCost(Y);

        public void Backward(Matrix<double> Y) => inner.Backward(Y);

        public void Predict(Matrix<double> X, Matrix<double> result) => inner.Predict(X, result);

        public void Predict(ReadOnlySpan<double> x, Span<double> output) => inner.Predict(x, output);

        public void Predict(Matrix<double> X, Matrix<double> result, Matrix<double> logits) => ((INetwork<double>)inner).Predict(X, result, logits);

        public double CheckGradients(Matrix<double> X, Matrix<double> Y, double epsilon) => inner.CheckGradients(X, Y, epsilon);

        public TrainingGuard TrainingGuard { get; } = new();
    }

    /// <summary>The matrices of a list by index; enumerating them fails after the first two.</summary>
    private sealed class FailingList(IReadOnlyList<Matrix<double>> inner) : IReadOnlyList<Matrix<double>>
    {
        public int Count => inner.Count;

        public Matrix<double> this[int index] => inner[index];

        public IEnumerator<Matrix<double>> GetEnumerator()
        {
            yield return inner[0];
            yield return inner[1];
            throw new IOException("The disk is full.");
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

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
