using NetGen;

namespace NetGen.IntegrationTests;

/// <summary>
/// A 2-2-1 network (ReLU, sigmoid) on two examples, with every intermediate value worked out by hand from
/// docs/architecture.md, "The mathematics". The numbers were chosen to be exact in binary, and so that one hidden unit is switched off by ReLU.
/// </summary>
public class HandComputedTests
{
    private const double Tolerance = 1e-12;

    private static TwoTwoOne Network()
    {
        var network = new TwoTwoOne(seed: 0);
        Set(network.W1, [0.5, -0.25, 0.125, 0.75]);
        Set(network.b1, [0.1, -0.2]);
        Set(network.W2, [1.5, -0.5]);
        Set(network.b2, [0.25]);
        return network;
    }

    // X has one example per column: x⁽¹⁾ = (1, 0.5), x⁽²⁾ = (−2, 1); the labels are y = (1, 0).
    private static readonly Matrix<double> X = new(2, 2, [1, -2, 0.5, 1]);
    private static readonly Matrix<double> Y = new(1, 2, [1, 0]);

    // Z1 = W1 · X + b1:
    //   row 1: 0.5·1 − 0.25·0.5 + 0.1 = 0.475;    0.5·(−2) − 0.25·1 + 0.1 = −1.15
    //   row 2: 0.125·1 + 0.75·0.5 − 0.2 = 0.3;     0.125·(−2) + 0.75·1 − 0.2 = 0.3
    // A1 = ReLU(Z1) = [[0.475, 0], [0.3, 0.3]]
    // Z2 = W2 · A1 + b2 = [1.5·0.475 − 0.5·0.3 + 0.25, 1.5·0 − 0.5·0.3 + 0.25] = [0.8125, 0.1]
    private static readonly double A2First = Sigmoid(0.8125), A2Second = Sigmoid(0.1);

    [Fact]
    public void Forward_matches_the_hand_computation()
    {
        var output = Network().Forward(X);

        Assert.Equal(A2First, output[0, 0], Tolerance);
        Assert.Equal(A2Second, output[0, 1], Tolerance);
    }

    [Fact]
    public void Cost_matches_the_hand_computation()
    {
        var network = Network();
        network.Forward(X);

        // J = −(1/2) [1·log a⁽¹⁾ + (1 − 0)·log(1 − a⁽²⁾)]
        var expected = -0.5 * (Math.Log(A2First) + Math.Log(1 - A2Second));
        Assert.Equal(expected, network.ComputeCost(Y), Tolerance);
    }

    [Fact]
    public void Backward_matches_the_hand_computation()
    {
        var network = Network();
        network.Forward(X);
        network.Backward(Y);

        // dZ2 = A2 − Y = [a⁽¹⁾ − 1, a⁽²⁾]
        double dz1 = A2First - 1, dz2 = A2Second;
        // dW2 = (1/2) dZ2 · A1ᵀ = (1/2) [dz1·0.475 + dz2·0, dz1·0.3 + dz2·0.3];  db2 = (1/2)(dz1 + dz2)
        AssertMatrix([0.5 * dz1 * 0.475, 0.5 * (dz1 + dz2) * 0.3], network.dW2);
        AssertMatrix([0.5 * (dz1 + dz2)], network.db2);
        // dA1 = W2ᵀ · dZ2 = [[1.5·dz1, 1.5·dz2], [−0.5·dz1, −0.5·dz2]]
        // dZ1 = dA1 ⊙ (Z1 > 0) = [[1.5·dz1, 0], [−0.5·dz1, −0.5·dz2]]   (Z1[1,2] = −1.15 switches that unit off)
        // dW1 = (1/2) dZ1 · Xᵀ, with Xᵀ = [[1, 0.5], [−2, 1]]
        AssertMatrix(
            [
                0.5 * (1.5 * dz1 * 1), 0.5 * (1.5 * dz1 * 0.5),
                0.5 * ((-0.5 * dz1 * 1) + (-0.5 * dz2 * -2)), 0.5 * ((-0.5 * dz1 * 0.5) + (-0.5 * dz2 * 1)),
            ],
            network.dW1);
        AssertMatrix([0.5 * 1.5 * dz1, 0.5 * ((-0.5 * dz1) + (-0.5 * dz2))], network.db1);
    }

    [Fact]
    public void Update_takes_a_gradient_descent_step()
    {
        var network = Network();
        network.Forward(X);
        network.Backward(Y);
        var W1 = network.W1.AsSpan().ToArray();
        var dW1 = network.dW1.AsSpan().ToArray();

        network.Update(0.5);

        // W1 −= α dW1
        AssertMatrix(W1.Zip(dW1, (w, dw) => w - (0.5 * dw)).ToArray(), network.W1);
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    private static void Set(Matrix<double> matrix, double[] values) => values.CopyTo(matrix.AsSpan());

    private static void AssertMatrix(double[] expected, Matrix<double> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual.AsSpan()[i], Tolerance);
        }
    }
}
