using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;

namespace NetGen.CompilerServices;

/// <summary>
/// Reads a CSV file of examples as rows into X (features × m) and Y: one line at a time, each cell parsed from a span
/// of the line, so the only allocation per example is the line's string. Gzip is recognized from its magic bytes.
/// </summary>
internal static class CsvReader
{
    public static DataSet<T> Load<T>(string path, CsvOptions options)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        using var file = File.OpenRead(path);
        using var reader = new StreamReader(IsGzip(file) ? new GZipStream(file, CompressionMode.Decompress) : file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        var lineNumber = 0;
        while (lineNumber < options.HeaderLines && reader.ReadLine() is not null)
        {
            lineNumber++;
        }

        var separator = options.Separator;
        var features = new List<T>();
        var labels = new List<T>();
        int[]? labelSlots = null;
        var labelCount = 0;
        var largestClass = -1;
        var labelRow = Array.Empty<T>();
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            // The first example fixes the number of columns; every later one must have as many.
            if (labelSlots is null)
            {
                labelSlots = LabelSlots(line.AsSpan().Count(separator) + 1, options, path, lineNumber, out labelCount);
                labelRow = new T[labelCount];
            }

            var rest = line.AsSpan();
            for (var column = 0; column < labelSlots.Length; column++)
            {
                var end = rest.IndexOf(separator);
                if ((end < 0) != (column == labelSlots.Length - 1))
                {
                    throw Error(path, lineNumber, null, $"expected {labelSlots.Length} columns, as the first example has, but found {line.AsSpan().Count(separator) + 1}");
                }

                var cell = end < 0 ? rest : rest[..end];
                rest = end < 0 ? default : rest[(end + 1)..];
                var value = Parse<T>(cell, path, lineNumber, column);
                if (labelSlots[column] < 0)
                {
                    features.Add(value);
                }
                else
                {
                    largestClass = Math.Max(largestClass, CheckLabel(value, cell, options, path, lineNumber, column));
                    labelRow[labelSlots[column]] = value;
                }
            }

            // Y's rows in the order the label columns were named.
            labels.AddRange(labelRow);
        }

        if (labelSlots is null)
        {
            throw new InvalidDataException($"{path} holds no examples: its {lineNumber} line(s) are header lines (the options skip {options.HeaderLines}) or blank.");
        }

        var examples = labels.Count / labelCount;
        var X = Transposed(features, examples, labelSlots.Length - labelCount);
        var Y = options.Labels == LabelEncoding.OneHot
            ? OneHot<T>(labels, options.Classes ?? largestClass + 1)
            : Transposed(labels, examples, labelCount);
        return new DataSet<T>(X, Y);
    }

    /// <summary>Per column, its row of Y, or −1 for a feature.</summary>
    private static int[] LabelSlots(int columns, CsvOptions options, string path, int lineNumber, out int labelCount)
    {
        var slots = new int[columns];
        slots.AsSpan().Fill(-1);
        labelCount = 0;
        foreach (var index in options.LabelColumns)
        {
            var column = index.GetOffset(columns);
            if ((uint)column >= (uint)columns || slots[column] >= 0)
            {
                throw new ArgumentException(
                    (uint)column >= (uint)columns
                        ? $"{path}, line {lineNumber}: the label column {index} is outside the {columns} columns of the first example."
                        : $"{path}: the label columns name column {column} twice.",
                    nameof(options));
            }

            slots[column] = labelCount++;
        }

        if (labelCount == columns)
        {
            throw new ArgumentException($"{path}, line {lineNumber}: all {columns} columns are label columns, which leaves no feature.", nameof(options));
        }

        return slots;
    }

    private static T Parse<T>(ReadOnlySpan<char> cell, string path, int lineNumber, int column)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (!T.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw Error(path, lineNumber, column, cell.IsWhiteSpace() ? "expected a number, but the cell is empty" : $"expected a number, but found \"{cell.Trim()}\"");
        }

        if (!T.IsFinite(value))
        {
            // Also a finite number too large for T ("1e39" as float), which parses to infinity.
            throw Error(path, lineNumber, column, $"expected a finite number, but found \"{cell.Trim()}\"");
        }

        return value;
    }

    /// <summary>Checks a label against the encoding and returns its class (−1 unless one-hot).</summary>
    private static int CheckLabel<T>(T value, ReadOnlySpan<char> cell, CsvOptions options, string path, int lineNumber, int column)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        switch (options.Labels)
        {
            case LabelEncoding.Binary when value != T.Zero && value != T.One:
                throw Error(path, lineNumber, column, $"expected a binary label 0 or 1, but found \"{cell.Trim()}\"");
            case LabelEncoding.OneHot:
                var classes = options.Classes ?? int.MaxValue;
                if (!T.IsInteger(value) || value < T.Zero || value >= T.CreateSaturating(classes))
                {
                    throw Error(path, lineNumber, column, $"expected a class {(options.Classes is { } k ? $"0 … {k - 1}" : "0, 1, 2 …")}, but found \"{cell.Trim()}\"");
                }

                return int.CreateSaturating(value);
            default:
                return -1;
        }
    }

    private static InvalidDataException Error(string path, int lineNumber, int? column, string message) =>
        new($"{path}, line {lineNumber}{(column is { } c ? $", column {c + 1}" : "")}: {message}.");

    /// <summary>Values read example by example (m rows of n) as the n × m matrix whose columns are the examples.</summary>
    private static Matrix<T> Transposed<T>(List<T> values, int examples, int rows)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var source = CollectionsMarshal.AsSpan(values);
        var matrix = new Matrix<T>(rows, examples);
        var target = matrix.AsSpan();
        for (var j = 0; j < examples; j++)
        {
            for (var i = 0; i < rows; i++)
            {
                target[(i * examples) + j] = source[(j * rows) + i];
            }
        }

        return matrix;
    }

    private static Matrix<T> OneHot<T>(List<T> labels, int classes)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var indices = new int[labels.Count];
        for (var j = 0; j < indices.Length; j++)
        {
            indices[j] = int.CreateTruncating(labels[j]);
        }

        return Matrix<T>.OneHot(indices, classes);
    }

    /// <summary>Whether the file starts with gzip's magic bytes 1F 8B; the file is left at its start.</summary>
    private static bool IsGzip(FileStream file)
    {
        Span<byte> magic = stackalloc byte[2];
        var read = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        file.Position = 0;
        return read == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
    }
}
