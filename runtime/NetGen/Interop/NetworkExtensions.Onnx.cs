using System;
using System.IO;
using System.Numerics;

namespace NetGen;

public static partial class NetworkExtensions
{
    /// <summary>
    /// Writes the network as an ONNX model (opset 13) that any ONNX runtime can run: input <c>X</c> of
    /// [batch, n[0]] — one example per row, the transpose of NetGen's X — and output <c>Y</c> of [batch, n[L]], equal to
    /// <see cref="INetwork{T}.Predict(Matrix{T}, Matrix{T})"/> transposed. Each dense layer is a <c>Gemm</c> with its
    /// weights W[l] as stored (transB = 1) and its activation's operator; dropout is left out. The model's metadata holds
    /// <see cref="INetwork{T}.Architecture"/> and the declaration. Names and layout: docs/interop.md.
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>, the network's precision: the model's FLOAT or DOUBLE tensors.</typeparam>
    /// <param name="network">The network to export.</param>
    /// <param name="stream">The stream to write to; left open.</param>
    /// <exception cref="InvalidOperationException">
    /// A parameter is NaN or infinite, or another thread is training the network; nothing was written.
    /// </exception>
    /// <exception cref="ArgumentException">
    /// The network's <see cref="INetwork{T}.Layers"/> and <see cref="INetwork{T}.Parameters"/> do not describe the same
    /// layers (only possible for a hand-written <see cref="INetwork{T}"/>); nothing was written.
    /// </exception>
    public static void ExportOnnx<T>(this INetwork<T> network, Stream stream)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        OnnxExport.Write(network, stream);

    /// <summary>
    /// Writes the network as an ONNX model to the file at <paramref name="path"/> (see
    /// <see cref="ExportOnnx{T}(INetwork{T}, Stream)"/>), replacing it atomically as <c>Save</c> does: a crash leaves the
    /// old or the new complete file.
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>, the network's precision.</typeparam>
    /// <param name="network">The network to export.</param>
    /// <param name="path">The file to write, by convention <c>*.onnx</c>.</param>
    /// <exception cref="InvalidOperationException">
    /// A parameter is NaN or infinite, or another thread is training the network; the file is left as it was.
    /// </exception>
    /// <exception cref="ArgumentException">
    /// The network's layers and parameters do not agree (a hand-written <see cref="INetwork{T}"/>); the file is left as it was.
    /// </exception>
    public static void ExportOnnx<T>(this INetwork<T> network, string path)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        OnnxExport.Write(network, path);
}
