using System.Numerics;
using NetGen;

namespace NetGen.IntegrationTests;

/// <summary>
/// Prediction for no examples (m = 0) gives an empty n[L] × 0 result, the same for every network: the products, the
/// activations and the losses accept empty spans. (Training rejects m = 0: see <see cref="ArgumentCheckTests"/>.)
/// </summary>
public class EmptyBatchTests
{
    /// <summary>Every network declared in this assembly but the large one.</summary>
    public static TheoryData<string> Networks =>
        new(typeof(TestData).Assembly.GetTypes()
            .Where(type => type.GetCustomAttributes(typeof(NetworkAttribute), inherit: false).Length > 0 && type != typeof(LargeNetwork))
            .Select(type => type.Name)
            .Order());

    [Theory]
    [MemberData(nameof(Networks))]
    public void Predicting_no_examples_gives_an_empty_result(string name) => AssertEmptyPrediction(TestData.Create(name, seed: 1));

    private static void AssertEmptyPrediction(object network)
    {
        switch (network)
        {
            case INetwork<double> d:
                AssertEmptyPrediction(d);
                break;
            case INetwork<float> f:
                AssertEmptyPrediction(f);
                break;
            default:
                throw new ArgumentException($"{network.GetType().Name} is not a network.", nameof(network));
        }
    }

    private static void AssertEmptyPrediction<T>(INetwork<T> network)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var (X, _) = TestData.For(network, examples: 3, seed: 1);
        network.Predict(X);

        var result = network.Predict(new Matrix<T>(network.InputSize, 0));
        network.Predict(new Matrix<T>(network.InputSize, 0), new Matrix<T>(network.OutputSize, 0));

        Assert.Equal((network.OutputSize, 0), (result.Rows, result.Columns));
        Assert.Equal(network.Predict(X).AsSpan().ToArray(), network.Predict(X).AsSpan().ToArray());
    }
}
