using System.Runtime.CompilerServices;

namespace NetGen.Runtime.Tests;

/// <summary>Temporary files for the data tests, and the real data sets the samples use.</summary>
internal sealed class DataFiles : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("netgen-data-").FullName;

    /// <summary>A file of the folder holding <paramref name="text"/>.</summary>
    public string Write(string text, string name = "data.csv")
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A path in the folder, not created.</summary>
    public string PathOf(string name) => Path.Combine(folder, name);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>samples/data/<paramref name="name"/>, found from this source file's place in the repository.</summary>
    public static string Sample(string name, [CallerFilePath] string source = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", "samples", "data", name));
}
