// NetGen digits sample: 8×8 handwritten digits, 64 → 64 ReLU (dropout) → 10 softmax, trained with Adam on mini-batches,
// with L2 regularization. Prints the test accuracy and the confusion matrix, then saves and reloads the parameters.
using NetGen;
using NetGen.Samples;

const int Seed = 1;
const int Classes = 10;

var (rawTrain, rawTest) = DataSet.LoadCsv(Path.Combine(AppContext.BaseDirectory, "data", "digits.csv.gz")).Split();
var (train, test) = (rawTrain.StandardizeWith(rawTrain), rawTest.StandardizeWith(rawTrain));
var (trainX, trainY) = (train.Inputs(), train.OneHotLabels(Classes));
var (testX, testY) = (test.Inputs(), test.OneHotLabels(Classes));
Console.WriteLine($"digits: {train.Count} training and {test.Count} test examples, {DigitClassifier.InputSize} features");
Console.WriteLine($"network: {DigitClassifier.Architecture}, {DigitClassifier.ParameterCount} parameters");

var network = new DigitClassifier(Seed) { L2Regularization = 0.05 };
var options = new TrainingOptions
{
    Optimizer = new Adam(learningRate: 0.002),
    Epochs = 60,
    BatchSize = 32,
    Seed = Seed,
    Schedule = LearningRateSchedule.Step(every: 20, factor: 0.5),
};
network.Fit(trainX, trainY, options, progress: (epoch, cost) =>
{
    if (epoch % 10 == 0 || epoch == options.Epochs - 1)
    {
        Console.WriteLine($"cost after epoch {epoch}: {cost:F6}");
    }

    return true;
});

var predictions = Classify(network.Predict(testX));
Console.WriteLine($"train accuracy: {Accuracy(Classify(network.Predict(trainX)), train.Labels):F4}");
Console.WriteLine($"test accuracy: {Accuracy(predictions, test.Labels):F4}");
PrintConfusionMatrix(predictions, test.Labels);

// The trained parameters survive a round trip through a file exactly.
var path = Path.Combine(Path.GetTempPath(), "digits.ngp");
network.Save(path);
var reloaded = new DigitClassifier(seed: 0);
reloaded.Load(path);
Console.WriteLine($"saved to {path}; reloaded network agrees on {Accuracy(Classify(reloaded.Predict(testX)), predictions):P0} of the test set");

// The class with the highest probability, for each column.
static int[] Classify(Matrix<float> probabilities) =>
    Enumerable.Range(0, probabilities.Columns)
        .Select(j => Enumerable.Range(0, probabilities.Rows).MaxBy(i => probabilities[i, j]))
        .ToArray();

static double Accuracy(int[] predicted, int[] actual) =>
    (double)predicted.Zip(actual).Count(pair => pair.First == pair.Second) / actual.Length;

static void PrintConfusionMatrix(int[] predicted, int[] actual)
{
    var counts = new int[Classes, Classes];
    foreach (var (p, a) in predicted.Zip(actual))
    {
        counts[a, p]++;
    }

    Console.WriteLine("confusion matrix (rows: actual digit, columns: predicted digit)");
    Console.WriteLine("     " + string.Concat(Enumerable.Range(0, Classes).Select(c => $"{c,4}")));
    for (var a = 0; a < Classes; a++)
    {
        Console.WriteLine($"{a,4} " + string.Concat(Enumerable.Range(0, Classes).Select(p => $"{counts[a, p],4}")));
    }
}

[Network(Inputs = 64)]
[Dense(64, Activation.ReLU, Dropout = 0.2)]
[Dense(10, Activation.Softmax)]
public partial class DigitClassifier;
