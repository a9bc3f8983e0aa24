namespace NetGen.Samples;

/// <summary>Classes and accuracy from a classifier's outputs or one-hot labels, one example per column.</summary>
public static class Metrics
{
    /// <summary>
    /// The class of each column: the row with the highest value, or, for a single sigmoid row, 1 when it is above 0.5.
    /// </summary>
    public static int[] Classes(Matrix<float> outputs) =>
        Enumerable.Range(0, outputs.Columns)
            .Select(j => outputs.Rows == 1
                ? (outputs[0, j] > 0.5f ? 1 : 0)
                : Enumerable.Range(0, outputs.Rows).MaxBy(i => outputs[i, j]))
            .ToArray();

    /// <summary>The share of examples whose predicted class is the labelled one.</summary>
    public static double Accuracy(Matrix<float> outputs, Matrix<float> Y) =>
        (double)Classes(outputs).Zip(Classes(Y)).Count(pair => pair.First == pair.Second) / Y.Columns;
}
