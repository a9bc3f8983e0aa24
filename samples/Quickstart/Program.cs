// NetGen quickstart: the textbook L-layer network [30, 20, 7, 5, 1] on the Breast Cancer Wisconsin data set.
// The class below is all the network code there is: the build generates the rest (see obj/generated after a build).
using NetGen;
using NetGen.Samples;

const int Seed = 1;
const int Iterations = 2500;
const double LearningRate = 0.075;

var (rawTrain, rawTest) = DataSet.LoadCsv(Path.Combine(AppContext.BaseDirectory, "data", "breast_cancer.csv"), headerLines: 1).Split();
var (train, test) = (rawTrain.StandardizeWith(rawTrain), rawTest.StandardizeWith(rawTrain));
var (trainX, trainY) = (train.Inputs(), train.BinaryLabels());
var (testX, testY) = (test.Inputs(), test.BinaryLabels());
Console.WriteLine($"breast cancer: {train.Count} training and {test.Count} test examples, {TumorClassifier.InputSize} features");
Console.WriteLine($"network: {string.Join(" → ", TumorClassifier.Layers.Select(l => $"Dense({l.Units}, {l.Activation})"))}, {TumorClassifier.ParameterCount} parameters");

var network = new TumorClassifier(Seed);
network.Fit(trainX, trainY, Iterations, LearningRate, progress: (iteration, cost) => Console.WriteLine($"cost after iteration {iteration}: {cost:F6}"));

Console.WriteLine($"train accuracy: {Accuracy(network.Predict(trainX), trainY):F4}");
Console.WriteLine($"test accuracy: {Accuracy(network.Predict(testX), testY):F4}");

// The share of examples whose output, thresholded at 0.5, equals the label.
static double Accuracy(Matrix<float> outputs, Matrix<float> labels)
{
    var correct = 0;
    for (var j = 0; j < labels.Columns; j++)
    {
        correct += (outputs[0, j] > 0.5f ? 1f : 0f) == labels[0, j] ? 1 : 0;
    }

    return (double)correct / labels.Columns;
}

[Network(Inputs = 30)]
[Dense(20, Activation.ReLU)]
[Dense(7, Activation.ReLU)]
[Dense(5, Activation.ReLU)]
[Dense(1, Activation.Sigmoid)]
public partial class TumorClassifier;
