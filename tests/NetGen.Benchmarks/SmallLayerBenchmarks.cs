using System.Numerics;
using BenchmarkDotNet.Attributes;
using NetGen.CompilerServices;

namespace NetGen.Benchmarks;

/// <summary>
/// One dense layer's forward and backward step (ReLU, and the previous layer's ReLU step backward) on the fused
/// small-layer kernels against the general ones, at sizes around the generator's cut-over (SmallDense.MaximumWeights,
/// 4,096 weights): the measurement that chooses it, per precision. n × k: W is n × k; m = 2,048 examples.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
[MemoryDiagnoser]
[GenericTypeArguments(typeof(float))]
[GenericTypeArguments(typeof(double))]
public class SmallLayerBenchmarks<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private const int M = 2048;
    private Matrix<T> W = null!, A = null!, b = null!, Z = null!, output = null!, dZ = null!, dW = null!, db = null!, dA = null!, previous = null!;
    private T oneOverM;

    /// <summary>n × k, from 1,024 to 16,384 weights: chains' and the quickstart's layers are below, mlp's 128 × 64 above.</summary>
    [Params("1x1024", "32x32", "32x64", "64x64", "64x96", "128x64", "128x128")]
    public string Shape { get; set; } = "64x64";

    /// <summary>Fills the operands with random values outside the measurement.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var sizes = Shape.Split('x').Select(int.Parse).ToArray();
        var (n, k) = (sizes[0], sizes[1]);
        var random = new DeterministicRandom(1);
        (W, A, b, dZ) = (Random(n, k, random), Random(k, M, random), Random(n, 1, random), Random(n, M, random));
        (Z, output, dW, db) = (new Matrix<T>(n, M), new Matrix<T>(n, M), new Matrix<T>(n, k), new Matrix<T>(n, 1));
        (dA, previous) = (new Matrix<T>(k, M), new Matrix<T>(k, M));
        oneOverM = T.One / T.CreateTruncating(M);
    }

    /// <summary>The general kernels, as a layer above the cut-over is generated: four calls.</summary>
    [Benchmark(Baseline = true)]
    public void General()
    {
        Kernels.MultiplyAddBias(W, A, b, Z);
        Activations.Forward(Z, output, default(ReLUOperator<T>));
        DenseLayer.Backward(dZ, A, W, dW, db, dA, oneOverM, T.Zero);
        Activations.Backward(dA, A, previous, default(ReLUOperator<T>));
    }

    /// <summary>The fused small-layer kernels, as a layer at or below the cut-over is generated: two calls.</summary>
    [Benchmark]
    public void Fused()
    {
        SmallDense.Forward(W, A, b, Z, output, default(ReLUOperator<T>));
        SmallDense.Backward(dZ, A, W, dW, db, oneOverM, T.Zero, A, previous, default(ReLUOperator<T>));
    }

    private static Matrix<T> Random(int rows, int columns, DeterministicRandom random)
    {
        var matrix = new Matrix<T>(rows, columns);
        foreach (ref var value in matrix.AsSpan())
        {
            value = T.CreateTruncating(random.NextDouble() - 0.5);
        }

        return matrix;
    }
}
