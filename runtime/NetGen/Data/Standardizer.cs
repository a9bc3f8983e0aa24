using System;
using System.Collections.Generic;
using System.IO;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Text;
using NetGen.CompilerServices;

namespace NetGen;

/// <summary>
/// Standardizes features with the statistics of a training set: x′ = (x − μ) / σ per feature, where μ is the
/// feature's mean and σ its population standard deviation (as scikit-learn's <c>StandardScaler</c>); a feature with
/// σ = 0 (the same value in every training example) is only centred, x′ = x − μ. Fit it on the training set only,
/// apply it to every set, and save it beside the network's parameters, so that new raw data is standardized as
/// training saw it: <c>network.Predict(rawX, standardizer)</c>.
/// </summary>
/// <remarks>
/// The statistics are computed and stored in double precision whatever the data's precision. The file
/// (<see cref="Save"/>) is little-endian binary:
/// <code>
/// "NGSCALER"                 8 bytes, the magic
/// format version             int32, 1
/// feature count n            int32, at least 1
/// means, deviations          n doubles, then n doubles
/// checksum                   uint64, FNV-1a of the count's and the values' bytes
/// </code>
/// with the same safety as parameter files: saving replaces the file atomically, and loading checks the whole file
/// (length, version, checksum, finite values) before it returns anything.
/// </remarks>
public sealed class Standardizer
{
    /// <summary>The format version this runtime writes and reads.</summary>
    public const int FormatVersion = 1;

    private readonly double[] mean;
    private readonly double[] deviation;

    private Standardizer(double[] mean, double[] deviation)
    {
        this.mean = mean;
        this.deviation = deviation;
    }

    private static ReadOnlySpan<byte> Magic => "NGSCALER"u8;

    /// <summary>The number of features n: the rows of the X it standardizes.</summary>
    public int Features => mean.Length;

    /// <summary>The mean μ of each feature over the training set.</summary>
    public IReadOnlyList<double> Mean => Array.AsReadOnly(mean);

    /// <summary>The population standard deviation σ of each feature over the training set; 0 for a constant feature.</summary>
    public IReadOnlyList<double> StandardDeviation => Array.AsReadOnly(deviation);

    /// <summary>Computes the mean and population standard deviation of every feature (row) of <paramref name="X"/>.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="X">The training inputs, features × m.</param>
    /// <exception cref="ArgumentNullException"><paramref name="X"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="X"/> has no features or no examples, or holds a value that is not finite (the message gives the first).
    /// </exception>
    public static Standardizer Fit<T>(Matrix<T> X)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(X);
        if (X.Rows == 0 || X.Columns == 0)
        {
            throw new ArgumentException($"Expected X to have at least one feature (row) and one example (column), but it is {X.Rows} × {X.Columns}.", nameof(X));
        }

        ValueChecks.RequireFinite(X, nameof(X));
        var mean = new double[X.Rows];
        var deviation = new double[X.Rows];
        for (var i = 0; i < X.Rows; i++)
        {
            var row = X.Row(i);
            double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
            foreach (var value in row)
            {
                var x = double.CreateTruncating(value);
                sum += x;
                min = Math.Min(min, x);
                max = Math.Max(max, x);
            }

            // A constant feature gets exactly σ = 0 and μ = its value: the rounding of a sum would give it a tiny σ that
            // would blow up its rounding errors.
            if (min == max)
            {
                mean[i] = min;
                continue;
            }

            mean[i] = sum / row.Length;
            double squares = 0;
            foreach (var value in row)
            {
                var d = double.CreateTruncating(value) - mean[i];
                squares += d * d;
            }

            deviation[i] = Math.Sqrt(squares / row.Length);
        }

        return new Standardizer(mean, deviation);
    }

    /// <summary>Standardizes <paramref name="X"/> in place.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="X">Inputs, <see cref="Features"/> × m.</param>
    /// <exception cref="ArgumentException"><paramref name="X"/> does not have <see cref="Features"/> rows.</exception>
    public void Transform<T>(Matrix<T> X)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => Transform(X, X);

    /// <summary>Writes <paramref name="X"/> standardized to <paramref name="result"/>, which may be <paramref name="X"/>.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="X">Inputs, <see cref="Features"/> × m.</param>
    /// <param name="result">The standardized inputs, <see cref="Features"/> × m.</param>
    /// <exception cref="ArgumentException">A matrix does not have that shape; nothing was written.</exception>
    public void Transform<T>(Matrix<T> X, Matrix<T> result)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Shapes.RequireRows(X, Features, nameof(X));
        Shapes.Require(result, Features, X.Columns, nameof(result));
        for (var i = 0; i < Features; i++)
        {
            Standardize(i, X.Row(i), result.Row(i));
        }
    }

    /// <summary>Standardizes one example, as a server receives it.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="example">The example's <see cref="Features"/> raw features.</param>
    /// <param name="result">Its <see cref="Features"/> standardized features; may be the same memory as <paramref name="example"/>.</param>
    /// <exception cref="ArgumentException">A span does not hold <see cref="Features"/> values; nothing was written.</exception>
    public void Transform<T>(ReadOnlySpan<T> example, Span<T> result)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        RequireLength(example.Length, nameof(example));
        RequireLength(result.Length, nameof(result));
        for (var i = 0; i < Features; i++)
        {
            Standardize(i, example.Slice(i, 1), result.Slice(i, 1));
        }
    }

    /// <summary>
    /// Saves the statistics to the file at <paramref name="path"/>, replacing it atomically: whenever the process stops,
    /// the file is the old one or the new one, complete.
    /// </summary>
    /// <param name="path">The file; by convention beside the network's parameter file.</param>
    /// <exception cref="IOException">The file cannot be written; it is left as it was.</exception>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        NetworkFile.RequireLittleEndian();
        NetworkFile.ReplaceAtomically(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(Features);
            writer.Write(MemoryMarshal.AsBytes(mean.AsSpan()));
            writer.Write(MemoryMarshal.AsBytes(deviation.AsSpan()));
            writer.Write(Checksum(mean, deviation));
        });
    }

    /// <summary>Loads statistics saved by <see cref="Save"/>.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="InvalidDataException">
    /// The file is not a NetGen standardizer file, is of another format version, is truncated, continues after its
    /// checksum, is corrupted (its checksum differs), or holds a mean that is not finite or a deviation that is not a
    /// finite number ≥ 0.
    /// </exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static Standardizer Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        NetworkFile.RequireLittleEndian();
        using var stream = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[Magic.Length];
        var read = stream.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
        if (!magic[..read].SequenceEqual(Magic[..read]))
        {
            throw new InvalidDataException($"{path} is not a NetGen standardizer file: it does not start with \"NGSCALER\".");
        }

        const int header = 16;
        if (stream.Length < header)
        {
            throw new InvalidDataException($"{path} is truncated: it ends after {stream.Length} bytes, within its {header}-byte header.");
        }

        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        var version = reader.ReadInt32();
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"{path} has format version {version}; this version of NetGen reads version {FormatVersion}.");
        }

        // The length follows from the feature count: check it before allocating anything the count asks for.
        var features = reader.ReadInt32();
        var length = header + (16L * features) + sizeof(ulong);
        if (features < 1 || stream.Length != length)
        {
            throw new InvalidDataException(features < 1
                ? $"{path} is corrupted: it gives {features} features."
                : $"{path} is {(stream.Length < length ? "truncated" : "corrupted, or not one file")}: it holds {stream.Length} bytes, but a standardizer of {features} features takes {length}.");
        }

        var mean = new double[features];
        var deviation = new double[features];
        stream.ReadExactly(MemoryMarshal.AsBytes(mean.AsSpan()));
        stream.ReadExactly(MemoryMarshal.AsBytes(deviation.AsSpan()));
        if (reader.ReadUInt64() != Checksum(mean, deviation))
        {
            throw new InvalidDataException($"{path} is corrupted: its values do not match its checksum.");
        }

        for (var i = 0; i < features; i++)
        {
            if (!double.IsFinite(mean[i]) || !(double.IsFinite(deviation[i]) && deviation[i] >= 0))
            {
                throw new InvalidDataException($"{path} holds feature {i} with mean {mean[i]} and deviation {deviation[i]}; a mean must be finite and a deviation finite and ≥ 0.");
            }
        }

        return new Standardizer(mean, deviation);
    }

    /// <summary>The FNV-1a of the feature count's and the values' bytes, as the file holds them.</summary>
    private static ulong Checksum(double[] mean, double[] deviation)
    {
        var checksum = new Fnv1a();
        checksum.Append(BitConverter.GetBytes(mean.Length));
        checksum.Append(MemoryMarshal.AsBytes(mean.AsSpan()));
        checksum.Append(MemoryMarshal.AsBytes(deviation.AsSpan()));
        return checksum.Value;
    }

    /// <summary>Feature <paramref name="i"/>'s values, standardized: (x − μ) / σ, or x − μ where σ = 0.</summary>
    private void Standardize<T>(int i, ReadOnlySpan<T> values, Span<T> result)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        TensorPrimitives.Subtract(values, T.CreateTruncating(mean[i]), result);
        if (deviation[i] != 0)
        {
            TensorPrimitives.Divide(result, T.CreateTruncating(deviation[i]), result);
        }
    }

    private void RequireLength(int length, string name)
    {
        if (length != Features)
        {
            throw new ArgumentException($"Expected {name} to hold {Features} features, but it holds {length}.", name);
        }
    }
}
