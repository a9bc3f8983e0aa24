// NetGen regression sample: disease progression one year after baseline of 442 diabetes patients (Efron et al., 2004)
// from ten baseline variables, by a network with a linear output unit and the squared error. Features and target are
// standardized with the training set's statistics (predictions are scaled back), so one learning rate suits all weights.
// `dotnet run -c Release --project samples/Regression -- --search` reruns the search that chose the network and its
// training: five random 80/20 splits of the training set (seeds 0–4), in which the test set plays no part.
using NetGen;
using NetGen.Samples;
using ScottPlot;

const int Seed = 1;

var (train, test) = DataSet<float>.LoadCsv(Path.Combine(AppContext.BaseDirectory, "data", "diabetes.csv"), new CsvOptions { HeaderLines = 1 }).SplitEvery(5);
Candidate[] candidates =
[
    new("10 → 8 ReLU → 1", seed => new NarrowRegressor(seed)),
    new("10 → 32 ReLU → 1", seed => new WideRegressor(seed)),
    new("10 → 32 ReLU (dropout 0.3) → 1", seed => new DropoutRegressor(seed)),
    new("10 → 16 ReLU → 8 ReLU → 1", seed => new DeepRegressor(seed)),
];
if (args is ["--search"])
{
    Search(train, candidates);
    return;
}

// The search's best (mean validation R² 0.519; the first ten lie within 0.01 of one another, see --search).
var setting = new Setting(candidates[0], LearningRate: 0.01, L2: 1, Epochs: 50);
Console.WriteLine($"diabetes: {train.Count} training and {test.Count} test examples, 10 features");
Console.WriteLine($"network: {setting}");
var scaling = Scaling.Of(train);
var network = setting.Candidate.Create(Seed);
Train(network, setting, scaling, train, validation: null);
var predicted = scaling.Predict(network, test.X);
var metrics = RegressionMetrics.Compute(predicted, test.Y);
Console.WriteLine($"test RMSE: {metrics.RootMeanSquaredError:F2}");
Console.WriteLine($"test R2: {metrics.RSquared:F4}");
Draw(predicted, test.Y, metrics);

// Trains on standardized data; with validation data, the history holds its R² after every epoch.
static TrainingHistory Train(INetwork<float> network, Setting setting, Scaling scaling, DataSet<float> data, DataSet<float>? validation)
{
    network.L2Regularization = setting.L2;
    var options = new TrainingOptions { Optimizer = new Adam(setting.LearningRate), Epochs = setting.Epochs, BatchSize = 32, Seed = Seed };
    var (X, Y) = scaling.Standardize(data);
    if (validation is null)
    {
        return network.Fit(X, Y, options);
    }

    // R² is the same for standardized targets and predictions as in the target's own units.
    var (validationX, validationY) = scaling.Standardize(validation);
    return network.Fit(X, Y, options, validationX, validationY);
}

// Every candidate network with every learning rate and L2 strength, scored by its mean validation R² over five random
// 80/20 splits of the training set after 25, 50, 100, 200, 400 and 800 epochs (read from one run's history per split).
static void Search(DataSet<float> train, Candidate[] candidates)
{
    const int Splits = 5;
    int[] checkpoints = [25, 50, 100, 200, 400, 800];
    var results = new List<(Setting Setting, double R2)>();
    foreach (var candidate in candidates)
    {
        foreach (var learningRate in new[] { 0.001, 0.01 })
        {
            foreach (var l2 in new[] { 0.0, 0.3, 1, 3, 10 })
            {
                var r2 = new double[checkpoints.Length];
                for (var split = 0; split < Splits; split++)
                {
                    var (fit, validation) = train.Split(testFraction: 0.2, seed: split);
                    var history = Train(candidate.Create(Seed), new Setting(candidate, learningRate, l2, checkpoints[^1]), Scaling.Of(fit), fit, validation);
                    for (var c = 0; c < checkpoints.Length; c++)
                    {
                        r2[c] += history.Epochs[checkpoints[c] - 1].ValidationMetric / Splits;
                    }
                }

                results.AddRange(checkpoints.Select((epochs, c) => (new Setting(candidate, learningRate, l2, epochs), r2[c])));
            }
        }
    }

    Console.WriteLine($"mean validation R² over {Splits} random 80/20 splits of the training set, best first:");
    foreach (var (setting, r2) in results.OrderByDescending(result => result.R2).Take(15))
    {
        Console.WriteLine($"{r2,8:F4}  {setting}");
    }
}

// Each test patient as a point (actual, predicted); a perfect model puts every point on the line y = x.
static void Draw(Matrix<float> predicted, Matrix<float> actual, RegressionMetrics metrics)
{
    var (xs, ys) = (actual.Row(0).ToArray().Select(y => (double)y).ToArray(), predicted.Row(0).ToArray().Select(y => (double)y).ToArray());
    var plot = Figures.Create($"Diabetes progression, test set: RMSE {metrics.RootMeanSquaredError:F1}, R² {metrics.RSquared:F3}", "actual progression", "predicted progression");
    var (low, high) = (Math.Min(xs.Min(), ys.Min()) - 10, Math.Max(xs.Max(), ys.Max()) + 10);
    var identity = plot.Add.Line(low, low, high, high);
    identity.LineColor = Colors.DimGray;
    identity.LineWidth = 1.5f;
    identity.LinePattern = LinePattern.Dashed;
    identity.LegendText = "y = x";
    var points = plot.Add.ScatterPoints(xs, ys);
    points.MarkerSize = 7;
    points.LegendText = "test patients";
    plot.Axes.SetLimits(low, high, low, high);
    plot.Axes.SquareUnits();
    plot.ShowLegend(Alignment.UpperLeft);
    Figures.Save(plot, "predicted-vs-actual.png", "predicted against actual", width: 700, height: 700);
}

/// <summary>A network to try, created from a seed.</summary>
internal sealed record Candidate(string Name, Func<int, INetwork<float>> Create)
{
    public override string ToString() => Name;
}

/// <summary>A candidate with its training: Adam's learning rate, the L2 strength λ, the epochs (batches of 32).</summary>
internal sealed record Setting(Candidate Candidate, double LearningRate, double L2, int Epochs)
{
    public override string ToString() => $"{Candidate}, Adam α = {LearningRate}, λ = {L2}, {Epochs} epochs";
}

/// <summary>Standardization with the statistics of the data a network is fitted on, for the features and the target.</summary>
internal sealed record Scaling(Standardizer Features, Standardizer Target)
{
    public static Scaling Of(DataSet<float> data) => new(Standardizer.Fit(data.X), Standardizer.Fit(data.Y));

    /// <summary>Standardized copies of the features and targets of <paramref name="data"/>.</summary>
    public (Matrix<float> X, Matrix<float> Y) Standardize(DataSet<float> data)
    {
        var (X, Y) = (new Matrix<float>(data.X.Rows, data.Count), new Matrix<float>(data.Y.Rows, data.Count));
        Features.Transform(data.X, X);
        Target.Transform(data.Y, Y);
        return (X, Y);
    }

    /// <summary>The network's predictions for raw inputs, in the target's own units: ŷ = μ + σ · output.</summary>
    public Matrix<float> Predict(INetwork<float> network, Matrix<float> X)
    {
        var outputs = network.Predict(X, Features);
        for (var j = 0; j < outputs.Columns; j++)
        {
            outputs[0, j] = (float)(Target.Mean[0] + (Target.StandardDeviation[0] * outputs[0, j]));
        }

        return outputs;
    }
}

[Network(Inputs = 10)]
[Dense(8, Activation.ReLU)]
[Dense(1, Activation.Linear)]
public partial class NarrowRegressor;

[Network(Inputs = 10)]
[Dense(32, Activation.ReLU)]
[Dense(1, Activation.Linear)]
public partial class WideRegressor;

[Network(Inputs = 10)]
[Dense(32, Activation.ReLU, Dropout = 0.3)]
[Dense(1, Activation.Linear)]
public partial class DropoutRegressor;

[Network(Inputs = 10)]
[Dense(16, Activation.ReLU)]
[Dense(8, Activation.ReLU)]
[Dense(1, Activation.Linear)]
public partial class DeepRegressor;
