using System.Runtime.InteropServices;
using NetGen;

namespace NetGen.IntegrationTests;

/// <summary>
/// 4,201 values of buffers for one example (4,200 hidden activations and the output): more than the 4,096 floats
/// (16 KiB) a single prediction takes on the stack, so its buffers come from the shared array pool.
/// </summary>
[Network(Inputs = 3)]
[Dense(4200, Activation.ReLU)]
[Dense(1, Activation.Sigmoid)]
public partial class BeyondTheStack;

/// <summary>
/// A single example, whether a span or a one-column X, runs its own forward pass on buffers of the call's own (the
/// stack, or the array pool beyond 16 KiB). It must give the bits of the batch path's one column and of Forward.
/// </summary>
public class SingleExampleTests
{
    [Fact]
    public void A_single_example_gives_the_bits_of_a_one_column_batch_and_of_Forward_for_every_activation()
    {
        AssertSameBits(new EveryActivationSingle(seed: 3));
        AssertSameBits(new WideFirstLayerSingle(seed: 3));
        AssertSameBits(new DigitsClassifier(seed: 3));
        AssertSameBits(new BeyondTheStack(seed: 3));
        AssertSameBits(new AcrossTheCutOver(seed: 3));
        AssertSameBits(new LeakySoftmax(seed: 3));
        AssertSameBits(new SiLUSquaredError(seed: 3));
        AssertSameBits(new TanhLinearRegression(seed: 3));
        AssertSameBits(new Logistic(seed: 3));
    }

    [Fact]
    public void Buffers_beyond_the_stack_come_from_the_pool_without_allocating_once_warm()
    {
        var network = new BeyondTheStack(seed: 1);
        var x = TestData.For(network, examples: 1, seed: 2).X.AsSpan().ToArray();
        var (output, again) = (new float[1], new float[1]);
        for (var i = 0; i < 100; i++) // past the tiering thresholds, whose call counting allocates once
        {
            network.Predict(x, output);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10; i++)
        {
            network.Predict(x, again);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(output, again);
        Assert.InRange(output[0], 0f, 1f);
    }

    [Fact]
    public void Threads_predicting_single_examples_beyond_the_stack_get_their_own_buffers()
    {
        var network = new BeyondTheStack(seed: 1);
        var examples = Enumerable.Range(0, 4).Select(seed => TestData.For(network, examples: 1, seed: seed).X.AsSpan().ToArray()).ToArray();
        var expected = examples.Select(x =>
        {
            var output = new float[1];
            network.Predict(x, output);
            return output[0];
        }).ToArray();

        var wrong = 0;
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, thread =>
        {
            var output = new float[1];
            for (var call = 0; call < 500; call++)
            {
                var which = (thread + call) % examples.Length;
                network.Predict(examples[which], output);
                if (BitConverter.SingleToInt32Bits(output[0]) != BitConverter.SingleToInt32Bits(expected[which]))
                {
                    Interlocked.Increment(ref wrong);
                }
            }
        });

        Assert.Equal(0, wrong);
    }

    /// <summary>
    /// Predict of a span, Predict of a one-column X (both the single-example path), Predict of a one-column X with
    /// logits (the batch path, on a workspace) and Forward (the training path, so no dropout in these networks) give the
    /// same bits, for five examples.
    /// </summary>
    private static void AssertSameBits<T>(INetwork<T> network)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        for (var seed = 0; seed < 5; seed++)
        {
            var (X, _) = TestData.For(network, examples: 1, seed: seed);
            var fromSpan = new T[network.OutputSize];
            network.Predict(X.AsSpan(), fromSpan);
            var fromColumn = network.Predict(X).AsSpan().ToArray();
            var (result, logits) = (new Matrix<T>(network.OutputSize, 1), new Matrix<T>(network.OutputSize, 1));
            network.Predict(X, result, logits);
            var fromForward = network.Forward(X).AsSpan().ToArray();

            var name = network.GetType().Name;
            Assert.True(SameBits(fromSpan, fromColumn), $"{name}: Predict(span) differs from Predict(X) of one column.");
            Assert.True(SameBits(fromSpan, result.AsSpan()), $"{name}: Predict(span) differs from the batch path's one column.");
            Assert.True(SameBits(fromSpan, fromForward), $"{name}: Predict(span) differs from Forward.");
        }
    }

    private static bool SameBits<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b)
        where T : unmanaged => MemoryMarshal.AsBytes(a).SequenceEqual(MemoryMarshal.AsBytes(b));
}
