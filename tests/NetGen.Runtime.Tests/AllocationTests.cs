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
