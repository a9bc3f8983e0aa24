using Microsoft.CodeAnalysis;

namespace NetGen.Generator.Diagnostics;

/// <summary>The diagnostics of <c>[Network(Weights = …)]</c>: the weights file, what it holds, and whether it fits.</summary>
internal static partial class DiagnosticDescriptors
{
    /// <summary>Format: <c>'{0}' takes its weights from '{1}', {2}</c>.</summary>
    public static readonly DiagnosticDescriptor WeightsFileNotFound = Error(
        "NG0040",
        "Weights file not found",
        "'{0}' takes its weights from '{1}', {2}");

    /// <summary>Format: <c>The weights file '{0}' of '{1}' {2}</c>.</summary>
    public static readonly DiagnosticDescriptor WeightsFileUnreadable = Error(
        "NG0041",
        "Weights file cannot be read",
        "The weights file '{0}' of '{1}' {2}");

    /// <summary>Format: <c>The ONNX model '{0}' of '{1}' {2}</c>.</summary>
    public static readonly DiagnosticDescriptor UnsupportedOnnxGraph = Error(
        "NG0042",
        "ONNX model NetGen cannot import",
        "The ONNX model '{0}' of '{1}' {2}");

    /// <summary>Format: <c>The {0} '{1}' holds the network {2}, but '{3}' is declared as {4}</c>.</summary>
    public static readonly DiagnosticDescriptor WeightsArchitectureMismatch = Error(
        "NG0043",
        "Weights file of another architecture",
        "The {0} '{1}' holds the network {2}, but '{3}' is declared as {4}; change the [Dense] attributes or Precision to match, or use another file");
}
