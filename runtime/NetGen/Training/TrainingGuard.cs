using System;
using System.ComponentModel;
using System.Threading;

namespace NetGen.CompilerServices;

/// <summary>
/// Turns training calls on one network from two threads at once into a clear exception. Training state (caches,
/// gradients, parameters, optimizer state) belongs to one thread at a time; a call made while another thread is inside
/// a training call fails before it touches anything. Calls nested on the owning thread (<c>TrainStep</c> calling
/// <c>Forward</c>) pass with a plain read, so a training step pays for three interlocked operations. Calls that only
/// read the parameters (prediction, saving) run between <see cref="BeginRead"/> and <see cref="EndRead"/>, which
/// fail when a training call on another thread overlaps them, so that they never return a mixture of two networks.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class TrainingGuard
{
    // The managed thread id of the thread inside a training call, or 0.
    private int owner;

    // Odd while a thread is inside a training call: incremented after owner is taken and before it is released, so
    // that a reader who sees the same even value before and after its reads knows that no training overlapped them.
    private int version;

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

        Interlocked.Increment(ref version);
        return new Scope(this);
    }

    /// <summary>Starts a call that reads the parameters: fails when another thread is training.</summary>
    /// <param name="operation">The public method being entered, for the message.</param>
    /// <returns>The token to pass to <see cref="EndRead"/>.</returns>
    /// <exception cref="InvalidOperationException">Another thread is inside a training call on the same network.</exception>
    public int BeginRead(string operation)
    {
        var token = Volatile.Read(ref version);
        if ((token & 1) != 0 && IsTrainingOnAnotherThread)
        {
            throw ConcurrentUse(operation);
        }

        return token;
    }

    /// <summary>Ends a call that read the parameters: fails when a training call on another thread began meanwhile.</summary>
    /// <param name="token">What <see cref="BeginRead"/> returned.</param>
    /// <param name="operation">The public method, for the message.</param>
    /// <exception cref="InvalidOperationException">Training began on another thread while the parameters were read.</exception>
    public void EndRead(int token, string operation)
    {
        // The reads of the parameters complete before version is read again.
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref version) != token)
        {
            throw ConcurrentUse(operation);
        }
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
                Interlocked.Increment(ref guard.version);
                Volatile.Write(ref guard.owner, 0);
            }
        }
    }
}
