using NetGen;

namespace NetGen.IntegrationTests;

/// <summary>Random inputs and 0/1 labels of the right shapes for a network, from a seed.</summary>
internal static class TestData
{
    public static (Matrix<T> X, Matrix<T> Y) For<T>(INetwork<T> network, int examples, int seed)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        var X = new Matrix<T>(network.InputSize, examples);
        var Y = new Matrix<T>(network.OutputSize, examples);
        foreach (ref var x in X.AsSpan())
        {
            x = T.CreateChecked((random.NextDouble() * 2) - 1);
        }

        foreach (ref var y in Y.AsSpan())
        {
            y = random.Next(2) == 0 ? T.Zero : T.One;
        }

        return (X, Y);
    }
}
