using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace NetGen.Generator.Emission;

/// <summary>
/// Writes C# text with indentation: four spaces, '\n' line ends, whatever the machine. <see cref="Block"/> opens a
/// braced block that closes when disposed, so the structure of the emitter mirrors the structure of the output;
/// <see cref="Member"/> writes a generated member's documentation.
/// </summary>
internal sealed class SourceWriter
{
    private const string IndentUnit = "    ";

    /// <summary>The longest line the writer breaks an expression-bodied member to stay under.</summary>
    private const int LineLength = 150;

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

    /// <summary>
    /// The prologue of a generated member: its documentation, one <c>///</c> line per entry (<c>&lt;inheritdoc/&gt;</c>
    /// where the member implements <c>INetwork&lt;T&gt;</c>, which documents it). <c>[GeneratedCode]</c> is on the
    /// class, once, not on every member.
    /// </summary>
    public void Member(params string[] documentation)
    {
        foreach (var line in documentation)
        {
            WriteLine("/// " + line);
        }
    }

    /// <summary>A one-line member: its prologue with a one-line summary and the declaration, without a blank line.</summary>
    public void OneLineMember(string summary, string declaration)
    {
        Member(Summary(summary));
        WriteLine(declaration);
    }

    /// <summary>
    /// An expression-bodied member: on one line when it fits; else broken after <c>=&gt;</c>, and a signature that is
    /// still too long has its parameters on lines of their own. Then a blank line.
    /// </summary>
    public void ExpressionBodied(string signature, string expression)
    {
        var indent = depth * IndentUnit.Length;
        if (indent + signature.Length + expression.Length + 5 <= LineLength)
        {
            WriteLine($"{signature} => {expression};");
        }
        else
        {
            var open = signature.IndexOf('(');
            if (indent + signature.Length + 3 <= LineLength || open < 0)
            {
                WriteLine(signature + " =>");
            }
            else
            {
                WriteList(signature.Substring(0, open + 1), Parameters(signature.Substring(open + 1, signature.Length - open - 2)), ") =>");
            }

            WriteLine(IndentUnit + expression + ";");
        }

        WriteLine();
    }

    /// <summary>The parameters of a parameter list, split at the commas outside type arguments.</summary>
    private static IEnumerable<string> Parameters(string list)
    {
        var nesting = 0;
        var start = 0;
        for (var i = 0; i < list.Length; i++)
        {
            nesting += list[i] == '<' ? 1 : list[i] == '>' ? -1 : 0;
            if (list[i] == ',' && nesting == 0)
            {
                yield return list.Substring(start, i - start).Trim();
                start = i + 1;
            }
        }

        yield return list.Substring(start).Trim();
    }

    /// <summary>
    /// <paramref name="head"/>, the items separated by commas, then <paramref name="tail"/>: on one line when it fits,
    /// else with the items on indented lines below the head.
    /// </summary>
    public void WriteList(string head, IEnumerable<string> items, string tail)
    {
        var all = items.ToList();
        var indent = depth * IndentUnit.Length;
        var oneLine = head + string.Join(", ", all) + tail;
        if (indent + oneLine.Length <= LineLength)
        {
            WriteLine(oneLine);
            return;
        }

        WriteLine(head.TrimEnd());
        depth++;
        var line = new StringBuilder();
        for (var i = 0; i < all.Count; i++)
        {
            var item = all[i] + (i < all.Count - 1 ? "," : tail.TrimStart());
            if (line.Length > 0 && indent + IndentUnit.Length + line.Length + 1 + item.Length > LineLength)
            {
                WriteLine(line.ToString());
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : string.Empty).Append(item);
        }

        WriteLine(line.ToString());
        depth--;
    }

    public static string Summary(string text) => $"<summary>{text}</summary>";

    public const string InheritDoc = "<inheritdoc/>";

    /// <summary>Opens the namespace and every containing type of <paramref name="type"/>; dispose the result to close them.</summary>
    public Containers OpenContainers(Model.TypeHierarchy type)
    {
        var scopes = new List<Scope>();
        if (type.Namespace.Length > 0)
        {
            scopes.Add(Block("namespace " + type.Namespace));
        }

        foreach (var container in type.ContainingTypes)
        {
            scopes.Add(Block($"partial {container.Keyword} {container.Name}"));
        }

        return new Containers(scopes);
    }

    public override string ToString() => builder.ToString();

    public readonly struct Scope(SourceWriter writer, string closing) : IDisposable
    {
        /// <summary>Closes the block, after its last line: a blank line that a member wrote after itself is taken back.</summary>
        public void Dispose()
        {
            var builder = writer.builder;
            if (builder.Length >= 2 && builder[builder.Length - 1] == '\n' && builder[builder.Length - 2] == '\n')
            {
                builder.Length--;
            }

            writer.depth--;
            writer.WriteLine(closing);
        }
    }

    /// <summary>The blocks <see cref="OpenContainers"/> opened, closed innermost first.</summary>
    public readonly struct Containers(List<Scope> scopes) : IDisposable
    {
        public void Dispose()
        {
            for (var i = scopes.Count - 1; i >= 0; i--)
            {
                scopes[i].Dispose();
            }
        }
    }
}
