using System;
using System.Collections.Generic;
using System.Numerics;
using NetGen.CompilerServices;

namespace NetGen;

/// <summary>
/// Examples for a network: the inputs X (features × m) and the targets Y (outputs × m), example j in column j of both.
/// Loads CSV files of examples as rows and splits them into training and test sets.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>, the network's precision.</typeparam>
public sealed class DataSet<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Pairs inputs with their targets.</summary>
    /// <param name="X">The inputs, features × m.</param>
    /// <param name="Y">The targets, outputs × m.</param>
    /// <exception cref="ArgumentNullException">X or Y is null.</exception>
    /// <exception cref="ArgumentException">Y does not have as many columns (examples) as X.</exception>
    public DataSet(Matrix<T> X, Matrix<T> Y)
    {
        ArgumentNullException.ThrowIfNull(X);
        ArgumentNullException.ThrowIfNull(Y);
        Shapes.Require(Y, Y.Rows, X.Columns, nameof(Y));
        this.X = X;
        this.Y = Y;
    }

    /// <summary>The inputs, features × m.</summary>
    public Matrix<T> X { get; }

    /// <summary>The targets, outputs × m.</summary>
    public Matrix<T> Y { get; }

    /// <summary>The number of examples, m.</summary>
    public int Count => X.Columns;

    /// <summary>Deconstructs into X and Y: <c>var (X, Y) = data;</c>.</summary>
    /// <param name="X">The inputs.</param>
    /// <param name="Y">The targets.</param>
    public void Deconstruct(out Matrix<T> X, out Matrix<T> Y) => (X, Y) = (this.X, this.Y);

    /// <summary>
    /// Reads a CSV file with one example per row, plain or gzip-compressed (recognized from its first bytes): the
    /// label columns (by default the last) become Y as <see cref="CsvOptions.Labels"/> says, the other columns X.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="options">Header lines, label columns, label encoding, separator; null for the defaults.</param>
    /// <returns>X with one row per feature column and Y, both with one column per example, in the file's order.</returns>
    /// <exception cref="ArgumentException">The options are not consistent, or name a label column the file does not have.</exception>
    /// <exception cref="System.IO.InvalidDataException">
    /// A line is not an example: the message names the file, the line (counted from 1, header lines included), the
    /// column (from 1) and what was expected and found — a number that is not finite, an empty cell, a row with another
    /// number of columns than the first example, a label outside its encoding — or the file holds no example.
    /// </exception>
    /// <exception cref="System.IO.IOException">The file cannot be read.</exception>
    public static DataSet<T> LoadCsv(string path, CsvOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new CsvOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.HeaderLines, $"{nameof(options)}.{nameof(CsvOptions.HeaderLines)}");
        if (options.LabelColumns is not { Count: > 0 })
        {
            throw new ArgumentException($"{nameof(options)}.{nameof(CsvOptions.LabelColumns)} must name at least one column.", nameof(options));
        }

        if (options.Labels == LabelEncoding.OneHot && options.LabelColumns.Count != 1)
        {
            throw new ArgumentException($"One-hot labels come from one column, but {nameof(options)}.{nameof(CsvOptions.LabelColumns)} names {options.LabelColumns.Count}.", nameof(options));
        }

        if (options.Classes is { } classes && (options.Labels != LabelEncoding.OneHot || classes < 1))
        {
            throw new ArgumentException($"{nameof(options)}.{nameof(CsvOptions.Classes)} is {classes}, but it must be at least 1, and only one-hot labels have classes (the encoding is {options.Labels}).", nameof(options));
        }

        return CsvReader.Load<T>(path, options);
    }

    /// <summary>
    /// The shared deterministic split: example j is a test example when j % <paramref name="every"/> == 0, so with 5 the
    /// test set is examples 0, 5, 10, … (a fifth) and the training set the rest, both in their original order.
    /// </summary>
    /// <param name="every">Every how many examples one is a test example; at least 2.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="every"/> is less than 2.</exception>
    public (DataSet<T> Train, DataSet<T> Test) SplitEvery(int every)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(every, 2);
        var train = new List<int>(Count);
        var test = new List<int>((Count / every) + 1);
        for (var j = 0; j < Count; j++)
        {
            (j % every == 0 ? test : train).Add(j);
        }

        return (Select(train), Select(test));
    }

    /// <summary>
    /// A shuffled split: the examples are permuted from <paramref name="seed"/> (the same permutation on every machine),
    /// and the first ⌈<paramref name="testFraction"/> × m⌉ of the permutation form the test set, the rest the training
    /// set, both in permuted order.
    /// </summary>
    /// <param name="testFraction">The share of examples to test on, in (0, 1).</param>
    /// <param name="seed">The seed of the permutation.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="testFraction"/> is not in (0, 1), or leaves no training example.
    /// </exception>
    public (DataSet<T> Train, DataSet<T> Test) Split(double testFraction, int seed)
    {
        if (!(testFraction > 0 && testFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, $"{nameof(testFraction)} must be in (0, 1).");
        }

        var testCount = (int)Math.Ceiling(testFraction * Count);
        if (testCount >= Count)
        {
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, $"A test fraction of {testFraction} takes {testCount} of the {Count} examples, which leaves none to train on.");
        }

        // Fisher–Yates, from the deterministic generator that shuffles mini-batches.
        var order = new int[Count];
        for (var j = 0; j < order.Length; j++)
        {
            order[j] = j;
        }

        var random = new DeterministicRandom(unchecked((ulong)seed));
        for (var j = order.Length - 1; j > 0; j--)
        {
            var k = random.NextInt32(j + 1);
            (order[j], order[k]) = (order[k], order[j]);
        }

        return (Select(order.AsSpan(testCount)), Select(order.AsSpan(0, testCount)));
    }

    private DataSet<T> Select(List<int> examples) => Select(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(examples));

    /// <summary>The examples at <paramref name="examples"/>, in that order, as a new data set.</summary>
    private DataSet<T> Select(ReadOnlySpan<int> examples) => new(Columns(X, examples), Columns(Y, examples));

    private static Matrix<T> Columns(Matrix<T> source, ReadOnlySpan<int> columns)
    {
        var result = new Matrix<T>(source.Rows, columns.Length);
        for (var i = 0; i < source.Rows; i++)
        {
            var from = source.Row(i);
            var to = result.Row(i);
            for (var k = 0; k < columns.Length; k++)
            {
                to[k] = from[columns[k]];
            }
        }

        return result;
    }
}
