using System.Numerics;
using BenchmarkDotNet.Attributes;

namespace NetGen.Benchmarks;

/// <summary>
/// The three products of backpropagation on their own, at shapes n × k × m taken from the workloads: the first layer
/// of mlp (128 × 784 × 256), a layer of wide (1024 × 1024 × 1024) and the first layer of tiny (4 × 2 × 400).
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
[MemoryDiagnoser]
[GenericTypeArguments(typeof(float))]
[GenericTypeArguments(typeof(double))]
public class KernelBenchmarks<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private Matrix<T> w = null!, a = null!, b = null!, z = null!, dW = null!, dA = null!;
    private T scale;

    /// <summary>n × k × m: W is n × k, A is k × m, so Z and dZ are n × m.</summary>
    [Params("128x784x256", "1024x1024x1024", "4x2x400")]
    public string Shape { get; set; } = "4x2x400";

    /// <summary>Fills the operands with random values outside the measurement.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var sizes = Shape.Split('x').Select(int.Parse).ToArray();
        var (n, k, m) = (sizes[0], sizes[1], sizes[2]);
        var random = new DeterministicRandom(1);
        w = Random(n, k, random);
        a = Random(k, m, random);
        b = Random(n, 1, random);
        z = Random(n, m, random);
        dW = new Matrix<T>(n, k);
        dA = new Matrix<T>(k, m);
        scale = T.One / T.CreateTruncating(m);
    }

    /// <summary>Z = W · A + b (forward).</summary>
    [Benchmark]
    public void MultiplyAddBias() => Kernels.MultiplyAddBias(w, a, b, z);

    /// <summary>dW = (1/m) dZ · Aᵀ (backward, weight gradient); Z stands in for dZ.</summary>
    [Benchmark]
    public void MultiplyTransposeRight() => Kernels.MultiplyTransposeRight(z, a, dW, scale);

    /// <summary>dA = Wᵀ · dZ (backward, gradient for the previous layer); Z stands in for dZ.</summary>
    [Benchmark]
    public void MultiplyTransposeLeft() => Kernels.MultiplyTransposeLeft(w, z, dA);

    private static Matrix<T> Random(int rows, int columns, DeterministicRandom random)
    {
        var matrix = new Matrix<T>(rows, columns);
        foreach (ref var value in matrix.AsSpan())
        {
            value = T.CreateTruncating(random.NextDouble());
        }

        return matrix;
    }
}
