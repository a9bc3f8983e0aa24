using System.Globalization;
using System.IO.Compression;

namespace NetGen.Runtime.Tests;

/// <summary>
/// Loading CSV files of examples as rows into X (features × m) and Y, the errors that name the file, line and column,
/// and the splits.
/// </summary>
public sealed class DataSetTests : IDisposable
{
    private readonly DataFiles files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public void Rows_become_columns_of_X_and_the_last_column_becomes_Y()
    {
        var path = files.Write("a,b,label\r\n1.5, -2e-3 ,7\r\n\r\n  \n4,5.25,-8\n");

        var (X, Y) = DataSet<double>.LoadCsv(path, new CsvOptions { HeaderLines = 1 });

        Assert.Equal((2, 2), (X.Rows, X.Columns));
        Assert.Equal([1.5, 4, -0.002, 5.25], X.AsSpan().ToArray());
        Assert.Equal((1, 2), (Y.Rows, Y.Columns));
        Assert.Equal([7.0, -8], Y.AsSpan().ToArray());
    }

    [Fact]
    public void Float_data_is_read_in_float()
    {
        var data = DataSet<float>.LoadCsv(files.Write("0.1,0.2,1\n0.3,0.4,0\n"), new CsvOptions { Labels = LabelEncoding.Binary });

        Assert.Equal([0.1f, 0.3f, 0.2f, 0.4f], data.X.AsSpan().ToArray());
        Assert.Equal([1f, 0f], data.Y.AsSpan().ToArray());
    }

    [Fact]
    public void Label_columns_can_be_anywhere_and_several()
    {
        var path = files.Write("1,2,3,4\n5,6,7,8\n");

        var first = DataSet<double>.LoadCsv(path, new CsvOptions { LabelColumns = [0] });
        var two = DataSet<double>.LoadCsv(path, new CsvOptions { LabelColumns = [^1, 1] });

        Assert.Equal([1.0, 5], first.Y.AsSpan().ToArray());
        Assert.Equal([2.0, 6, 3, 7, 4, 8], first.X.AsSpan().ToArray());
        Assert.Equal([1.0, 5, 3, 7], two.X.AsSpan().ToArray());
        // Y's rows follow the order the columns were named in: the last column, then column 1.
        Assert.Equal([4.0, 8, 2, 6], two.Y.AsSpan().ToArray());
    }

    [Fact]
    public void One_hot_labels_infer_or_take_the_number_of_classes()
    {
        var path = files.Write("0.5,2\n0.25,0\n1,2\n");

        var inferred = DataSet<float>.LoadCsv(path, new CsvOptions { Labels = LabelEncoding.OneHot });
        var given = DataSet<float>.LoadCsv(path, new CsvOptions { Labels = LabelEncoding.OneHot, Classes = 5 });

        Assert.Equal((3, 3), (inferred.Y.Rows, inferred.Y.Columns));
        Assert.Equal([0f, 1, 0, 0, 0, 0, 1, 0, 1], inferred.Y.AsSpan().ToArray());
        Assert.Equal((5, 3), (given.Y.Rows, given.Y.Columns));
        Assert.Equal(1f, given.Y[2, 2]);
        Assert.Equal(2f, given.Y.AsSpan().ToArray().Sum() - 1);
    }

    [Fact]
    public void A_gzip_file_reads_as_its_contents()
    {
        const string text = "1,2,0\n3,4,1\n";
        var plain = files.Write(text);
        var compressed = files.PathOf("data.csv.gz");
        using (var gzip = new GZipStream(File.Create(compressed), CompressionLevel.Optimal))
        {
            gzip.Write(System.Text.Encoding.UTF8.GetBytes(text));
        }

        var a = DataSet<double>.LoadCsv(plain);
        var b = DataSet<double>.LoadCsv(compressed);

        Assert.Equal(a.X.AsSpan().ToArray(), b.X.AsSpan().ToArray());
        Assert.Equal(a.Y.AsSpan().ToArray(), b.Y.AsSpan().ToArray());
    }

    [Fact]
    public void Numbers_are_read_in_the_invariant_culture_whatever_the_current_one()
    {
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            var data = DataSet<double>.LoadCsv(files.Write("1.5;2\n", "semicolons.csv"), new CsvOptions { Separator = ';' });
            var error = Assert.Throws<InvalidDataException>(() => DataSet<double>.LoadCsv(files.Write("1,5;2\n", "comma.csv"), new CsvOptions { Separator = ';' }));

            Assert.Equal(1.5, data.X[0, 0]);
            Assert.Contains("line 1, column 1: expected a number, but found \"1,5\"", error.Message);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Theory]
    [InlineData("1,2,1\n4,5\n", "line 2: expected 3 columns, as the first example has, but found 2.")]
    [InlineData("1,2,1\n4,5,6,7\n", "line 2: expected 3 columns, as the first example has, but found 4.")]
    [InlineData("h\n1,2,0\n4,x,1\n", "line 3, column 2: expected a number, but found \"x\".")]
    [InlineData("1,2,0\n4,,1\n", "line 2, column 2: expected a number, but the cell is empty.")]
    [InlineData("1,NaN,1\n", "line 1, column 2: expected a finite number, but found \"NaN\".")]
    [InlineData("1,-Infinity,1\n", "line 1, column 2: expected a finite number, but found \"-Infinity\".")]
    [InlineData("1,1e39,1\n", "line 1, column 2: expected a finite number, but found \"1e39\".")]
    [InlineData("1,\"2\",1\n", "line 1, column 2: expected a number, but found \"\"2\"\".")]
    [InlineData("1,2,1\n1,2,0.5\n", "line 2, column 3: expected a binary label 0 or 1, but found \"0.5\".")]
    public void A_bad_line_names_the_file_line_column_and_what_was_expected_and_found(string text, string message)
    {
        var path = files.Write(text);

        var error = Assert.Throws<InvalidDataException>(() => DataSet<float>.LoadCsv(path, new CsvOptions { HeaderLines = text.StartsWith('h') ? 1 : 0, Labels = LabelEncoding.Binary }));

        Assert.Equal($"{path}, {message}", error.Message);
    }

    [Theory]
    [InlineData("1,2.5\n", null, "line 1, column 2: expected a class 0, 1, 2 …, but found \"2.5\".")]
    [InlineData("1,-1\n", null, "line 1, column 2: expected a class 0, 1, 2 …, but found \"-1\".")]
    [InlineData("1,0\n1,3\n", 3, "line 2, column 2: expected a class 0 … 2, but found \"3\".")]
    public void A_class_outside_the_classes_is_refused(string text, int? classes, string message)
    {
        var path = files.Write(text);

        var error = Assert.Throws<InvalidDataException>(() => DataSet<double>.LoadCsv(path, new CsvOptions { Labels = LabelEncoding.OneHot, Classes = classes }));

        Assert.Equal($"{path}, {message}", error.Message);
    }

    [Theory]
    [InlineData("", 0, "its 0 line(s) are header lines (the options skip 0) or blank.")]
    [InlineData("a,b\n\n", 1, "its 2 line(s) are header lines (the options skip 1) or blank.")]
    [InlineData("a,b\n", 3, "its 1 line(s) are header lines (the options skip 3) or blank.")]
    public void A_file_without_examples_is_refused(string text, int headerLines, string message)
    {
        var path = files.Write(text);

        var error = Assert.Throws<InvalidDataException>(() => DataSet<double>.LoadCsv(path, new CsvOptions { HeaderLines = headerLines }));

        Assert.Equal($"{path} holds no examples: {message}", error.Message);
    }

    [Fact]
    public void Options_that_cannot_apply_are_refused_naming_what_is_wrong()
    {
        var path = files.Write("1,2\n");

        Assert.Equal("options.HeaderLines", Assert.Throws<ArgumentOutOfRangeException>(() => DataSet<double>.LoadCsv(path, new CsvOptions { HeaderLines = -1 })).ParamName);
        Assert.Contains("names 2", Assert.Throws<ArgumentException>(() => DataSet<double>.LoadCsv(path, new CsvOptions { Labels = LabelEncoding.OneHot, LabelColumns = [0, 1] })).Message);
        Assert.Contains("only one-hot labels have classes", Assert.Throws<ArgumentException>(() => DataSet<double>.LoadCsv(path, new CsvOptions { Classes = 3 })).Message);
        Assert.Contains("the label column ^3 is outside the 2 columns", Assert.Throws<ArgumentException>(() => DataSet<double>.LoadCsv(path, new CsvOptions { LabelColumns = [^3] })).Message);
        Assert.Contains("the label columns name column 1 twice", Assert.Throws<ArgumentException>(() => DataSet<double>.LoadCsv(path, new CsvOptions { LabelColumns = [1, ^1] })).Message);
        Assert.Contains("leaves no feature", Assert.Throws<ArgumentException>(() => DataSet<double>.LoadCsv(path, new CsvOptions { LabelColumns = [0, 1] })).Message);
    }

    [Fact]
    public void X_and_Y_must_have_as_many_examples()
    {
        var error = Assert.Throws<ArgumentException>(() => new DataSet<double>(new Matrix<double>(2, 3), new Matrix<double>(1, 4)));

        Assert.Equal("Y", error.ParamName);
    }

    [Theory]
    [InlineData("breast_cancer.csv", 1, LabelEncoding.Binary, 30, 1, 114, 455)]
    [InlineData("digits.csv.gz", 0, LabelEncoding.OneHot, 64, 10, 360, 1437)]
    [InlineData("diabetes.csv", 1, LabelEncoding.Values, 10, 1, 89, 353)]
    public void The_shared_split_of_the_real_files_has_the_shared_counts(string file, int headerLines, LabelEncoding labels, int features, int outputs, int test, int train)
    {
        var data = DataSet<float>.LoadCsv(DataFiles.Sample(file), new CsvOptions { HeaderLines = headerLines, Labels = labels });

        var split = data.SplitEvery(5);

        Assert.Equal((features, outputs, test + train), (data.X.Rows, data.Y.Rows, data.Count));
        Assert.Equal((test, train), (split.Test.Count, split.Train.Count));
        // Test example 1 is example 5; training examples are 1, 2, 3, 4, 6 …, so training example 4 is example 6.
        Assert.Equal(Column(data.X, 5), Column(split.Test.X, 1));
        Assert.Equal(Column(data.Y, 6), Column(split.Train.Y, 4));
    }

    [Fact]
    public void The_shuffled_split_is_a_seeded_permutation()
    {
        var X = new Matrix<double>(1, 50);
        for (var j = 0; j < 50; j++)
        {
            X[0, j] = j;
        }

        var data = new DataSet<double>(X, X.Clone());

        var (train, test) = data.Split(0.21, seed: 3);
        var again = data.Split(0.21, seed: 3);
        var other = data.Split(0.21, seed: 4);

        // ⌈0.21 × 50⌉ = 11 test examples; together the two sets hold every example once, and X and Y stay paired.
        Assert.Equal((11, 39), (test.Count, train.Count));
        Assert.Equal(Enumerable.Range(0, 50).Select(j => (double)j), test.X.AsSpan().ToArray().Concat(train.X.AsSpan().ToArray()).Order());
        Assert.Equal(test.X.AsSpan().ToArray(), test.Y.AsSpan().ToArray());
        Assert.Equal(test.X.AsSpan().ToArray(), again.Test.X.AsSpan().ToArray());
        Assert.Equal(train.X.AsSpan().ToArray(), again.Train.X.AsSpan().ToArray());
        Assert.NotEqual(test.X.AsSpan().ToArray(), other.Test.X.AsSpan().ToArray());
        Assert.NotEqual(Enumerable.Range(0, 11).Select(j => (double)j), test.X.AsSpan().ToArray());
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    [InlineData(0.99)]
    public void A_test_fraction_that_leaves_an_empty_set_is_refused(double fraction)
    {
        var data = new DataSet<double>(new Matrix<double>(1, 10), new Matrix<double>(1, 10));

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => data.Split(fraction, seed: 0));

        Assert.Equal("testFraction", error.ParamName);
    }

    [Fact]
    public void SplitEvery_needs_at_least_2()
    {
        var data = new DataSet<double>(new Matrix<double>(1, 10), new Matrix<double>(1, 10));

        Assert.Equal("every", Assert.Throws<ArgumentOutOfRangeException>(() => data.SplitEvery(1)).ParamName);
    }

    private static float[] Column(Matrix<float> matrix, int j) => Enumerable.Range(0, matrix.Rows).Select(i => matrix[i, j]).ToArray();
}
