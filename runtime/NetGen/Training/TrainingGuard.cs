using System;
using System.ComponentModel;
using System.Threading;

namespace NetGen.CompilerServices;

/// <summary>
/// Turns training calls on one network from two threads at once into a clear exception. Training state (caches,
/// gradients, parameters, optimizer state) belongs to one thread at a time; a call made while another thread is inside
/// a training call fails before it touches anything. Calls nested on the owning thread (<c>TrainStep</c> calling
/// <c>Forward</c>) pass with a plain read, so a training step pays for one interlocked exchange.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class TrainingGuard
{
    // The managed thread id of the thread inside a training call, or 0.
    private int owner;

    /// <summary>Whether a thread other than the caller is inside a training call right now.</summary>
    public bool IsTrainingOnAnotherThread
    {
        get
        {
            var current = Volatile.Read(ref owner);
            return current != 0 && current != Environment.CurrentManagedThreadId;
        }
    }

    /// <summary>Enters a training call; dispose the result to leave it.</summary>
    /// <param name="operation">The public method being entered, for the message.</param>
    /// <exception cref="InvalidOperationException">Another thread is inside a training call on the same network.</exception>
    public Scope Enter(string operation)
    {
        var thread = Environment.CurrentManagedThreadId;
        if (Volatile.Read(ref owner) == thread)
        {
            return default; // nested in a call this thread already owns
        }

        if (Interlocked.CompareExchange(ref owner, thread, 0) != 0)
        {
            throw ConcurrentUse(operation);
        }

        return new Scope(this);
    }

    /// <summary>The exception for a call made while another thread trains the network.</summary>
    public static InvalidOperationException ConcurrentUse(string operation) => new(
        $"{operation} was called while another thread is training this network. A network trains on one thread at a " +
        "time; prediction is safe from any number of threads once training has finished.");

    /// <summary>The extent of one outermost training call.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly TrainingGuard? guard;

        internal Scope(TrainingGuard guard) => this.guard = guard;

        /// <summary>Leaves the training call.</summary>
        public void Dispose()
        {
            if (guard is not null)
            {
                Volatile.Write(ref guard.owner, 0);
            }
        }
    }
}
