using System;
using System.Text;

namespace NetGen.Generator.Emission;

/// <summary>
/// Writes C# text with indentation: four spaces, '\n' line ends, whatever the machine. <see cref="Block"/> opens a
/// braced block that closes when disposed, so the structure of the emitter mirrors the structure of the output.
/// </summary>
internal sealed class SourceWriter
{
    private const string IndentUnit = "    ";
    private readonly StringBuilder builder = new();
    private int depth;

    public void WriteLine(string line)
    {
        if (line.Length > 0)
        {
            for (var i = 0; i < depth; i++)
            {
                builder.Append(IndentUnit);
            }

            builder.Append(line);
        }

        builder.Append('\n');
    }

    public void WriteLine() => builder.Append('\n');

    /// <summary>Writes <c>{</c>, indents until the returned scope is disposed, then writes <paramref name="closing"/>.</summary>
    public Scope Block(string? header = null, string closing = "}")
    {
        if (header is not null)
        {
            WriteLine(header);
        }

        WriteLine("{");
        depth++;
        return new Scope(this, closing);
    }

    public override string ToString() => builder.ToString();

    public readonly struct Scope(SourceWriter writer, string closing) : IDisposable
    {
        public void Dispose()
        {
            writer.depth--;
            writer.WriteLine(closing);
        }
    }
}
