using System.Numerics;
using System.Runtime.InteropServices;
using Onnx;

namespace NetGen.Interop.Tests;

/// <summary>
/// The exported graph node by node: the names and operators of docs/interop.md, which the import side reads. (What the
/// graphs compute is checked against Predict in <see cref="OnnxExportTests"/>.)
/// </summary>
public sealed class OnnxGraphTests
{
    [Fact]
    public void The_model_imports_opset_13_at_IR_version_7()
    {
        var model = Read(new ReLUSigmoidF32(1));
        Assert.Equal(7, model.IrVersion);
        var opset = Assert.Single(model.OpsetImport);
        Assert.Equal((string.Empty, 13L), (opset.Domain, opset.Version));
        Assert.Equal("ReLUSigmoidF32", model.Graph.Name);
    }

    [Fact]
    public void Each_dense_layer_is_a_Gemm_on_W_as_stored_with_transB_and_a_one_dimensional_bias()
    {
        var network = new ReLUSigmoidF32(1);
        var graph = Read(network).Graph;

        Assert.Equal(["W1", "b1", "W2", "b2"], graph.Initializer.Select(t => t.Name));
        Assert.Equal([[8L, 5L], [8L], [1L, 8L], [1L]], graph.Initializer.Select(t => t.Dims.ToArray()));
        Assert.All(graph.Initializer, t => Assert.Equal((int)TensorProto.Types.DataType.Float, t.DataType));
        Assert.Equal(network.Parameters[0].AsSpan().ToArray(), Floats(graph.Initializer[0]));

        Assert.Equal(
            ["Gemm1: X, W1, b1 → Z1", "Relu1: Z1 → A1", "Gemm2: A1, W2, b2 → Z2", "Sigmoid2: Z2 → Y"],
            graph.Node.Select(Describe));
        Assert.All(graph.Node.Where(n => n.OpType == "Gemm"), n => Assert.Equal(("transB", 1L), (Assert.Single(n.Attribute).Name, n.Attribute[0].I)));
    }

    [Fact]
    public void Activations_are_written_as_docs_interop_md_lists_them()
    {
        var graph = Read(new LeakySoftmaxF32(1)).Graph;
        Assert.Equal(
            ["Gemm1: X, W1, b1 → Z1", "LeakyRelu1: Z1 → A1", "Gemm2: A1, W2, b2 → Z2", "Softmax2: Z2 → Y"],
            graph.Node.Select(Describe));
        Assert.Equal(("alpha", 0.2f), (graph.Node[1].Attribute[0].Name, graph.Node[1].Attribute[0].F));
        Assert.Equal(("axis", -1L), (graph.Node[3].Attribute[0].Name, graph.Node[3].Attribute[0].I));

        graph = Read(new LeakySoftmaxF64(1)).Graph;
        Assert.Equal(
            ["Gemm1: X, W1, b1 → Z1", "Greater1: Z1, zero1 → P1", "Mul1: Z1, alpha1 → N1", "Where1: P1, Z1, N1 → A1", "Gemm2: A1, W2, b2 → Z2", "Softmax2: Z2 → Y"],
            graph.Node.Select(Describe));
        var alpha = graph.Initializer.Single(t => t.Name == "alpha1");
        Assert.Empty(alpha.Dims);
        Assert.Equal(0.2, BitConverter.ToDouble(alpha.RawData.Span));

        Assert.Equal(
            ["Gemm1: X, W1, b1 → Z1", "Sigmoid1: Z1 → S1", "Mul1: Z1, S1 → A1", "Gemm2: A1, W2, b2 → Z2", "Sigmoid2: Z2 → Y"],
            Read(new SiLUMultiLabelF32(1)).Graph.Node.Select(Describe));
        Assert.Equal(
            ["Gemm1: X, W1, b1 → Z1", "Tanh1: Z1 → A1", "Gemm2: A1, W2, b2 → A2", "Gemm3: A2, W3, b3 → Y"],
            Read(new TanhLinearF64(1)).Graph.Node.Select(Describe));
        Assert.Equal(
            ["Gemm1: X, W1, b1 → Z1", "Sigmoid1: Z1 → A1", "Gemm2: A1, W2, b2 → Z2", "Tanh2: Z2 → Y"],
            Read(new SigmoidTanhF32(1)).Graph.Node.Select(Describe));
    }

    private static string Describe(NodeProto node) => $"{node.Name}: {string.Join(", ", node.Input)} → {string.Join(", ", node.Output)}";

    private static float[] Floats(TensorProto tensor) => MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray();

    /// <summary>The exported model, each of whose nodes is named after its operator and its layer.</summary>
    private static ModelProto Read<T>(INetwork<T> network)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        using var stream = new MemoryStream();
        network.ExportOnnx(stream);
        var model = ModelProto.Parser.ParseFrom(stream.ToArray());
        Assert.All(model.Graph.Node, node => Assert.Matches($"^{node.OpType}[1-9][0-9]*$", node.Name));
        return model;
    }
}
