using System;
using System.Globalization;

namespace NetGen;

/// <summary>What one epoch of <c>Fit</c> measured: one entry of <see cref="TrainingHistory"/>, also reported through progress.</summary>
public readonly struct EpochResult
{
    internal EpochResult(int epoch, double trainingCost, double validationCost, double validationMetric, double learningRate, TimeSpan elapsed)
    {
        Epoch = epoch;
        TrainingCost = trainingCost;
        ValidationCost = validationCost;
        ValidationMetric = validationMetric;
        LearningRate = learningRate;
        Elapsed = elapsed;
    }

    /// <summary>The epoch's number, 0 for the first (a run resumed from a checkpoint goes on counting).</summary>
    public int Epoch { get; }

    /// <summary>The mean of the epoch's batch costs, weighted by batch size, as training saw them (with dropout and the L2 term).</summary>
    public double TrainingCost { get; }

    /// <summary>The cost on the validation data after the epoch, in inference mode (<c>Evaluate</c>); NaN without validation data.</summary>
    public double ValidationCost { get; }

    /// <summary>The main metric on the validation data (accuracy, or R² for regression); NaN without validation data.</summary>
    public double ValidationMetric { get; }

    /// <summary>The learning rate of the epoch, after the schedule.</summary>
    public double LearningRate { get; }

    /// <summary>The time since this call to <c>Fit</c> began, at the end of the epoch.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>The epoch in one line, e.g. <c>epoch 3: cost 0.2 · validation cost 0.25, metric 0.93 · rate 0.001 · 1.2 s</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"epoch {Epoch}: cost {TrainingCost:G4}{(double.IsNaN(ValidationCost) ? string.Empty : $" · validation cost {ValidationCost:G4}, metric {ValidationMetric:F4}")} · rate {LearningRate:G3} · {Elapsed.TotalSeconds:F1} s");
}
