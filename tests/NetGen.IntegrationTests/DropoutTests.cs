using NetGen;

namespace NetGen.IntegrationTests;

public class DropoutTests
{
    [Fact]
    public void Training_passes_drop_units_and_prediction_never_does()
    {
        var network = new DropoutNetwork(seed: 1);
        var (X, _) = TestData.For(network, examples: 40, seed: 2);

        var firstPass = network.Forward(X).Clone();
        var secondPass = network.Forward(X).Clone();
        var prediction = network.Predict(X);

        Assert.NotEqual(firstPass.AsSpan().ToArray(), secondPass.AsSpan().ToArray());
        Assert.Equal(prediction.AsSpan().ToArray(), network.Predict(X).AsSpan().ToArray());
    }

    [Fact]
    public void Prediction_equals_a_training_pass_without_dropout()
    {
        // SoftmaxTwin is DropoutNetwork's sibling without dropout; with the same parameters, Predict must agree with it.
        var dropout = new SingleSoftmax(seed: 3);
        var plain = new SoftmaxTwinSingle(seed: 3);
        var (X, _) = TestData.For(dropout, examples: 9, seed: 4);

        Assert.Equal(dropout.Predict(X).AsSpan().ToArray(), plain.Predict(X).AsSpan().ToArray());
        Assert.Equal(plain.Forward(X).AsSpan().ToArray(), plain.Predict(X).AsSpan().ToArray());
    }
}
