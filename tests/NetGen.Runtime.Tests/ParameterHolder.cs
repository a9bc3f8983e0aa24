namespace NetGen.Runtime.Tests;

/// <summary>
/// A stand-in network for testing what works on any <see cref="INetwork{T}"/>, as a hand-written implementation: its
/// cost is J(w) = Σ cᵢ wᵢ² / 2 over one parameter row w, so ∂J/∂wᵢ = cᵢ wᵢ; <see cref="Backward"/> reports that
/// gradient plus <see cref="GradientError"/>. Forward propagation and prediction return X unchanged.
/// </summary>
internal sealed class ParameterHolder(double[] initial, double[] curvature) : INetwork<double>
{
    public Matrix<double> W { get; } = new(1, initial.Length, initial);

    public Matrix<double> dW { get; } = new(1, initial.Length);

    /// <summary>Added to the first gradient entry, to make the gradient wrong on purpose.</summary>
    public double GradientError { get; set; }

    /// <summary>Runs inside <see cref="Backward"/>, to act in the middle of a training step.</summary>
    public Action? DuringBackward { get; set; }

    public int InputSize => 1;

    public int OutputSize => 1;

    public string Architecture => "holder";

    public Loss Loss => Loss.MeanSquaredError;

    public double L2Regularization { get; set; }

    /// <summary>None unless set: the holder is no stack of layers (set, to test how code that reads layers checks them).</summary>
    public IReadOnlyList<LayerInfo> Layers { get; init; } = [];

    // Stable lists, as generated networks have: an optimizer recognizes its network by them.
    public IReadOnlyList<Matrix<double>> Parameters => field ??= [W];

    public IReadOnlyList<Matrix<double>> Gradients => field ??= [dW];

    public Matrix<double> Forward(Matrix<double> X) => X;

    public double ComputeCost(Matrix<double> Y)
    {
        var w = W.AsSpan().ToArray();
        return w.Select((value, i) => curvature[i] * value * value / 2).Sum();
    }

    public void Backward(Matrix<double> Y)
    {
        for (var i = 0; i < W.Columns; i++)
        {
            dW[0, i] = (curvature[i] * W[0, i]) + (i == 0 ? GradientError : 0);
        }

        DuringBackward?.Invoke();
    }

    public void Predict(Matrix<double> X, Matrix<double> result) => X.CopyTo(result);

    public void Predict(ReadOnlySpan<double> x, Span<double> output) => x.CopyTo(output);

    public void Predict(Matrix<double> X, Matrix<double> result, Matrix<double> logits)
    {
        X.CopyTo(result);
        X.CopyTo(logits);
    }

    public double CheckGradients(Matrix<double> X, Matrix<double> Y, double epsilon) => throw new NotSupportedException();

    public TrainingGuard TrainingGuard { get; } = new();
}
