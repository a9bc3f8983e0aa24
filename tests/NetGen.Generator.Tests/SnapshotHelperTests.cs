namespace NetGen.Generator.Tests;

/// <summary>The snapshot helper itself: a snapshot test is only as strict as the comparison behind it.</summary>
public sealed class SnapshotHelperTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("netgen-snapshots-").FullName;

    [Fact]
    public void A_missing_snapshot_fails_and_writes_the_received_file()
    {
        var verified = Path.Combine(folder, "T.Missing#A.verified.cs");

        var failure = Snapshot.VerifyText(verified, "generated\n");

        if (Snapshot.AcceptanceRequested)
        {
            Assert.Null(failure);
            Assert.Equal("generated\n", File.ReadAllText(verified));
        }
        else
        {
            Assert.StartsWith($"No snapshot {verified}.", failure);
            Assert.Equal("generated\n", File.ReadAllText(Path.Combine(folder, "T.Missing#A.received.cs")));
            Assert.False(File.Exists(verified));
        }
    }

    [Fact]
    public void A_different_snapshot_fails_showing_the_first_different_line()
    {
        var verified = Path.Combine(folder, "T.Different#A.verified.cs");
        File.WriteAllText(verified, "one\ntwo\nthree\n");

        var failure = Snapshot.VerifyText(verified, "one\n2\nthree\n");

        if (Snapshot.AcceptanceRequested)
        {
            Assert.Null(failure);
        }
        else
        {
            Assert.NotNull(failure);
            Assert.Contains("-     2  two\n+     2  2", failure);
            Assert.Equal("one\ntwo\nthree\n", File.ReadAllText(verified));
        }
    }

    [Fact]
    public void A_matching_snapshot_passes_and_removes_a_stale_received_file()
    {
        var verified = Path.Combine(folder, "T.Same#A.verified.cs");
        var received = Path.Combine(folder, "T.Same#A.received.cs");
        File.WriteAllText(verified, "same\r\n");
        File.WriteAllText(received, "old output\n");

        var failure = Snapshot.VerifyText(verified, "same\n");

        Assert.Null(failure);
        Assert.False(File.Exists(received));
    }

    [Theory]
    [InlineData("C.Test#File.verified.cs", true)]
    [InlineData("C.Test.verified.txt", true)]
    [InlineData("C.TestTwo#File.verified.cs", false)]
    [InlineData("C.TestTwo.verified.txt", false)]
    public void Snapshots_belong_to_their_own_test_only(string fileName, bool belongs)
    {
        Assert.Equal(belongs, Snapshot.BelongsTo(fileName, "C.Test"));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
