// NetGen planar flower: the classic 2-D data set of deeplearning.ai's "planar data classification with one hidden layer",
// two interleaved classes in the shape of a four-petalled flower, which no straight line separates. A network with one
// hidden layer of 4 tanh units, trained by full-batch gradient descent, bends its decision boundary around the petals.
using NetGen;
using NetGen.Samples;
using ScottPlot;

const int DataSeed = 1;
// Of the network seeds 0 to 7, two (0 and 1) leave gradient descent in a poorer optimum (cost 0.46, train accuracy 0.70,
// three petals of one class cut by a straight line); the other six end at cost 0.18–0.19 and 0.94 train accuracy.
// Chosen by the training cost: the first seed that does not get stuck.
const int NetworkSeed = 2;
const int Iterations = 10_000;
const float LearningRate = 1.2f;

var (train, test) = Flower(examples: 400, petals: 4, seed: DataSeed).SplitEvery(5);
var (trainX, trainY) = train;
Console.WriteLine($"planar flower: {train.Count} training and {test.Count} test points (the shared split), 2 features");
Console.WriteLine($"network: {FlowerClassifier.Architecture}, {FlowerClassifier.ParameterCount} parameters");

var network = new FlowerClassifier(NetworkSeed);
network.Fit(trainX, trainY, Iterations, LearningRate, progressInterval: 1000,
            progress: (iteration, cost) => Console.WriteLine($"cost after iteration {iteration}: {cost:F6}"));

Console.WriteLine($"train accuracy: {network.Evaluate(trainX, trainY).Metric:F4}");
Console.WriteLine($"test accuracy: {network.Evaluate(test.X, test.Y).Metric:F4}");
DrawDecisionBoundary(network, train, test);

// load_planar_dataset of the course: class j's points lie along θ ∈ [3.12 j, 3.12 (j + 1)] on the rose r = a sin(4θ),
// both with Gaussian noise of standard deviation 0.2; a point is (r sin θ, r cos θ). Its m = 400, N = 200 per class, a = 4.
static DataSet<float> Flower(int examples, double petals, int seed)
{
    var random = new Random(seed);
    var perClass = examples / 2;
    var (X, Y) = (new Matrix<float>(2, examples), new Matrix<float>(1, examples));
    for (var j = 0; j < 2; j++)
    {
        for (var i = 0; i < perClass; i++)
        {
            var theta = (j * 3.12) + (3.12 * i / (perClass - 1)) + (0.2 * Gaussian(random));
            var r = (petals * Math.Sin(4 * theta)) + (0.2 * Gaussian(random));
            var example = (j * perClass) + i;
            (X[0, example], X[1, example], Y[0, example]) = ((float)(r * Math.Sin(theta)), (float)(r * Math.Cos(theta)), j);
        }
    }

    return new DataSet<float>(X, Y);
}

// A standard normal draw (Box–Muller).
static double Gaussian(Random random) =>
    Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

// The predicted class over a fine grid, as filled regions (the 0.5 contour of the output is their border), with the
// points on top: training points filled, test points hollow.
static void DrawDecisionBoundary(FlowerClassifier network, DataSet<float> train, DataSet<float> test)
{
    const int Steps = 400;
    // A square around the points, so that both axes have the same scale.
    var extent = Math.Max(MaxAbs(train.X), MaxAbs(test.X)) + 0.5;
    var (left, right, bottom, top) = (-extent, extent, -extent, extent);
    double X(int column) => left + ((right - left) * column / (Steps - 1));
    double Y(int row) => top - ((top - bottom) * row / (Steps - 1));

    // One prediction for the whole grid; row 0 of the heatmap is its top.
    var grid = Matrix<float>.FromExamples(
        Enumerable.Range(0, Steps * Steps).Select(k => new[] { (float)X(k % Steps), (float)Y(k / Steps) }).ToArray());
    var predicted = network.PredictClasses(grid);
    var classes = new double[Steps, Steps];
    for (var k = 0; k < Steps * Steps; k++)
    {
        classes[k / Steps, k % Steps] = predicted[k];
    }

    Color[] light = [Color.FromHex("#F4B6B6"), Color.FromHex("#B6CCF4")];
    Color[] dark = [Color.FromHex("#C62828"), Color.FromHex("#1E4FB4")];
    var plot = Figures.Create("Planar flower: decision boundary of 2 → 4 tanh → 1 sigmoid", "x₁", "x₂");
    var regions = plot.Add.Heatmap(classes);
    regions.Colormap = new ScottPlot.Colormaps.CustomInterpolated(light);
    regions.Position = new CoordinateRect(left, right, bottom, top);
    foreach (var (set, name, filled) in new[] { (train, "training", true), (test, "test", false) })
    {
        for (var label = 0; label < 2; label++)
        {
            var members = Enumerable.Range(0, set.Count).Where(j => set.Y[0, j] == label).ToArray();
            var scatter = plot.Add.ScatterPoints(members.Select(j => (double)set.X[0, j]).ToArray(), members.Select(j => (double)set.X[1, j]).ToArray(), dark[label]);
            scatter.MarkerShape = filled ? MarkerShape.FilledCircle : MarkerShape.OpenCircle;
            scatter.MarkerSize = 7;
            scatter.LegendText = $"class {label}, {name}";
        }
    }

    plot.Axes.SetLimits(left, right, bottom, top);
    plot.ShowLegend(Edge.Right);
    Figures.Save(plot, "decision-boundary.png", "decision boundary", width: 900, height: 700);
}

static double MaxAbs(Matrix<float> X) =>
    Enumerable.Range(0, X.Rows).SelectMany(i => Enumerable.Range(0, X.Columns).Select(j => Math.Abs((double)X[i, j]))).Max();

[Network(Inputs = 2)]
[Dense(4, Activation.Tanh)]
[Dense(1, Activation.Sigmoid)]
public partial class FlowerClassifier;
