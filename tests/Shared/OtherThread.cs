namespace NetGen.Tests;

/// <summary>Runs code on a thread of its own, for tests of what one thread may do while another trains a network.</summary>
internal static class OtherThread
{
    /// <summary>Runs <paramref name="action"/> on a new thread (never inlined on this one, as a task may be) and returns what it threw.</summary>
    public static Exception? Run(Action action)
    {
        Exception? exception = null;
        var thread = new Thread(() => exception = Record.Exception(action));
        thread.Start();
        thread.Join();
        return exception;
    }
}
