using System.Runtime.CompilerServices;
using NetGen;
using Xunit.Abstractions;

namespace NetGen.IntegrationTests;

/// <summary>
/// Every activation, with sizes off the bfloat16 kernel's blocks of eight rows and columns, hidden layers of every
/// kind and a softmax output.
/// </summary>
[Network(Inputs = 37)]
[Dense(41, Activation.LeakyReLU, Slope = 0.1)]
[Dense(19, Activation.SiLU)]
[Dense(9, Activation.Tanh)]
[Dense(12, Activation.Sigmoid)]
[Dense(10, Activation.ReLU)]
[Dense(6, Activation.Linear)]
[Dense(5, Activation.Softmax)]
public partial class EveryActivationSingle;

/// <summary>A first layer of 131,170 weights, which the bfloat16 kernel splits over the workers (from 2¹⁷).</summary>
[Network(Inputs = 1009)]
[Dense(130, Activation.ReLU)]
[Dense(1, Activation.Sigmoid)]
public partial class WideFirstLayerSingle;

/// <summary>The digits sample's network without dropout: 64 → 64 ReLU → 10 softmax.</summary>
[Network(Inputs = 64)]
[Dense(64, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class DigitsSingle;

public class BFloat16PredictorTests(ITestOutputHelper output)
{
    [Fact]
    public void On_the_real_digits_it_predicts_the_class_the_network_predicts()
    {
        var (train, test) = DataSet<float>.LoadCsv(SampleData("digits.csv.gz"), new CsvOptions { Labels = LabelEncoding.OneHot, Classes = 10 }).SplitEvery(5);
        var standardizer = Standardizer.Fit(train.X);
        standardizer.Transform(train.X);
        standardizer.Transform(test.X);
        var network = new DigitsSingle(seed: 1);
        network.Fit(train.X, train.Y, new TrainingOptions { Optimizer = new Adam(0.002), Epochs = 30, BatchSize = 32, Seed = 1 });
        var predictor = new BFloat16Predictor(network);

        var (exact, rounded, x) = (new float[10], new float[10], new float[64]);
        int agreeing = 0, correct = 0, correctRounded = 0;
        var largest = 0.0;
        for (var j = 0; j < test.Count; j++)
        {
            for (var i = 0; i < x.Length; i++)
            {
                x[i] = test.X[i, j];
            }

            network.Predict(x, exact);
            predictor.Predict(x, rounded);
            int label = ArgMax(Column(test.Y, j)), predicted = ArgMax(exact), predictedRounded = ArgMax(rounded);
            agreeing += predicted == predictedRounded ? 1 : 0;
            correct += predicted == label ? 1 : 0;
            correctRounded += predictedRounded == label ? 1 : 0;
            largest = Math.Max(largest, exact.Zip(rounded, (e, r) => (double)Math.Abs(e - r)).Max());
        }

        output.WriteLine($"test accuracy {correct} / {test.Count} (float), {correctRounded} / {test.Count} (bfloat16); " +
                         $"same class for {agreeing}; largest probability difference {largest:E2}");
        Assert.True(correct >= 0.93 * test.Count, $"the float network is not trained: {correct} / {test.Count}");
        Assert.True(agreeing >= 0.99 * test.Count, $"{agreeing} / {test.Count} agree");
        Assert.InRange(correctRounded, correct - (0.01 * test.Count), test.Count);
    }

    [Fact]
    public void On_weights_bfloat16_holds_exactly_it_predicts_what_the_network_predicts()
    {
        Same(WithBFloat16Weights(new EveryActivationSingle(seed: 1)), seed: 2);
        Same(WithBFloat16Weights(new WideFirstLayerSingle(seed: 3)), seed: 4);
    }

    [Fact]
    public void On_any_weights_it_stays_within_the_rounding_of_the_weights()
    {
        // Each weight moves by at most 2⁻⁹ of itself, so each Z moves by at most 2⁻⁹ Σ|w x| plus what the inputs moved;
        // through this network's two layers (ReLU is 1-Lipschitz, σ ¼-Lipschitz) that stays far below 1e-2.
        var network = new WideFirstLayerSingle(seed: 5);
        var predictor = new BFloat16Predictor(network);
        var (exact, rounded) = (new float[1], new float[1]);
        var worst = 0.0;
        foreach (var x in Inputs(WideFirstLayerSingle.InputSize, count: 20, seed: 6))
        {
            network.Predict(x, exact);
            predictor.Predict(x, rounded);
            worst = Math.Max(worst, Math.Abs(exact[0] - rounded[0]));
            Assert.NotEqual(exact[0], rounded[0]); // the weights really are rounded
        }

        output.WriteLine($"largest |float − bfloat16| over 20 predictions: {worst:E2}");
        Assert.InRange(worst, 0, 1e-2);
    }

    [Fact]
    public void Training_the_network_afterwards_does_not_change_the_copy()
    {
        var network = new EveryActivationSingle(seed: 7);
        var predictor = new BFloat16Predictor(network);
        var x = Inputs(EveryActivationSingle.InputSize, count: 1, seed: 8)[0];
        var (before, after, untrained, trained) = (new float[5], new float[5], new float[5], new float[5]);
        predictor.Predict(x, before);
        network.Predict(x, untrained);

        var X = new Matrix<float>(EveryActivationSingle.InputSize, 4);
        X.Fill(0.5f);
        network.TrainStep(X, Matrix<float>.OneHot([0, 1, 2, 3], 5), 1.0);
        predictor.Predict(x, after);
        network.Predict(x, trained);

        Assert.Equal(before, after);
        Assert.NotEqual(untrained, trained); // the network itself did change
    }

    [Fact]
    public void Wrong_lengths_name_the_argument_and_leave_the_output_unchanged()
    {
        var predictor = new BFloat16Predictor(new EveryActivationSingle(seed: 9));
        var outputs = new float[] { 7, 7, 7, 7, 7 };

        var input = Assert.Throws<ArgumentException>(() => predictor.Predict(new float[36], outputs));
        var result = Assert.Throws<ArgumentException>(() => predictor.Predict(new float[37], new float[4]));

        Assert.Equal("x", input.ParamName);
        Assert.Contains("37", input.Message);
        Assert.Contains("36", input.Message);
        Assert.Equal("output", result.ParamName);
        Assert.Equal([7f, 7f, 7f, 7f, 7f], outputs);
    }

    [Fact]
    public void A_network_with_a_non_finite_parameter_is_refused()
    {
        var network = new EveryActivationSingle(seed: 10);
        network.Parameters[4][2, 3] = float.NaN;

        var refusal = Assert.Throws<InvalidOperationException>(() => new BFloat16Predictor(network));

        Assert.Contains("W3", refusal.Message);
    }

    [Fact]
    public void Threads_predicting_at_once_get_the_bits_of_one_thread()
    {
        var network = new WideFirstLayerSingle(seed: 11);
        var predictor = new BFloat16Predictor(network);
        var inputs = Inputs(WideFirstLayerSingle.InputSize, count: 50, seed: 12);
        var expected = inputs.Select(x => Predicted(predictor, x)).ToArray();

        var results = new float[4][];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, thread =>
        {
            var mine = new float[inputs.Length];
            for (var round = 0; round < 20; round++)
            {
                for (var i = 0; i < inputs.Length; i++)
                {
                    mine[i] = Predicted(predictor, inputs[i]);
                }
            }

            results[thread] = mine;
        });

        Assert.All(results, result => Assert.Equal(expected, result));
    }

    [Fact]
    public void A_prediction_allocates_nothing_once_the_thread_has_predicted()
    {
        var predictor = new BFloat16Predictor(new EveryActivationSingle(seed: 13));
        var (x, outputs) = (new float[37], new float[5]);
        predictor.Predict(x, outputs);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10; i++)
        {
            predictor.Predict(x, outputs);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>The network's weights truncated to their upper 16 bits, which bfloat16 represents exactly.</summary>
    private static INetwork<float> WithBFloat16Weights(INetwork<float> network)
    {
        for (var l = 0; l < network.Layers.Count; l++)
        {
            foreach (ref var weight in network.Parameters[2 * l].AsSpan())
            {
                weight = BitConverter.UInt32BitsToSingle(BitConverter.SingleToUInt32Bits(weight) & 0xFFFF0000);
            }
        }

        return network;
    }

    /// <summary>The predictor against the network on 20 inputs: the same sums in another order, so float rounding apart.</summary>
    private static void Same(INetwork<float> network, ulong seed)
    {
        var predictor = new BFloat16Predictor(network);
        Assert.Equal(network.InputSize, predictor.InputSize);
        Assert.Equal(network.OutputSize, predictor.OutputSize);
        var (expected, actual) = (new float[network.OutputSize], new float[network.OutputSize]);
        foreach (var x in Inputs(network.InputSize, count: 20, seed))
        {
            network.Predict(x, expected);
            predictor.Predict(x, actual);
            for (var i = 0; i < expected.Length; i++)
            {
                Assert.InRange(actual[i], expected[i] - (1e-5f * (1 + Math.Abs(expected[i]))), expected[i] + (1e-5f * (1 + Math.Abs(expected[i]))));
            }
        }
    }

    private static float[] Column(Matrix<float> matrix, int column) => [.. Enumerable.Range(0, matrix.Rows).Select(i => matrix[i, column])];

    private static int ArgMax(float[] values) => Array.IndexOf(values, values.Max());

    private static string SampleData(string name, [CallerFilePath] string source = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", "samples", "data", name));

    private static float Predicted(BFloat16Predictor predictor, float[] x)
    {
        var result = new float[1];
        predictor.Predict(x, result);
        return result[0];
    }

    private static float[][] Inputs(int size, int count, ulong seed)
    {
        var random = new Random((int)seed);
        return [.. Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, size).Select(_ => (float)((random.NextDouble() * 4) - 2)).ToArray())];
    }
}
