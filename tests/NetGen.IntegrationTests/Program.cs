namespace NetGen.IntegrationTests;

/// <summary>
/// The entry point of this test assembly when it runs as a program rather than under the test host: the child process
/// of <see cref="SaveKillTests"/>, started as <c>dotnet NetGen.IntegrationTests.dll save-until-killed PATH</c>.
/// </summary>
public static class Program
{
    /// <summary>The argument that makes the assembly save <see cref="LargeNetwork"/> to a path until it is killed.</summary>
    public const string SaveUntilKilled = "save-until-killed";

    /// <summary>Runs the child of <see cref="SaveKillTests"/>; anything else is a usage error.</summary>
    public static int Main(string[] args)
    {
        if (args is [SaveUntilKilled, var path])
        {
            // Each save differs from the last in b2, so that a file on disk tells which save wrote it.
            var network = new LargeNetwork(seed: 1);
            for (var version = 1; ; version++)
            {
                network.b2[0, 0] = version;
                network.Save(path);
                Console.WriteLine(version);
            }
        }

        Console.Error.WriteLine($"These are NetGen's integration tests: run them with dotnet test. As a program they take '{SaveUntilKilled} PATH'.");
        return 2;
    }
}
