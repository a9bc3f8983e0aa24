// NetGen digits sample: 8×8 handwritten digits, 64 → 64 ReLU (dropout) → 10 softmax, trained with Adam on mini-batches,
// with L2 regularization. Prints the test accuracy and the confusion matrix, draws the confusion matrix and the
// misclassified test digits, saves and reloads the parameters, and compares a bfloat16 copy for serving.
using NetGen;
using NetGen.Samples;
using ScottPlot;

const int Seed = 1;
const int Classes = 10;

var (train, test) = DataSet<float>.LoadCsv(Path.Combine(AppContext.BaseDirectory, "data", "digits.csv.gz"),
                                            new CsvOptions { Labels = LabelEncoding.OneHot, Classes = Classes }).SplitEvery(5);
// Fitted on the training set only, and applied to both sets; the raw test images are kept, to be drawn.
var standardizer = Standardizer.Fit(train.X);
standardizer.Transform(train.X);
var (trainX, trainY) = train;
var testX = new Matrix<float>(test.X.Rows, test.X.Columns);
standardizer.Transform(test.X, testX);
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

var evaluation = network.Evaluate(testX, test.Y);
var confusion = evaluation.Classification!.ConfusionMatrix!;
var predictions = network.PredictClasses(testX);
Console.WriteLine($"train accuracy: {network.Evaluate(trainX, trainY).Metric:F4}");
Console.WriteLine($"test accuracy: {evaluation.Metric:F4}");
Console.WriteLine($"confusion matrix on the test set, {confusion}");
DrawConfusionMatrix(confusion);
DrawMisclassified(test, predictions);

// The trained parameters survive a round trip through a file exactly.
var path = Path.Combine(Path.GetTempPath(), "digits.ngp");
network.Save(path);
var reloaded = new DigitClassifier(seed: 0);
reloaded.Load(path);
var agreeing = reloaded.PredictClasses(testX).Zip(predictions).Count(pair => pair.First == pair.Second);
Console.WriteLine($"saved to {path}; reloaded network agrees on {(double)agreeing / test.Count:P0} of the test set");

// For serving one example at a time: a copy with its weights rounded to bfloat16 streams half the bytes per prediction
// (docs/performance.md, "Speed II: single-example latency and serving"). It is opt-in because its outputs differ a
// little from the network's.
var compact = new BFloat16Predictor(network);
var (pixels, probabilities) = (new float[DigitClassifier.InputSize], new float[Classes]);
var agreeingCompact = 0;
for (var j = 0; j < test.Count; j++)
{
    for (var i = 0; i < pixels.Length; i++)
    {
        pixels[i] = testX[i, j];
    }

    compact.Predict(pixels, probabilities);
    agreeingCompact += Array.IndexOf(probabilities, probabilities.Max()) == predictions[j] ? 1 : 0;
}

Console.WriteLine($"bfloat16 copy for single-example serving predicts the network's class for {agreeingCompact} of {test.Count} test digits");

// A heatmap with the count written in every cell; actual digit a is row a from the top, predicted digit p column p.
static void DrawConfusionMatrix(ConfusionMatrix counts)
{
    var plot = Figures.Create("Digits: confusion matrix on the test set", "predicted digit", "actual digit");
    var intensities = new double[Classes, Classes];
    for (var a = 0; a < Classes; a++)
    {
        for (var p = 0; p < Classes; p++)
        {
            intensities[a, p] = counts[a, p];
        }
    }

    var heatmap = plot.Add.Heatmap(intensities);
    heatmap.Colormap = new ScottPlot.Colormaps.Reversed(new ScottPlot.Colormaps.Blues());
    // Cell centres on whole coordinates, so that column p is at x = p.
    heatmap.Position = new CoordinateRect(0, Classes - 1, 0, Classes - 1);
    var darkest = intensities.Cast<double>().Max();
    for (var a = 0; a < Classes; a++)
    {
        for (var p = 0; p < Classes; p++)
        {
            var label = plot.Add.Text(counts[a, p].ToString(), p, Classes - 1 - a);
            label.LabelAlignment = Alignment.MiddleCenter;
            label.LabelFontSize = 16;
            // White on the dark cells, black on the light ones.
            label.LabelFontColor = counts[a, p] > darkest / 2 ? Colors.White : Colors.Black;
        }
    }

    var digits = Enumerable.Range(0, Classes).ToArray();
    plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(digits.Select(d => (double)d).ToArray(), digits.Select(d => d.ToString()).ToArray());
    plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(digits.Select(d => (double)(Classes - 1 - d)).ToArray(), digits.Select(d => d.ToString()).ToArray());
    plot.Axes.Bottom.TickLabelStyle.FontSize = 14;
    plot.Axes.Left.TickLabelStyle.FontSize = 14;
    plot.Axes.SetLimits(-0.5, Classes - 0.5, -0.5, Classes - 0.5);
    plot.Add.ColorBar(heatmap);
    plot.HideGrid();
    Figures.Save(plot, "confusion-matrix.png", "confusion matrix", width: 700, height: 600);
}

// Every misclassified test digit as its 8×8 image (the raw intensities 0..16, one column of X), under its true and
// predicted labels.
static void DrawMisclassified(DataSet<float> test, int[] predicted)
{
    var (images, labels) = test;
    var actual = Enumerable.Range(0, test.Count).Select(j => Enumerable.Range(0, Classes).Single(c => labels[c, j] == 1)).ToArray();
    var wrong = Enumerable.Range(0, test.Count).Where(j => predicted[j] != actual[j]).ToArray();
    const int Columns = 6;
    const double Cell = 8, Gap = 2, LabelHeight = 3;
    var plot = Figures.Create($"Digits: the {wrong.Length} misclassified test digits", "", "");
    for (var k = 0; k < wrong.Length; k++)
    {
        var (row, column) = Math.DivRem(k, Columns);
        var left = column * (Cell + Gap);
        var top = -row * (Cell + Gap + LabelHeight);
        var pixels = new double[8, 8];
        for (var y = 0; y < 8; y++)
        {
            for (var x = 0; x < 8; x++)
            {
                pixels[y, x] = images[(8 * y) + x, wrong[k]];
            }
        }

        var image = plot.Add.Heatmap(pixels);
        image.Colormap = new ScottPlot.Colormaps.GrayscaleReversed();
        image.ManualRange = new ScottPlot.Range(0, 16);
        image.Rectangle = new CoordinateRect(left, left + Cell, top - Cell, top);
        var label = plot.Add.Text($"true {actual[wrong[k]]}, predicted {predicted[wrong[k]]}", left + (Cell / 2), top + 0.5);
        label.LabelAlignment = Alignment.LowerCenter;
        label.LabelFontSize = 13;
    }

    // Axes say nothing here; the title does. The image is sized to the grid (14 pixels a unit) plus the title.
    plot.HideAxesAndGrid();
    plot.Axes.Title.IsVisible = true;
    var rows = (wrong.Length + Columns - 1) / Columns;
    var (right, bottom) = ((Columns * (Cell + Gap)) - Gap, -(rows * (Cell + Gap + LabelHeight)) + Gap + LabelHeight);
    plot.Axes.SetLimits(-1, right + 1, bottom - 1, LabelHeight);
    plot.Axes.SquareUnits();
    Figures.Save(plot, "misclassified-digits.png", "misclassified test digits", width: (int)((right + 2) * 14), height: 50 + (int)((LabelHeight + 1 - bottom) * 14));
}

[Network(Inputs = 64)]
[Dense(64, Activation.ReLU, Dropout = 0.2)]
[Dense(10, Activation.Softmax)]
public partial class DigitClassifier;
