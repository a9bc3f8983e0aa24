namespace NetGen.Runtime.Tests;

/// <summary>
/// The standardizer against numpy (population standard deviation, as scikit-learn's StandardScaler), constant features,
/// its three ways of applying, its file, and prediction on raw inputs.
/// </summary>
public sealed class StandardizerTests : IDisposable
{
    private readonly DataFiles files = new();

    public void Dispose() => files.Dispose();

    [Theory]
    // numpy 1.24: X = np.loadtxt(file, delimiter=',', skiprows=1)[np.arange(m) % 5 != 0, :-1]; X[:, j].mean(), X[:, j].std()
    [InlineData("breast_cancer.csv", 0, 14.191898901098902, 3.579167943503209)]
    [InlineData("breast_cancer.csv", 1, 19.31446153846154, 4.304893418822562)]
    [InlineData("breast_cancer.csv", 29, 0.08396131868131868, 0.018125718005258012)]
    [InlineData("diabetes.csv", 0, 48.72237960339943, 13.489350872894091)]
    [InlineData("diabetes.csv", 8, 4.6406407932011335, 0.5259772679320281)]
    public void Statistics_of_the_training_set_match_numpy(string file, int feature, double mean, double deviation)
    {
        var train = DataSet<double>.LoadCsv(DataFiles.Sample(file), new CsvOptions { HeaderLines = 1 }).SplitEvery(5).Train;

        var standardizer = Standardizer.Fit(train.X);

        Assert.Equal(train.X.Rows, standardizer.Features);
        Assert.Equal(mean, standardizer.Mean[feature], mean * 1e-14);
        Assert.Equal(deviation, standardizer.StandardDeviation[feature], deviation * 1e-14);
    }

    [Fact]
    public void A_float_test_set_is_standardized_with_the_training_statistics()
    {
        var (train, test) = DataSet<float>.LoadCsv(DataFiles.Sample("breast_cancer.csv"), new CsvOptions { HeaderLines = 1 }).SplitEvery(5);

        Standardizer.Fit(train.X).Transform(test.X);

        // numpy: (test[0, 0] − μ₀) / σ₀ with the training set's μ₀ and σ₀
        Assert.Equal(1.061168729395693, test.X[0, 0], 1e-5);
    }

    [Fact]
    public void Constant_features_are_only_centred_and_the_others_get_mean_0_and_deviation_1()
    {
        var train = DataSet<double>.LoadCsv(DataFiles.Sample("digits.csv.gz")).SplitEvery(5).Train;
        var X = train.X;
        var standardizer = Standardizer.Fit(X);
        var raw = X.Clone();

        standardizer.Transform(X);

        for (var i = 0; i < X.Rows; i++)
        {
            var row = X.Row(i).ToArray();
            if (i is 0 or 32 or 39)
            {
                // numpy: the training set's features 0, 32 and 39 are constant (σ = 0)
                Assert.Equal(0, standardizer.StandardDeviation[i]);
                Assert.Equal(raw[i, 0], standardizer.Mean[i]);
                Assert.All(row, value => Assert.Equal(0, value));
            }
            else
            {
                Assert.Equal(0, row.Average(), 1e-12);
                Assert.Equal(1, Math.Sqrt(row.Average(value => value * value)), 1e-12);
            }
        }
    }

    [Fact]
    public void A_constant_feature_whose_sum_rounds_still_gets_deviation_0()
    {
        // 0.1 + 0.1 + 0.1 = 0.30000000000000004 in double, whose third is not 0.1.
        var standardizer = Standardizer.Fit(new Matrix<double>(1, 3, [0.1, 0.1, 0.1]));

        Assert.Equal((0.1, 0.0), (standardizer.Mean[0], standardizer.StandardDeviation[0]));
    }

    [Fact]
    public void In_place_into_a_result_and_one_example_agree_and_the_input_is_kept()
    {
        var X = Reference.Random<float>(4, 9, seed: 1);
        var standardizer = Standardizer.Fit(Reference.Random<float>(4, 20, seed: 2));
        var raw = X.Clone();
        var result = new Matrix<float>(4, 9);
        var example = new float[4];

        standardizer.Transform(X, result);
        standardizer.Transform<float>(Column(raw, 3), example);
        standardizer.Transform(X);

        Assert.Equal(result.AsSpan().ToArray(), X.AsSpan().ToArray());
        Assert.Equal(Column(result, 3), example);
        Assert.Equal((double)(raw[2, 5] - (float)standardizer.Mean[2]) / (float)standardizer.StandardDeviation[2], result[2, 5], 1e-6);
        Assert.NotEqual(raw.AsSpan().ToArray(), X.AsSpan().ToArray());
    }

    [Fact]
    public void Wrong_shapes_are_refused_before_anything_is_written()
    {
        var standardizer = Standardizer.Fit(new Matrix<double>(2, 2, [1, 2, 3, 5]));
        var result = new Matrix<double>(2, 3);

        Assert.Equal("X", Assert.Throws<ArgumentException>(() => standardizer.Transform(new Matrix<double>(3, 3))).ParamName);
        Assert.Equal("result", Assert.Throws<ArgumentException>(() => standardizer.Transform(new Matrix<double>(2, 2, [9, 9, 9, 9]), new Matrix<double>(2, 3))).ParamName);
        Assert.Equal("example", Assert.Throws<ArgumentException>(() => standardizer.Transform<double>(new double[3], new double[2])).ParamName);
        Assert.Equal("result", Assert.Throws<ArgumentException>(() => standardizer.Transform<double>(new double[2], new double[3])).ParamName);
        Assert.All(result.AsSpan().ToArray(), value => Assert.Equal(0, value));
    }

    [Fact]
    public void Fit_refuses_empty_and_non_finite_inputs()
    {
        Assert.Contains("0 × 0", Assert.Throws<ArgumentException>(() => Standardizer.Fit(new Matrix<double>(0, 0))).Message);
        Assert.Contains("1 × 0", Assert.Throws<ArgumentException>(() => Standardizer.Fit(new Matrix<float>(1, 0))).Message);
        Assert.Contains("X[0, 1] is NaN", Assert.Throws<ArgumentException>(() => Standardizer.Fit(new Matrix<double>(1, 2, [1, double.NaN]))).Message);
    }

    [Fact]
    public void Save_and_Load_round_trip_every_bit()
    {
        var standardizer = Standardizer.Fit(Reference.Random<double>(5, 7, seed: 3));
        var path = files.PathOf("scaler.bin");

        standardizer.Save(path);
        var loaded = Standardizer.Load(path);

        Assert.Equal(standardizer.Mean, loaded.Mean);
        Assert.Equal(standardizer.StandardDeviation, loaded.StandardDeviation);
        Assert.Equal(16 + (16 * 5) + 8, new FileInfo(path).Length);
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void Every_damaged_byte_truncation_or_extension_is_rejected()
    {
        var path = files.PathOf("scaler.bin");
        Standardizer.Fit(Reference.Random<double>(3, 4, seed: 4)).Save(path);
        var bytes = File.ReadAllBytes(path);

        for (var i = 0; i < bytes.Length; i++)
        {
            var damaged = bytes.ToArray();
            damaged[i] ^= 0x10;
            File.WriteAllBytes(path, damaged);
            Assert.Throws<InvalidDataException>(() => Standardizer.Load(path));
        }

        for (var length = 0; length < bytes.Length; length++)
        {
            File.WriteAllBytes(path, bytes[..length]);
            Assert.Throws<InvalidDataException>(() => Standardizer.Load(path));
        }

        File.WriteAllBytes(path, [.. bytes, 0]);
        Assert.Contains("not one file", Assert.Throws<InvalidDataException>(() => Standardizer.Load(path)).Message);
    }

    [Theory]
    [InlineData(0, "is not a NetGen standardizer file")]
    [InlineData(8, "has format version 17")]
    [InlineData(12, "is truncated: it holds 120 bytes, but a standardizer of 17 features takes 296")]
    [InlineData(20, "is corrupted: its values do not match its checksum")]
    public void A_damaged_file_is_rejected_with_what_is_wrong(int offset, string message)
    {
        var path = files.PathOf("scaler.bin");
        Standardizer.Fit(Reference.Random<double>(6, 4, seed: 5)).Save(path);
        var bytes = File.ReadAllBytes(path);
        bytes[offset] = 17;
        File.WriteAllBytes(path, bytes);

        Assert.Contains(message, Assert.Throws<InvalidDataException>(() => Standardizer.Load(path)).Message);
    }

    [Fact]
    public void A_save_that_cannot_replace_the_file_leaves_it_as_it_was()
    {
        var path = files.PathOf("scaler.bin");
        var first = Standardizer.Fit(Reference.Random<double>(2, 4, seed: 6));
        first.Save(path);
        var before = File.ReadAllBytes(path);
        Directory.CreateDirectory(path + ".blocked");

        // A folder where the file would go: the save fails, and leaves no temporary file behind.
        Assert.ThrowsAny<IOException>(() => first.Save(path + ".blocked"));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(2, Directory.GetFileSystemEntries(Path.GetDirectoryName(path)!).Length);
    }

    [Fact]
    public void Predict_on_raw_inputs_standardizes_a_copy_first()
    {
        // The holder's prediction is its input, so it returns what the network saw.
        var network = new ParameterHolder([1.0], [1.0]);
        var standardizer = Standardizer.Fit(new Matrix<double>(1, 4, [1, 2, 3, 6]));
        var raw = new Matrix<double>(1, 2, [3, 7]);

        var output = network.Predict(raw, standardizer);

        // μ = 3, σ = √((4 + 1 + 0 + 9) / 4) = √3.5
        Reference.AssertClose([0, 4 / Math.Sqrt(3.5)], output.AsSpan().ToArray(), 1e-15);
        Assert.Equal([3.0, 7], raw.AsSpan().ToArray());
    }

    [Fact]
    public void Predict_refuses_a_standardizer_of_other_inputs()
    {
        var network = new ParameterHolder([1.0], [1.0]);
        var standardizer = Standardizer.Fit(new Matrix<double>(2, 2, [1, 2, 3, 4]));

        var error = Assert.Throws<ArgumentException>(() => network.Predict(new Matrix<double>(1, 2), standardizer));

        Assert.Equal("standardizer", error.ParamName);
        Assert.Contains("1 features", error.Message);
    }

    private static float[] Column(Matrix<float> matrix, int j) => Enumerable.Range(0, matrix.Rows).Select(i => matrix[i, j]).ToArray();
}
