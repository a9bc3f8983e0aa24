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

    /// <summary>A copy of every parameter, to compare bit for bit before and after a call.</summary>
    public static T[][] Parameters<T>(INetwork<T> network)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T> =>
        network.Parameters.Select(p => p.AsSpan().ToArray()).ToArray();

    /// <summary>Whether every parameter is a finite number.</summary>
    public static bool AllFinite<T>(INetwork<T> network)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T> =>
        network.Parameters.All(p => p.AsSpan().ToArray().All(T.IsFinite));

    /// <summary>The generated network of type <paramref name="name"/> in this assembly, created with <paramref name="seed"/>.</summary>
    public static object Create(string name, int seed) =>
        Activator.CreateInstance(typeof(TestData).Assembly.GetType($"NetGen.IntegrationTests.{name}", throwOnError: true)!, seed)!;
}
