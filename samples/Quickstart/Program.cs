// NetGen quickstart: the textbook L-layer network [30, 20, 7, 5, 1] on the Breast Cancer Wisconsin data set.
// The class below is all the network code there is: the build generates the rest (see obj/generated after a build).
// Training shows a live progress bar; the cost of every iteration is drawn as a learning curve (images/learning-curve.png).
using System.Globalization;
using NetGen;
using NetGen.Samples;
using Spectre.Console;

const int Seed = 1;
const int Iterations = 2500;
const double LearningRate = 0.075;

var (train, test) = DataSet<float>.LoadCsv(Path.Combine(AppContext.BaseDirectory, "data", "breast_cancer.csv"),
                                            new CsvOptions { HeaderLines = 1, Labels = LabelEncoding.Binary }).SplitEvery(5);
// Fitted on the training set only, and applied to both sets.
var standardizer = Standardizer.Fit(train.X);
standardizer.Transform(train.X);
standardizer.Transform(test.X);
var (trainX, trainY) = train;
Console.WriteLine($"breast cancer: {train.Count} training and {test.Count} test examples, {TumorClassifier.InputSize} features");
Console.WriteLine($"network: {string.Join(" → ", TumorClassifier.Layers.Select(l => $"Dense({l.Units}, {l.Activation})"))}, {TumorClassifier.ParameterCount} parameters");

var network = new TumorClassifier(Seed);
var costs = new float[Iterations];
// A live bar on a terminal; redirected (as in CI), Spectre.Console prints plain lines instead of redrawing.
AnsiConsole.Progress()
    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
    .Start(context =>
    {
        var task = context.AddTask("training", maxValue: Iterations);
        network.Fit(trainX, trainY, Iterations, LearningRate, progressInterval: 1, progress: (iteration, cost) =>
        {
            costs[iteration] = cost;
            task.Value = iteration + 1;
            if (iteration % 100 == 0 || iteration == Iterations - 1)
            {
                AnsiConsole.WriteLine($"cost after iteration {iteration}: {cost:F6}");
            }
        });
    });

Console.WriteLine($"train accuracy: {network.Evaluate(trainX, trainY).Metric:F4}");
Console.WriteLine($"test accuracy: {network.Evaluate(test.X, test.Y).Metric:F4}");

// On a log scale, since the cost falls a thousandfold and most of the fall is in the first hundred iterations.
var sizes = string.Join(", ", TumorClassifier.Layers.Select(l => l.Units).Prepend(TumorClassifier.InputSize));
var curve = Figures.Create($"Learning curve: [{sizes}], gradient descent, α = {LearningRate}", "iteration", "cost J (binary cross-entropy, log scale)");
var line = curve.Add.ScatterLine(Enumerable.Range(0, Iterations).Select(i => (double)i).ToArray(), costs.Select(c => Math.Log10(c)).ToArray());
line.LineWidth = 2;
curve.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
{
    LabelFormatter = exponent => Math.Pow(10, exponent).ToString("G3", CultureInfo.InvariantCulture),
    MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
    IntegerTicksOnly = true,
};
curve.Axes.SetLimitsX(0, Iterations);
Figures.Save(curve, "learning-curve.png", "learning curve: the cost of every iteration");

[Network(Inputs = 30)]
[Dense(20, Activation.ReLU)]
[Dense(7, Activation.ReLU)]
[Dense(5, Activation.ReLU)]
[Dense(1, Activation.Sigmoid)]
public partial class TumorClassifier;
