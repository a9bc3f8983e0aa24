using NetGen;

namespace NetGen.IntegrationTests;

/// <summary>Random inputs and labels that suit a network's output layer.</summary>
internal static class TestData
{
    /// <summary>
    /// X uniform in [−1, 1]; Y one-hot columns for a softmax output, 0 or 1 for a sigmoid output, and uniform in
    /// [−1, 1] for the regression outputs.
    /// </summary>
    public static (Matrix<T> X, Matrix<T> Y) For<T>(INetwork<T> network, int examples, int seed)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        var X = new Matrix<T>(network.InputSize, examples);
        foreach (ref var x in X.AsSpan())
        {
            x = T.CreateChecked((random.NextDouble() * 2) - 1);
        }

        var output = network.Layers[^1].Activation;
        Matrix<T> Y;
        if (output == Activation.Softmax)
        {
            Y = Matrix<T>.OneHot(Enumerable.Range(0, examples).Select(_ => random.Next(network.OutputSize)).ToArray(), network.OutputSize);
        }
        else
        {
            Y = new Matrix<T>(network.OutputSize, examples);
            foreach (ref var y in Y.AsSpan())
            {
                y = output == Activation.Sigmoid
                    ? (random.Next(2) == 0 ? T.Zero : T.One)
                    : T.CreateChecked((random.NextDouble() * 2) - 1);
            }
        }

        return (X, Y);
    }
}
