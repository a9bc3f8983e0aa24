using NetGen.CompilerServices;

namespace NetGen.Runtime.Tests;

public class WorkspacePoolTests
{
    private sealed class Workspace;

    [Fact]
    public void Rented_workspaces_are_never_shared_and_a_returned_one_is_reused()
    {
        var pool = new WorkspacePool<Workspace>();

        var first = pool.Rent();
        var second = pool.Rent();
        pool.Return(first);
        var third = pool.Rent();

        Assert.NotSame(first, second);
        Assert.Same(first, third);
    }

    [Fact]
    public void A_full_pool_drops_what_is_returned_and_an_empty_one_creates()
    {
        var pool = new WorkspacePool<Workspace>();
        var rented = Enumerable.Range(0, 4 * Environment.ProcessorCount).Select(_ => pool.Rent()).ToList();

        rented.ForEach(pool.Return);
        var again = Enumerable.Range(0, 4 * Environment.ProcessorCount).Select(_ => pool.Rent()).ToList();

        Assert.Equal(rented.Count, rented.Distinct().Count());
        Assert.Equal(2 * Environment.ProcessorCount, again.Count(rented.Contains)); // the slots kept half of them
    }
}
