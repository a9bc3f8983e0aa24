using System.Diagnostics;
using NetGen;
using Xunit.Abstractions;

namespace NetGen.IntegrationTests;

/// <summary>
/// Save(path) must replace the file atomically: whenever the process dies, the file is the old one or the new one,
/// complete. A child process saves a 6 MB network over and over (<see cref="Program.SaveUntilKilled"/>) and is killed
/// with SIGKILL at a random moment, 40 times; after each kill the file at the path must load. Temporary files a kill
/// leaves behind have their own names, and are counted and removed. With the old Save, which truncated the file and
/// then wrote it, most kills left a file that did not load.
/// </summary>
public sealed class SaveKillTests(ITestOutputHelper output) : IDisposable
{
    private const int Kills = 40;

    private readonly string folder = Directory.CreateTempSubdirectory("netgen-kill-").FullName;

    [Fact]
    public void The_file_survives_the_process_being_killed_while_it_saves()
    {
        var path = Path.Combine(folder, "large.ngp");
        var random = new Random(20240601);
        var loaded = new LargeNetwork(seed: 2);
        var strays = 0;
        var clock = Stopwatch.StartNew();
        for (var kill = 1; kill <= Kills; kill++)
        {
            using (var child = StartSaver(path))
            {
                // Once the first save has finished, kill the child at a random moment of the saves that follow.
                WaitForFirstSave(child);
                Thread.Sleep(random.Next(0, 150));
                child.Kill();
                child.WaitForExit();
            }

            var error = Record.Exception(() => loaded.Load(path));
            Assert.True(error is null, $"kill {kill}: the file did not load: {error?.Message}");
            Assert.True(loaded.b2[0, 0] >= 1, $"kill {kill}: the file holds no save of the child");
            strays += RemoveTemporaryFiles(path);
        }

        output.WriteLine($"{Kills} kills in {clock.Elapsed.TotalSeconds:F1} s: the file loaded after every one; {strays} temporary files left behind.");
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>Starts this assembly as the saving child, with the dotnet host that runs the tests.</summary>
    private static Process StartSaver(string path)
    {
        var start = new ProcessStartInfo(DotnetHost)
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        start.ArgumentList.Add(Program.SaveUntilKilled);
        start.ArgumentList.Add(path);
        return Process.Start(start) ?? throw new InvalidOperationException("The saving child did not start.");
    }

    /// <summary>The dotnet executable: the one running the tests, or the one the .NET SDK names, or the one on the PATH.</summary>
    private static string DotnetHost =>
        Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet"
            ? Environment.ProcessPath!
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    /// <summary>Waits for the line the child writes after its first save; fails if it exits instead.</summary>
    private static void WaitForFirstSave(Process child)
    {
        if (child.StandardOutput.ReadLine() is null)
        {
            child.WaitForExit();
            Assert.Fail($"The saving child exited with code {child.ExitCode} before its first save.");
        }
    }

    /// <summary>Deletes the temporary files of killed saves, which are never named like the target; returns how many there were.</summary>
    private int RemoveTemporaryFiles(string path)
    {
        var strays = Directory.GetFiles(folder).Where(file => file != path).ToArray();
        Assert.All(strays, file => Assert.Matches(@"large\.ngp\.[0-9a-f]{32}\.tmp$", file));
        foreach (var file in strays)
        {
            File.Delete(file);
        }

        return strays.Length;
    }
}
