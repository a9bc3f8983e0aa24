using NetGen.Generator.Model;

namespace NetGen.Generator.Import;

/// <summary>
/// The parameters read from a weights file, checked for well-formedness but not yet against any declaration: the
/// architecture they belong to (in the words of a network's <c>Architecture</c> constant) and every parameter matrix
/// in the order of a network's <c>Parameters</c> (W1, b1, W2, b2, …).
/// </summary>
/// <param name="Format">What the file is, for messages: "ONNX model" or "NetGen parameter file".</param>
internal sealed record ImportedWeights(string Format, string Architecture, EquatableArray<ParameterValues> Parameters);

/// <summary>One parameter matrix: its shape and its elements as little-endian bytes, row-major.</summary>
internal readonly record struct ParameterValues(int Rows, int Columns, EquatableArray<byte> Bytes);

/// <summary>What can be wrong with a weights file on its own, before it is compared with a declaration.</summary>
internal enum WeightsProblem
{
    /// <summary>It was read.</summary>
    None,

    /// <summary>It cannot be read: not a model or parameter file, truncated, corrupted, or data stored elsewhere.</summary>
    Unreadable,

    /// <summary>It is a well-formed ONNX model whose graph is not a chain of dense layers NetGen can import.</summary>
    Unsupported,
}

/// <summary>One <c>AdditionalFiles</c> item a network names as its weights, read once per change of the file.</summary>
/// <param name="Path">The item's path, as the compiler gives it.</param>
/// <param name="Weights">The parameters, when <paramref name="Problem"/> is <see cref="WeightsProblem.None"/>.</param>
/// <param name="Detail">What is wrong, as a clause completing "The weights file 'x' …", when there is a problem.</param>
internal sealed record WeightsFile(string Path, ImportedWeights? Weights, WeightsProblem Problem, string Detail)
{
    public static WeightsFile Read(string path, ImportedWeights weights) => new(path, weights, WeightsProblem.None, string.Empty);

    public static WeightsFile Failed(string path, WeightsProblem problem, string detail) => new(path, null, problem, detail);
}
