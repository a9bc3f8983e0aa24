using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace NetGen.Generator.Import;

/// <summary>
/// Reads an <c>AdditionalFiles</c> item as a weights file. The compiler reads additional files as text and refuses binary
/// ones (CS2015), so NetGen's build step (<c>buildTransitive/NetGen.targets</c>) hands the compiler a text copy of each
/// weights file instead: a header line naming the original file, then the file's bytes in base64. The network matches
/// the copy by the original's path, and the bytes come back exactly, without any file access of the generator's own.
/// </summary>
internal static class WeightsFileReader
{
    /// <summary>The first line of a copy, before the original file's full path.</summary>
    public const string Header = "NetGen weights file in base64: ";

    /// <summary>What a copy's name adds to the original's.</summary>
    public const string Suffix = ".netgen-base64";

    /// <summary>The file name of the weights file <paramref name="path"/> stands for: a copy's original, or its own.</summary>
    public static string OriginalFileName(string path)
    {
        var name = WeightsBinder.FileName(path);
        return name.EndsWith(Suffix, StringComparison.Ordinal) ? name.Substring(0, name.Length - Suffix.Length) : name;
    }

    public static WeightsFile Read(AdditionalText file, CancellationToken cancellationToken)
    {
        var text = file.GetText(cancellationToken);
        if (text is null)
        {
            return Failed(file.Path, "cannot be read by the compiler");
        }

        var (path, bytes) = Decode(file.Path, text);
        if (bytes is null)
        {
            return Failed(path, "reached the compiler as it is, not as the text copy NetGen's build step makes of an ONNX model (*.onnx) or of an item marked NetGenWeights=\"true\"; reference NetGen as a package, or import its buildTransitive/NetGen.targets");
        }

        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            if (ParameterFileReader.LooksLikeParameterFile(bytes))
            {
                return ParameterFileReader.Read(path, bytes);
            }

            return OnnxImporter.LooksLikeOnnx(bytes)
                ? OnnxImporter.Import(path, bytes)
                : Failed(path, "is neither an ONNX model nor a NetGen parameter file");
        }
        catch (Exception exception) when (exception is ArithmeticException or IndexOutOfRangeException or ArgumentException or OutOfMemoryException)
        {
            // The readers report what they recognize; a file broken in a way they do not foresee is still only unreadable.
            return Failed(path, $"is corrupted: {exception.Message}");
        }
    }

    /// <summary>The original path and bytes of a copy, or the item's own path and null when it is not one.</summary>
    internal static (string Path, byte[]? Bytes) Decode(string itemPath, SourceText text)
    {
        if (text.Lines.Count < 2 || text.Lines[0].ToString() is not { } first || !first.StartsWith(Header, StringComparison.Ordinal))
        {
            return (itemPath, null);
        }

        var start = text.Lines[1].Start;
        var chars = new char[text.Length - start];
        text.CopyTo(start, chars, 0, chars.Length);
        try
        {
            return (first.Substring(Header.Length), Convert.FromBase64CharArray(chars, 0, chars.Length));
        }
        catch (FormatException)
        {
            return (first.Substring(Header.Length), null);
        }
    }

    private static WeightsFile Failed(string path, string detail) => WeightsFile.Failed(path, WeightsProblem.Unreadable, detail);
}
