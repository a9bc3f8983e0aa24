namespace NetGen;

/// <summary>How <c>Fit</c> trains with mini-batches: the optimizer, the number of epochs, the batch size and the shuffling.</summary>
public sealed class TrainingOptions
{
    /// <summary>The optimizer that applies each step; it keeps its state between calls to <c>Fit</c>. Required: <c>Fit</c> names a null one.</summary>
    public required Optimizer Optimizer { get; init; }

    /// <summary>The number of passes over the training set.</summary>
    public required int Epochs { get; init; }

    /// <summary>
    /// The number of examples per step; the last batch of an epoch takes the remainder. A batch size of m or more trains
    /// on the whole set at once. 32 unless set.
    /// </summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Whether the examples are shuffled at the start of each epoch. <see langword="true"/> unless set.</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>The seed of the shuffling: the same seed gives the same batches on every run and machine.</summary>
    public int Seed { get; init; }

    /// <summary>How the learning rate changes between epochs; constant when <see langword="null"/>.</summary>
    public LearningRateSchedule? Schedule { get; init; }

    /// <summary>
    /// Stops training when the monitored quantity stops improving, and restores the best epoch's parameters; no early
    /// stopping when <see langword="null"/>.
    /// </summary>
    public EarlyStopping? EarlyStopping { get; init; }

    /// <summary>
    /// A file that <c>Fit</c> keeps a checkpoint in: after every epoch it saves the parameters, the optimizer's state, the
    /// epoch and the shuffling position there (atomically, as <c>Save</c> does); when the file exists as <c>Fit</c>
    /// starts, training resumes from it and goes on to <see cref="Epochs"/> in all, bit for bit as if it had not
    /// stopped (given the same data and options). No checkpoints when <see langword="null"/>.
    /// </summary>
    public string? CheckpointPath { get; init; }
}
