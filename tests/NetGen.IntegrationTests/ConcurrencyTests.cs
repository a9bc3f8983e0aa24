using System.Diagnostics;
using System.Runtime.InteropServices;
using NetGen;
using NetGen.CompilerServices;
using Xunit.Abstractions;

namespace NetGen.IntegrationTests;

/// <summary>An MNIST-sized classifier, whose batches reach the parallel GEMM path (products of 2^15 multiply-adds or more).</summary>
[Network(Inputs = 784)]
[Dense(128, Activation.ReLU)]
[Dense(64, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class DigitsClassifier;

/// <summary>
/// The thread-safety contract: prediction is safe from any number of threads at once, bit for bit equal to the
/// single-threaded result, and training methods refuse to run while another thread trains.
/// </summary>
public class ConcurrencyTests(ITestOutputHelper output)
{
    private const int Threads = 8;
    private const int CallsPerThread = 200;

    /// <summary>
    /// Batch sizes that grow workspaces while other threads use theirs. Every batch of the MNIST-sized network reaches
    /// the parallel kernels (one column: the split matrix-vector product; 3 columns and more: the GEMM), so it stops at
    /// 40 to keep the test short; the small network takes its 200 and 300 columns to the GEMM as well.
    /// </summary>
    private static readonly int[] LargeNetworkBatches = [1, 3, 17, 40];
    private static readonly int[] SmallNetworkBatches = [1, 3, 17, 64, 200, 300];

    /// <summary>One kind of call: a network, its input, and the outputs the same call gives on one thread alone.</summary>
    private sealed record Case(INetwork<float> Network, Matrix<float> X, bool SingleExample, float[] Reference);

    [Fact]
    public void Concurrent_predictions_on_one_instance_equal_the_single_threaded_results_bit_for_bit()
    {
        (INetwork<float> Network, int[] Batches)[] networks =
        [
            (new DigitsClassifier(seed: 1), LargeNetworkBatches),
            (new Textbook(seed: 1), SmallNetworkBatches),
        ];
        var cases = new List<Case>();
        foreach (var (network, batches) in networks)
        {
            foreach (var size in batches)
            {
                var (X, _) = TestData.For(network, size, seed: size);
                cases.Add(new Case(network, X, SingleExample: false, network.Predict(X).AsSpan().ToArray()));
            }

            var (x, _) = TestData.For(network, examples: 1, seed: 99);
            var reference = new float[network.OutputSize];
            network.Predict(x.AsSpan(), reference);
            Assert.Equal(network.Predict(x).AsSpan().ToArray(), reference); // the span overload is Predict of one column
            cases.Add(new Case(network, x, SingleExample: true, reference));
        }

        var wrong = 0;
        var exceptions = new List<Exception>();
        using var start = new Barrier(Threads);
        var stopwatch = Stopwatch.StartNew();
        var threads = Enumerable.Range(0, Threads).Select(thread => new Thread(() =>
        {
            // Each thread has its own result buffers, as a caller of Predict(X, result) would.
            var results = cases.Select(c => new Matrix<float>(c.Network.OutputSize, c.X.Columns)).ToArray();
            var singleOutput = new float[cases.Max(c => c.Network.OutputSize)];
            start.SignalAndWait();
            for (var call = 0; call < CallsPerThread; call++)
            {
                var index = ((thread * 5) + (call * 7)) % cases.Count;
                var c = cases[index];
                try
                {
                    ReadOnlySpan<float> actual;
                    if (c.SingleExample)
                    {
                        var outputs = singleOutput.AsSpan(0, c.Network.OutputSize);
                        c.Network.Predict(c.X.AsSpan(), outputs);
                        actual = outputs;
                    }
                    else if (call % 2 == 0)
                    {
                        c.Network.Predict(c.X, results[index]);
                        actual = results[index].AsSpan();
                    }
                    else
                    {
                        actual = c.Network.Predict(c.X).AsSpan();
                    }

                    if (!MemoryMarshal.AsBytes(actual).SequenceEqual(MemoryMarshal.AsBytes(c.Reference.AsSpan())))
                    {
                        Interlocked.Increment(ref wrong);
                    }
                }
                catch (Exception exception)
                {
                    lock (exceptions)
                    {
                        exceptions.Add(exception);
                    }
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        output.WriteLine(
            $"{Threads} threads × {CallsPerThread} calls = {Threads * CallsPerThread} predictions over {cases.Count} cases " +
            $"in {stopwatch.ElapsedMilliseconds} ms: {wrong} wrong, {exceptions.Count} exceptions.");
        Assert.Empty(exceptions);
        Assert.Equal(0, wrong);
    }

    [Fact]
    public void Prediction_allocates_nothing_once_warm()
    {
        var network = new DigitsClassifier(seed: 1);
        var (X, _) = TestData.For(network, examples: 64, seed: 1);
        var result = new Matrix<float>(DigitsClassifier.OutputSize, X.Columns);
        var x = TestData.For(network, examples: 1, seed: 2).X.AsSpan().ToArray();
        var outputs = new float[DigitsClassifier.OutputSize];
        // Past the runtime's tiering thresholds, whose call counting allocates a few bytes once on the calling thread.
        for (var i = 0; i < 100; i++)
        {
            network.Predict(X, result);
            network.Predict(x, outputs);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10; i++)
        {
            network.Predict(X, result);
            network.Predict(x, outputs);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        output.WriteLine($"10 × (Predict(X, result) of 64 columns + Predict(span, span)) after warm-up: {allocated} bytes.");
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void The_single_example_overload_names_a_wrong_length_with_both_lengths()
    {
        var network = new Textbook(seed: 1);

        var input = Assert.Throws<ArgumentException>(() => network.Predict(new float[29], new float[1]));
        var result = Assert.Throws<ArgumentException>(() => network.Predict(new float[30], new float[2]));

        Assert.Equal("x", input.ParamName);
        Assert.Contains("30 elements", input.Message);
        Assert.Contains("29", input.Message);
        Assert.Equal("output", result.ParamName);
        Assert.Contains("1 elements", result.Message);
        Assert.Contains("2", result.Message);
    }

    [Fact]
    public void Training_and_prediction_refuse_to_run_while_another_thread_trains()
    {
        var network = new Textbook(seed: 1);
        var (X, Y) = TestData.For(network, examples: 8, seed: 1);
        network.Forward(X);

        // Another thread inside a training method: it holds the network's training guard until told to leave.
        var guard = ((INetwork<float>)network).TrainingGuard;
        using var inside = new ManualResetEventSlim();
        using var leave = new ManualResetEventSlim();
        var trainer = new Thread(() =>
        {
            using (guard.Enter("Fit"))
            {
                inside.Set();
                leave.Wait();
            }
        });
        trainer.Start();
        inside.Wait();

        Action[] calls =
        [
            () => network.Forward(X),
            () => network.ComputeCost(Y),
            () => network.Backward(Y),
            () => network.CheckGradients(X, Y),
            () => network.TrainStep(X, Y, 0.1f),
            () => network.Predict(X),
            () => network.Predict(X, new Matrix<float>(1, 8)),
            () => network.Predict(new float[30], new float[1]),
            () => network.Save(Stream.Null),
            () => network.ExportOnnx(Stream.Null),
        ];
        var errors = calls.Select(call => Assert.Throws<InvalidOperationException>(call)).ToList();
        leave.Set();
        trainer.Join();

        Assert.All(errors, error => Assert.Contains("while another thread is training this network", error.Message));
        Assert.StartsWith("Forward was called", errors[0].Message);
        Assert.StartsWith("CheckGradients was called", errors[3].Message);
        Assert.StartsWith("Predict was called", errors[^3].Message);
        Assert.StartsWith("Save was called", errors[^2].Message);
        Assert.StartsWith("ExportOnnx was called", errors[^1].Message);
        foreach (var call in calls)
        {
            call(); // once the other thread has left, every call runs
        }
    }
}
