using System.Numerics;

namespace NetGen.Runtime.Tests;

/// <summary>Tests that measure the whole process's allocations, so they run alone, after the parallel ones.</summary>
[Collection(nameof(AllocationTests))]
public class AllocationTests
{
    /// <summary>The collection of <see cref="AllocationTests"/>, which runs with no other test beside it.</summary>
    [CollectionDefinition(nameof(AllocationTests), DisableParallelization = true)]
    public class Alone;

    /// <summary>(n, k, m): a product split over the workers, one on the packed path, one on the row loops, and m = 1.</summary>
    public static TheoryData<int, int, int> Shapes => new()
    {
        { 160, 128, 256 },
        { 64, 128, 96 },
        { 4, 2, 400 },
        { 128, 784, 1 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Products_allocate_nothing_once_warmed_up(int n, int k, int m)
    {
        AllocatesNothing<float>(n, k, m);
        AllocatesNothing<double>(n, k, m);
    }

    /// <summary>
    /// The guards of a training step: the label checks of each loss, the finiteness scan, and the checked updates of
    /// plain gradient descent and of every optimizer (check pass, then commit).
    /// </summary>
    [Fact]
    public void The_guards_of_a_training_step_allocate_nothing()
    {
        GuardsAllocateNothing<float>();
        GuardsAllocateNothing<double>();
        var network = new ParameterHolder(Enumerable.Range(0, 1000).Select(i => i / 1000.0).ToArray(), Enumerable.Repeat(1.0, 1000).ToArray());
        network.Backward(network.W);
        AllocatesNothing("NetworkTraining.Update", () => NetworkTraining.Update(network, 1e-6));
        foreach (var optimizer in new Optimizer[] { new GradientDescent(1e-6), new Momentum(1e-6), new RMSProp(1e-6), new Adam(1e-6) })
        {
            AllocatesNothing($"{optimizer.GetType().Name}.Step", () => optimizer.Step(network));
        }
    }

    /// <summary>The binary cross-entropy of a training step, at the tiny workload's 400 examples and at a length with a padded last vector.</summary>
    [Fact]
    public void Binary_cross_entropy_allocates_nothing()
    {
        CostAllocatesNothing<float>();
        CostAllocatesNothing<double>();
    }

    private static void CostAllocatesNothing<T>()
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        foreach (var m in new[] { 400, 10_001 })
        {
            var (Z, A, Y) = (Reference.Random<T>(1, m, 5), new Matrix<T>(1, m), new Matrix<T>(1, m));
            Activations.Forward(Z, A, default(SigmoidOperator<T>));
            AllocatesNothing($"{typeof(T).Name} binary cross-entropy of {m}", () => Losses.BinaryCrossEntropy(Z, A, Y));
        }
    }

    private static void GuardsAllocateNothing<T>()
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var X = Reference.Random<T>(30, 256, 1);
        var binary = new Matrix<T>(2, 256);
        binary.Fill(T.One);
        var categorical = Matrix<T>.OneHot(Enumerable.Range(0, 256).Select(j => j % 10).ToArray(), 10);
        AllocatesNothing($"{typeof(T).Name} finiteness of X", () => ValueChecks.RequireFinite(X, "X"));
        AllocatesNothing($"{typeof(T).Name} binary labels", () => Labels.Require(Loss.BinaryCrossEntropy, binary));
        AllocatesNothing($"{typeof(T).Name} categorical labels", () => Labels.Require(Loss.CategoricalCrossEntropy, categorical));
        AllocatesNothing($"{typeof(T).Name} regression targets", () => Labels.Require(Loss.MeanSquaredError, X));
    }

    /// <summary>
    /// Warms each product up (packing buffers, workers, compiled code), then counts the bytes one call allocates: on
    /// the calling thread, which must be none, and in the whole process, which includes the workers. The test host's
    /// timers allocate now and then, so one clean call out of twenty suffices for the process; an allocation made by
    /// every call shows up in all twenty. Calls are kept short (one product each, small shapes) because an
    /// unoptimized build is slow, and the longer a call, the likelier the host allocates during it.
    /// </summary>
    private static void AllocatesNothing<T>(int n, int k, int m)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var (W, A, b, dZ) = (Reference.Random<T>(n, k, 1), Reference.Random<T>(k, m, 2), Reference.Random<T>(n, 1, 3), Reference.Random<T>(n, m, 4));
        var (Z, dW, dA) = (new Matrix<T>(n, m), new Matrix<T>(n, k), new Matrix<T>(k, m));
        var scale = T.One / T.CreateTruncating(m);
        AllocatesNothing($"{typeof(T).Name} {n}×{k}×{m} MultiplyAddBias", () => Kernels.MultiplyAddBias(W, A, b, Z));
        AllocatesNothing($"{typeof(T).Name} {n}×{k}×{m} MultiplyTransposeRight", () => Kernels.MultiplyTransposeRight(dZ, A, dW, scale));
        AllocatesNothing($"{typeof(T).Name} {n}×{k}×{m} MultiplyTransposeLeft", () => Kernels.MultiplyTransposeLeft(W, dZ, dA));
    }

    private static void AllocatesNothing(string product, Action call)
    {
        for (var warmUp = 0; warmUp < 40; warmUp++)
        {
            call();
        }

        var process = new List<long>();
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var (beforeThread, beforeProcess) = (GC.GetAllocatedBytesForCurrentThread(), GC.GetTotalAllocatedBytes(precise: true));
            call();
            var (thread, total) = (GC.GetAllocatedBytesForCurrentThread() - beforeThread, GC.GetTotalAllocatedBytes(precise: true) - beforeProcess);
            Assert.True(thread == 0, $"{product}: a call allocated {thread} bytes on the calling thread");
            if (total == 0)
            {
                return;
            }

            process.Add(total);
        }

        Assert.Fail($"{product}: every call allocated in the process: {string.Join(", ", process)} bytes");
    }
}
