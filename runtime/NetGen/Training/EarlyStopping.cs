using System;

namespace NetGen;

/// <summary>The quantity that early stopping watches, and by which <see cref="TrainingHistory.BestEpoch"/> is chosen.</summary>
public enum MonitoredQuantity
{
    /// <summary>The cost on the validation data (lower is better); needs validation data.</summary>
    ValidationCost,

    /// <summary>The main metric on the validation data, accuracy or R² (higher is better); needs validation data.</summary>
    ValidationMetric,

    /// <summary>The training cost of the epoch: the mean of its batch costs (lower is better).</summary>
    TrainingCost,
}

/// <summary>
/// Stops <c>Fit</c> when the monitored quantity has not improved for <see cref="Patience"/> epochs in a row, and
/// restores the parameters of the best epoch when training ends, stopped or not (Keras'
/// <c>EarlyStopping(restore_best_weights=True)</c>). The optimizer's state stays that of the last step.
/// </summary>
public sealed class EarlyStopping
{
    /// <summary>What to watch; the validation cost unless set.</summary>
    public MonitoredQuantity Monitor { get; init; } = MonitoredQuantity.ValidationCost;

    /// <summary>Training stops after this many epochs in a row without improvement (0: at the first); 5 unless set.</summary>
    public int Patience { get; init; } = 5;

    /// <summary>How much the quantity must improve on the best so far to count as an improvement; 0 unless set, at least 0.</summary>
    public double MinimumImprovement { get; init; }

    /// <summary>Checks the settings, naming the property at fault.</summary>
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Patience, nameof(Patience));
        if (!(MinimumImprovement >= 0 && double.IsFinite(MinimumImprovement)))
        {
            throw new ArgumentOutOfRangeException(nameof(MinimumImprovement), MinimumImprovement, $"{nameof(MinimumImprovement)} must be a non-negative finite number.");
        }

        if (!Enum.IsDefined(Monitor))
        {
            throw new ArgumentOutOfRangeException(nameof(Monitor), Monitor, $"{nameof(Monitor)} must be a {nameof(MonitoredQuantity)}.");
        }
    }
}
