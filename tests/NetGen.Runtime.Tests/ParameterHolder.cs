namespace NetGen.Runtime.Tests;

/// <summary>
/// A stand-in network for testing what works on any <see cref="INetwork{T}"/>: its cost is J(w) = Σ cᵢ wᵢ² / 2 over one
/// parameter row w, so ∂J/∂wᵢ = cᵢ wᵢ; <see cref="Backward"/> reports that gradient plus <see cref="GradientError"/>.
/// </summary>
internal sealed class ParameterHolder(double[] initial, double[] curvature) : INetwork<double>
{
    public Matrix<double> W { get; } = new(1, initial.Length, initial);

    public Matrix<double> dW { get; } = new(1, initial.Length);

    /// <summary>Added to the first gradient entry, to make the gradient wrong on purpose.</summary>
    public double GradientError { get; set; }

    public int InputSize => 1;

    public int OutputSize => 1;

    public string Architecture => "holder";

    public Loss Loss => Loss.MeanSquaredError;

    public double L2Regularization { get; set; }

    public IReadOnlyList<LayerInfo> Layers => [];

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
    }

    public void Update(double learningRate) => throw new NotSupportedException();

    public double TrainStep(Matrix<double> X, Matrix<double> Y, double learningRate) => throw new NotSupportedException();

    public Matrix<double> Predict(Matrix<double> X) => throw new NotSupportedException();

    public void Predict(Matrix<double> X, Matrix<double> result) => throw new NotSupportedException();

    public void Predict(ReadOnlySpan<double> x, Span<double> output) => throw new NotSupportedException();

    public double Fit(Matrix<double> X, Matrix<double> Y, int iterations, double learningRate, Action<int, double>? progress = null, int progressInterval = 100) => throw new NotSupportedException();

    public double Fit(Matrix<double> X, Matrix<double> Y, TrainingOptions options, Func<int, double, bool>? progress = null) => throw new NotSupportedException();

    public double CheckGradients(Matrix<double> X, Matrix<double> Y, double epsilon) => throw new NotSupportedException();

    public void Save(Stream stream) => throw new NotSupportedException();

    public void Load(Stream stream) => throw new NotSupportedException();

    public void Save(string path) => throw new NotSupportedException();

    public void Load(string path) => throw new NotSupportedException();
}
