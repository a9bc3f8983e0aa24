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
/// number of threads at once, see docs/reliability.md), and the training set's standardization, so that clients send
/// the raw features of the data set.
/// </summary>
public sealed class TumorModel
{
    /// <summary>The class names, by class index (samples/data/README.md): 0 = malignant, 1 = benign.</summary>
    public static readonly IReadOnlyList<string> ClassNames = ["malignant", "benign"];

    private readonly TumorClassifier network;
    private readonly Standardization standardization;

    private TumorModel(TumorClassifier network, Standardization standardization, DataSet rawTest)
    {
        this.network = network;
        this.standardization = standardization;
        TestAccuracy = (double)PredictBatch(rawTest.Features).Zip(rawTest.Labels).Count(pair => pair.First.Class == pair.Second) / rawTest.Count;
        Example = rawTest.Features[0];
    }

    /// <summary>The share of the test split (samples/data/README.md) the network classifies correctly.</summary>
    public double TestAccuracy { get; }

    /// <summary>The raw features of the first test example, for the curl example printed at start.</summary>
    public float[] Example { get; }

    /// <summary>
    /// Loads the parameters from <paramref name="parameterFile"/>, or, when there is no such file, trains the network as
    /// the quickstart does and saves it there. A file that does not load (another architecture, damaged) is an error,
    /// never overwritten.
    /// </summary>
    /// <param name="parameterFile">The parameter file.</param>
    /// <param name="dataFile">The breast cancer CSV file, whose training split gives the standardization (and the training data).</param>
    /// <param name="log">Receives what happened: loaded, or trained and saved.</param>
    public static TumorModel LoadOrTrain(string parameterFile, string dataFile, Action<string> log)
    {
        var (rawTrain, rawTest) = DataSet.LoadCsv(dataFile, headerLines: 1).Split();
        var standardization = Standardization.Of(rawTrain);
        var network = new TumorClassifier(seed: 1);
        if (File.Exists(parameterFile))
        {
            network.Load(parameterFile);
            log($"loaded {TumorClassifier.Architecture} from {parameterFile}");
        }
        else
        {
            // The quickstart's training: full-batch gradient descent from seed 1.
            var train = rawTrain.StandardizeWith(rawTrain);
            network.Fit(train.Inputs(), train.BinaryLabels(), iterations: 2500, learningRate: 0.075f);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(parameterFile))!);
            network.Save(parameterFile);
            log($"trained {TumorClassifier.Architecture} and saved it to {parameterFile}");
        }

        return new TumorModel(network, standardization, rawTest);
    }

    /// <summary>The prediction for one example of raw features (its length already checked).</summary>
    public Prediction Predict(float[] features)
    {
        Span<float> output = stackalloc float[TumorClassifier.OutputSize];
        network.Predict(standardization.Apply(features), output);
        return Prediction.Of(output[0]);
    }

    /// <summary>The predictions for a batch of examples of raw features (their lengths already checked), in one call.</summary>
    public Prediction[] PredictBatch(IReadOnlyList<float[]> examples)
    {
        var probabilities = network.Predict(Matrix<float>.FromExamples(examples.Select(standardization.Apply).ToArray()));
        return Enumerable.Range(0, probabilities.Columns).Select(j => Prediction.Of(probabilities[0, j])).ToArray();
    }
}
