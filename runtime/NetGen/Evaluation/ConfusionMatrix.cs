using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace NetGen;

/// <summary>
/// Counts of a classifier's predictions by actual and predicted class: <c>this[actual, predicted]</c>, so rows are
/// actual classes and columns predicted classes (scikit-learn's orientation). Precision, recall and F1 of each class
/// are computed from the counts.
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly long[] counts;

    /// <summary>Counts the pairs (actual[j], predicted[j]) of <paramref name="classes"/> classes.</summary>
    /// <param name="actual">The actual class of each example, in [0, classes).</param>
    /// <param name="predicted">The predicted class of each example, in [0, classes).</param>
    /// <param name="classes">The number of classes; at least 2.</param>
    /// <exception cref="ArgumentNullException"><paramref name="actual"/> or <paramref name="predicted"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classes"/> is less than 2.</exception>
    /// <exception cref="ArgumentException">The lists differ in length, or a class is outside [0, classes).</exception>
    public ConfusionMatrix(IReadOnlyList<int> actual, IReadOnlyList<int> predicted, int classes)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        if (actual.Count != predicted.Count)
        {
            throw new ArgumentException($"Expected predicted to have as many classes as actual ({actual.Count}), but it has {predicted.Count}.", nameof(predicted));
        }

        Classes = classes;
        counts = new long[classes * classes];
        for (var j = 0; j < actual.Count; j++)
        {
            counts[(RequireClass(actual[j], j, nameof(actual)) * classes) + RequireClass(predicted[j], j, nameof(predicted))]++;
        }

        Total = actual.Count;
    }

    /// <summary>The number of classes k: the matrix is k × k.</summary>
    public int Classes { get; }

    /// <summary>The number of examples counted.</summary>
    public long Total { get; }

    /// <summary>The fraction of examples whose predicted class is the actual one: the trace over <see cref="Total"/> (NaN when empty).</summary>
    public double Accuracy
    {
        get
        {
            long correct = 0;
            for (var c = 0; c < Classes; c++)
            {
                correct += this[c, c];
            }

            return (double)correct / Total;
        }
    }

    /// <summary>The number of examples of class <paramref name="actual"/> predicted as <paramref name="predicted"/>.</summary>
    /// <param name="actual">The row: the actual class.</param>
    /// <param name="predicted">The column: the predicted class.</param>
    /// <exception cref="ArgumentOutOfRangeException">A class is outside [0, <see cref="Classes"/>).</exception>
    public long this[int actual, int predicted]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(actual);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(actual, Classes);
            ArgumentOutOfRangeException.ThrowIfNegative(predicted);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(predicted, Classes);
            return counts[(actual * Classes) + predicted];
        }
    }

    /// <summary>The number of examples whose actual class is <paramref name="c"/>: the sum of its row.</summary>
    /// <param name="c">The class.</param>
    public long Support(int c) => Sum(c, byRow: true);

    /// <summary>
    /// Of the examples predicted as <paramref name="c"/>, the fraction that are: TP / (TP + FP). 0 when the class is
    /// never predicted (scikit-learn's convention), so that averages stay defined.
    /// </summary>
    /// <param name="c">The class.</param>
    public double Precision(int c) => Ratio(this[c, c], Sum(c, byRow: false));

    /// <summary>Of the examples of class <paramref name="c"/>, the fraction predicted as <paramref name="c"/>: TP / (TP + FN); 0 when there are none.</summary>
    /// <param name="c">The class.</param>
    public double Recall(int c) => Ratio(this[c, c], Support(c));

    /// <summary>The harmonic mean of precision and recall, 2 TP / (2 TP + FP + FN); 0 when both are 0.</summary>
    /// <param name="c">The class.</param>
    public double F1(int c) => Ratio(2 * this[c, c], Support(c) + Sum(c, byRow: false));

    /// <summary>The counts as a table: one row per actual class, one column per predicted class.</summary>
    /// <returns>The table, with a header row of predicted classes.</returns>
    public override string ToString()
    {
        var width = Math.Max(Classes.ToString(CultureInfo.InvariantCulture).Length, Total.ToString(CultureInfo.InvariantCulture).Length) + 1;
        var text = new StringBuilder("actual \\ predicted");
        text.AppendLine();
        text.Append(' ', width);
        for (var p = 0; p < Classes; p++)
        {
            text.Append(p.ToString(CultureInfo.InvariantCulture).PadLeft(width));
        }

        for (var a = 0; a < Classes; a++)
        {
            text.AppendLine().Append(a.ToString(CultureInfo.InvariantCulture).PadLeft(width));
            for (var p = 0; p < Classes; p++)
            {
                text.Append(this[a, p].ToString(CultureInfo.InvariantCulture).PadLeft(width));
            }
        }

        return text.ToString();
    }

    private static double Ratio(long numerator, long denominator) => denominator == 0 ? 0 : (double)numerator / denominator;

    private long Sum(int c, bool byRow)
    {
        long sum = 0;
        for (var other = 0; other < Classes; other++)
        {
            sum += byRow ? this[c, other] : this[other, c];
        }

        return sum;
    }

    private int RequireClass(int value, int example, string name) =>
        value >= 0 && value < Classes
            ? value
            : throw new ArgumentException($"Expected {name}[{example}] to be a class in [0, {Classes}), but it is {value}.", name);
}
