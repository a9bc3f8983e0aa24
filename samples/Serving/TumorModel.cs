using NetGen;

namespace NetGen.Samples.Serving;

/// <summary>The quickstart's network [30, 20, 7, 5, 1]: the probability that a tumor is benign, from 30 standardized features.</summary>
[Network(Inputs = 30)]
[Dense(20, Activation.ReLU)]
[Dense(7, Activation.ReLU)]
[Dense(5, Activation.ReLU)]
[Dense(1, Activation.Sigmoid)]
public partial class TumorClassifier;

/// <summary>
/// The served model: one trained <see cref="TumorClassifier"/>, shared by every request (prediction is safe from any
/// number of threads at once, see docs/reliability.md), and the <see cref="Standardizer"/> fitted on its training set,
/// so that clients send the raw features of the data set.
/// </summary>
public sealed class TumorModel
{
    /// <summary>The class names, by class index (samples/data/README.md): 0 = malignant, 1 = benign.</summary>
    public static readonly IReadOnlyList<string> ClassNames = ["malignant", "benign"];

    private readonly TumorClassifier network;
    private readonly Standardizer standardizer;

    private TumorModel(TumorClassifier network, Standardizer standardizer, DataSet<float> rawTest)
    {
        this.network = network;
        this.standardizer = standardizer;
        TestAccuracy = (double)Predictions(rawTest.X).Where((prediction, j) => prediction.Class == (int)rawTest.Y[0, j]).Count() / rawTest.Count;
        Example = Enumerable.Range(0, rawTest.X.Rows).Select(i => rawTest.X[i, 0]).ToArray();
    }

    /// <summary>The share of the test split (samples/data/README.md) the network classifies correctly.</summary>
    public double TestAccuracy { get; }

    /// <summary>The raw features of the first test example, for the curl example printed at start.</summary>
    public float[] Example { get; }

    /// <summary>
    /// Loads the parameters from <paramref name="parameterFile"/> and the standardizer from
    /// <paramref name="standardizerFile"/>, or, when neither file exists, trains the network as the quickstart does and
    /// saves both. A file that does not load (another architecture, damaged), or one of the two without the other, is
    /// an error, and no file is written: the standardizer is never recomputed for a saved network.
    /// </summary>
    /// <param name="parameterFile">The parameter file.</param>
    /// <param name="standardizerFile">The file of the training set's standardizer, written with the parameter file.</param>
    /// <param name="dataFile">The breast cancer CSV file: its training split to train on, its test split for <see cref="TestAccuracy"/>.</param>
    /// <param name="log">Receives what happened: loaded, or trained and saved.</param>
    /// <exception cref="FileNotFoundException">One of the two files exists without the other.</exception>
    /// <exception cref="InvalidDataException">A file does not load; the message says why.</exception>
    public static TumorModel LoadOrTrain(string parameterFile, string standardizerFile, string dataFile, Action<string> log)
    {
        var (train, test) = DataSet<float>.LoadCsv(dataFile, new CsvOptions { HeaderLines = 1, Labels = LabelEncoding.Binary }).SplitEvery(5);
        var network = new TumorClassifier(seed: 1);
        Standardizer standardizer;
        switch (File.Exists(parameterFile), File.Exists(standardizerFile))
        {
            case (true, true):
                network.Load(parameterFile);
                standardizer = Standardizer.Load(standardizerFile);
                log($"loaded {TumorClassifier.Architecture} from {parameterFile} and its standardizer from {standardizerFile}");
                break;
            case (false, false):
                // The quickstart's training: features standardized with the training split's statistics, then
                // full-batch gradient descent from seed 1.
                standardizer = Standardizer.Fit(train.X);
                standardizer.Transform(train.X);
                network.Fit(train.X, train.Y, iterations: 2500, learningRate: 0.075);
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(parameterFile))!);
                standardizer.Save(standardizerFile);
                network.Save(parameterFile);
                log($"trained {TumorClassifier.Architecture} and saved it to {parameterFile}, its standardizer to {standardizerFile}");
                break;
            case (var hasParameters, _):
                var (present, missing) = hasParameters ? (parameterFile, standardizerFile) : (standardizerFile, parameterFile);
                throw new FileNotFoundException(
                    $"{present} exists, but {missing} does not: the parameter file and the standardizer are saved together after training, " +
                    $"and neither is served without the other. Restore {missing}, or delete {present} to train both again.",
                    missing);
        }

        return new TumorModel(network, standardizer, test);
    }

    /// <summary>The prediction for one example of raw features (its length already checked), without allocating anything but the answer.</summary>
    public Prediction Predict(ReadOnlySpan<float> features)
    {
        Span<float> standardized = stackalloc float[TumorClassifier.InputSize];
        Span<float> output = stackalloc float[TumorClassifier.OutputSize];
        standardizer.Transform(features, standardized);
        network.Predict(standardized, output);
        return Prediction.Of(output[0]);
    }

    /// <summary>The predictions for a batch of examples of raw features (their lengths already checked), in one call.</summary>
    public Prediction[] PredictBatch(IReadOnlyList<float[]> examples) => Predictions(Matrix<float>.FromExamples(examples));

    /// <summary>The predictions for raw inputs X, features × m, in one call of the network.</summary>
    private Prediction[] Predictions(Matrix<float> rawX)
    {
        var probabilities = network.Predict(rawX, standardizer);
        return Enumerable.Range(0, probabilities.Columns).Select(j => Prediction.Of(probabilities[0, j])).ToArray();
    }
}
