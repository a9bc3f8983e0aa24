using System;
using System.Collections.Generic;
using System.Linq;

namespace NetGen;

/// <summary>
/// How well a classifier's predicted classes match the labels: accuracy, and precision, recall and F1 per class. A
/// softmax network predicts the class of its largest output; one sigmoid unit predicts class 1 when its output is above
/// 0.5. Several sigmoid units are a multi-label classifier: each unit is a yes/no question of its own, thresholded at
/// 0.5, and "class" c below is unit c.
/// </summary>
public sealed class ClassificationMetrics
{
    // perClass: for each class, the counts it is read from and which of their classes is the positive one.
    private ClassificationMetrics(double accuracy, ConfusionMatrix? confusionMatrix, (ConfusionMatrix Counts, int Positive)[] perClass)
    {
        Accuracy = accuracy;
        ConfusionMatrix = confusionMatrix;
        Precision = Array.AsReadOnly(perClass.Select(c => c.Counts.Precision(c.Positive)).ToArray());
        Recall = Array.AsReadOnly(perClass.Select(c => c.Counts.Recall(c.Positive)).ToArray());
        F1 = Array.AsReadOnly(perClass.Select(c => c.Counts.F1(c.Positive)).ToArray());
    }

    /// <summary>
    /// The fraction of correct predictions: of examples for a single-label classifier, of (unit, example) pairs for a
    /// multi-label one (Keras' binary accuracy).
    /// </summary>
    public double Accuracy { get; }

    /// <summary>
    /// The counts by actual class (rows) and predicted class (columns): k × k for softmax, 2 × 2 (classes 0 and 1) for
    /// one sigmoid unit; <see langword="null"/> for a multi-label classifier, whose units each have their own 2 × 2 counts.
    /// </summary>
    public ConfusionMatrix? ConfusionMatrix { get; }

    /// <summary>The precision of each class (each unit, for multi-label): TP / (TP + FP), 0 when never predicted.</summary>
    public IReadOnlyList<double> Precision { get; }

    /// <summary>The recall of each class (each unit, for multi-label): TP / (TP + FN), 0 when it never occurs.</summary>
    public IReadOnlyList<double> Recall { get; }

    /// <summary>The F1 score of each class (each unit, for multi-label): 2 TP / (2 TP + FP + FN).</summary>
    public IReadOnlyList<double> F1 { get; }

    /// <summary>The metrics of a single-label classifier, from its confusion matrix.</summary>
    internal static ClassificationMetrics SingleLabel(ConfusionMatrix matrix) =>
        new(matrix.Accuracy, matrix, Enumerable.Range(0, matrix.Classes).Select(c => (matrix, c)).ToArray());

    /// <summary>The metrics of a multi-label classifier, from the 2 × 2 confusion matrix of each unit.</summary>
    internal static ClassificationMetrics MultiLabel(IReadOnlyList<ConfusionMatrix> units) =>
        new((double)units.Sum(u => u[0, 0] + u[1, 1]) / units.Sum(u => u.Total), null, units.Select(u => (u, 1)).ToArray());
}
