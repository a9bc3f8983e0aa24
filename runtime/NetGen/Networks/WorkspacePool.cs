using System;
using System.ComponentModel;
using System.Threading;

namespace NetGen.CompilerServices;

/// <summary>
/// A small lock-free pool of the workspaces a generated network predicts on, so that any number of threads can predict
/// at once, each on buffers of its own, without allocating once the pool has warmed up. Renting takes a workspace out
/// of a slot with an interlocked exchange, scanning from a slot chosen by the calling thread; returning puts it into an
/// empty slot with an interlocked compare-exchange. No caller ever waits for another: when every slot is empty a new
/// workspace is created, and when every slot is full a returned workspace is dropped.
/// </summary>
/// <typeparam name="TWorkspace">The network's workspace: buffers that one call uses at a time.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class WorkspacePool<TWorkspace>
    where TWorkspace : class, new()
{
    // Twice the processor count: enough for every thread that can run at once, with room for threads that were
    // preempted while holding one.
    private static readonly int Count = 2 * Environment.ProcessorCount;

    // Each slot on a cache line of its own (16 references, 128 bytes, clear of the adjacent-line prefetcher too): two
    // threads renting and returning at once would otherwise take turns owning one line. Measured on serving-bf16, the
    // padding and the striped prediction count (WorkerPool) together raised 2 threads' predictions per second 1.3–1.5×.
    private const int Stride = 16;

    private readonly TWorkspace?[] slots = new TWorkspace?[Count * Stride];

    /// <summary>A workspace no other caller holds: a pooled one, or a new one when none is free.</summary>
    public TWorkspace Rent()
    {
        var start = Start;
        for (var i = 0; i < Count; i++)
        {
            var index = (start + i) % Count * Stride;
            var workspace = Interlocked.Exchange(ref slots[index], null);
            if (workspace is not null)
            {
                return workspace;
            }
        }

        return new TWorkspace();
    }

    /// <summary>Gives back a workspace from <see cref="Rent"/>, which the caller must no longer use.</summary>
    public void Return(TWorkspace workspace)
    {
        var start = Start;
        for (var i = 0; i < Count; i++)
        {
            var index = (start + i) % Count * Stride;
            if (Interlocked.CompareExchange(ref slots[index], workspace, null) is null)
            {
                return;
            }
        }
    }

    /// <summary>
    /// The calling thread's first slot, so that threads mostly meet different slots, and a thread that predicts again
    /// usually finds the workspace it returned, already sized for its batches.
    /// </summary>
    private static int Start => Environment.CurrentManagedThreadId % Count;
}
