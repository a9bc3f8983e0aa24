using System.Collections.Generic;

namespace NetGen;

/// <summary>
/// What a mini-batch <c>Fit</c> did, epoch by epoch (Keras' <c>History</c>): the measurements of each epoch trained,
/// which was best, and why training ended.
/// </summary>
public sealed class TrainingHistory
{
    private readonly List<EpochResult> epochs;

    internal TrainingHistory(int capacity) => epochs = new List<EpochResult>(capacity);

    /// <summary>The epochs trained by this call, in order.</summary>
    public IReadOnlyList<EpochResult> Epochs => epochs;

    /// <summary>
    /// The number (<see cref="EpochResult.Epoch"/>) of the best epoch by the monitored quantity —
    /// <see cref="EarlyStopping.Monitor"/> when early stopping is set, else the validation cost when there is validation
    /// data, else the training cost — or −1 when no epoch finished. With early stopping, the parameters are this epoch's.
    /// </summary>
    public int BestEpoch { get; internal set; } = -1;

    /// <summary>Whether training stopped before its last epoch: early stopping, or the progress callback returning false.</summary>
    public bool StoppedEarly { get; internal set; }

    /// <summary>
    /// Whether the cancellation token stopped training. It is checked before each batch; the parameters and the
    /// optimizer's state are those after the last finished step, and the unfinished epoch is not in <see cref="Epochs"/>.
    /// </summary>
    public bool Cancelled { get; internal set; }

    internal void Add(EpochResult result) => epochs.Add(result);
}
