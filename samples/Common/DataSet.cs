using System.Globalization;
using NetGen;

namespace NetGen.Samples;

/// <summary>
/// A labelled data set as it arrives: one example per row. Loads the shared CSV files, splits them the way every
/// language reproduces (see data/README.md) and standardizes the features.
/// </summary>
/// <param name="Features">One array of features per example.</param>
/// <param name="Labels">One label per example.</param>
public sealed record DataSet(float[][] Features, int[] Labels)
{
    public int Count => Labels.Length;

    /// <summary>Reads rows of comma-separated numbers whose last column is the label, skipping <paramref name="headerLines"/> lines.</summary>
    public static DataSet LoadCsv(string path, int headerLines = 0)
    {
        var lines = ReadLines(path).Skip(headerLines).Where(line => line.Length > 0).ToArray();
        var features = new float[lines.Length][];
        var labels = new int[lines.Length];
        for (var i = 0; i < lines.Length; i++)
        {
            var fields = lines[i].Split(',');
            features[i] = fields[..^1].Select(f => float.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            labels[i] = (int)float.Parse(fields[^1], CultureInfo.InvariantCulture);
        }

        return new DataSet(features, labels);
    }

    /// <summary>The shared split: every row whose 0-based index is a multiple of 5 is a test example.</summary>
    public (DataSet Train, DataSet Test) Split()
    {
        var test = Enumerable.Range(0, Count).Where(i => i % 5 == 0).ToArray();
        var train = Enumerable.Range(0, Count).Where(i => i % 5 != 0).ToArray();
        return (Select(train), Select(test));
    }

    /// <summary>
    /// Standardizes every feature with the mean and (population) standard deviation of <paramref name="reference"/>,
    /// the training set; a feature whose standard deviation is 0 is left unscaled.
    /// </summary>
    public DataSet StandardizeWith(DataSet reference)
    {
        var standardization = Standardization.Of(reference);
        return this with { Features = Features.Select(standardization.Apply).ToArray() };
    }

    /// <summary>X: features × examples, one column per example.</summary>
    public Matrix<float> Inputs() => Matrix<float>.FromExamples(Features);

    /// <summary>Y for a binary label: 1 × examples.</summary>
    public Matrix<float> BinaryLabels() => Matrix<float>.FromLabels(Labels.Select(label => (float)label).ToArray());

    /// <summary>Y for a label among <paramref name="classes"/> classes: one-hot, classes × examples.</summary>
    public Matrix<float> OneHotLabels(int classes) => Matrix<float>.OneHot(Labels, classes);

    private DataSet Select(int[] rows) => new(rows.Select(i => Features[i]).ToArray(), rows.Select(i => Labels[i]).ToArray());

    private static IEnumerable<string> ReadLines(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new StreamReader(path.EndsWith(".gz", StringComparison.Ordinal)
            ? new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionMode.Decompress)
            : stream);
        while (reader.ReadLine() is { } line)
        {
            yield return line.Trim();
        }
    }
}

/// <summary>
/// The mean and (population) standard deviation of every feature of a reference set, the training set, which
/// standardize examples as training saw them: (x − mean) / deviation, or x − mean where the deviation is 0.
/// </summary>
/// <param name="Mean">The mean of each feature.</param>
/// <param name="Deviation">The standard deviation of each feature.</param>
public sealed record Standardization(double[] Mean, double[] Deviation)
{
    /// <summary>The statistics of <paramref name="reference"/>'s features.</summary>
    public static Standardization Of(DataSet reference)
    {
        var columns = reference.Features[0].Length;
        var mean = new double[columns];
        var deviation = new double[columns];
        for (var j = 0; j < columns; j++)
        {
            mean[j] = reference.Features.Average(row => (double)row[j]);
            deviation[j] = Math.Sqrt(reference.Features.Average(row => (row[j] - mean[j]) * (row[j] - mean[j])));
        }

        return new Standardization(mean, deviation);
    }

    /// <summary>One example, standardized.</summary>
    public float[] Apply(float[] row)
    {
        var scaled = new float[row.Length];
        for (var j = 0; j < row.Length; j++)
        {
            scaled[j] = (float)(Deviation[j] == 0 ? row[j] - Mean[j] : (row[j] - Mean[j]) / Deviation[j]);
        }

        return scaled;
    }
}
