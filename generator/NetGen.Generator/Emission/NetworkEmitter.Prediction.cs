using System.Linq;
using static NetGen.Generator.Emission.SourceWriter;
using static NetGen.Generator.Model.MemberNames;

namespace NetGen.Generator.Emission;

/// <summary>Prediction: the forward pass on its own buffers, without dropout.</summary>
internal sealed partial class NetworkEmitter
{
    private void WritePrediction()
    {
        writer.Member(InheritDoc, $"<remarks>X is {N(0)} × m and the outputs are {N(L)} × m.</remarks>");
        using (writer.Block($"public void {Predict}({matrix} X, {matrix} result)"))
        {
            writer.WriteLine($"{RuntimeTypes.NetworkPrediction}.Check({TrainingGuard}, X, {InputSize}, result, {OutputSize});");
            writer.WriteLine($"{PredictionWorkspace} workspace = {PredictionWorkspaces}.Rent();");
            writer.WriteLine($"{Predict}(X, result, workspace);");
            writer.WriteLine($"{PredictionWorkspaces}.Return(workspace);");
        }

        writer.WriteLine();
        writer.Member(InheritDoc, $"<remarks>x has {N(0)} elements and output {N(L)}.</remarks>");
        using (writer.Block($"public void {Predict}({RuntimeTypes.ReadOnlySpan}<{t}> x, {RuntimeTypes.Span}<{t}> output)"))
        {
            writer.WriteLine($"{RuntimeTypes.NetworkPrediction}.Check({TrainingGuard}, x, {InputSize}, output, {OutputSize});");
            writer.WriteLine($"{PredictionWorkspace} workspace = {PredictionWorkspaces}.Rent();");
            writer.WriteLine("x.CopyTo(workspace.X.AsSpan());");
            writer.WriteLine($"{Predict}(workspace.X, workspace.Output, workspace);");
            writer.WriteLine("workspace.Output.AsSpan().CopyTo(output);");
            writer.WriteLine($"{PredictionWorkspaces}.Return(workspace);");
        }

        writer.WriteLine();
        WritePredictionCore();
        WritePredictionWorkspace();
    }

    /// <summary>The forward pass of prediction, unrolled, on the buffers of one workspace.</summary>
    private void WritePredictionCore()
    {
        writer.Member(
            Summary($"Forward propagation of X ({N(0)} × m) to result ({N(L)} × m), without dropout or caches, on the buffers of one workspace."),
            "<param name=\"X\">The inputs, checked by the caller.</param>",
            "<param name=\"result\">Receives the outputs, checked by the caller.</param>",
            "<param name=\"workspace\">The buffers of this call alone, which no other thread uses meanwhile.</param>");
        using (writer.Block($"private void {Predict}({matrix} X, {matrix} result, {PredictionWorkspace} workspace)"))
        {
            writer.WriteLine($"// The workspace's A[l] take the m columns of X.");
            writer.WriteLine("workspace.Buffers.Resize(X.Columns);");
            for (var l = 1; l <= L; l++)
            {
                var layer = Layer(l);
                var input = l == 1 ? "X" : $"workspace.{A(l - 1)}";
                var output = l == L ? "result" : $"workspace.{A(l)}";
                var equation = Templates.Fill(layer.Descriptor.ForwardEquation, "Z", "g(Z)");
                writer.WriteLine();
                writer.WriteLine($"// Layer {l}: {A(l)} = g({layer.Kind.Step(l, l == 1 ? "X" : A(l - 1))}), where {equation}");
                writer.WriteLine(layer.Kind.ForwardCall(l, input, output));
                if (!layer.Descriptor.IsIdentity)
                {
                    writer.WriteLine($"{RuntimeTypes.Activations}.Forward({output}, {output}, {ActivationOperator(l)});");
                }
            }
        }

        writer.WriteLine();
    }

    /// <summary>The buffers of one prediction: A[l] of every hidden layer, and a single example's X and output.</summary>
    private void WritePredictionWorkspace()
    {
        var hidden = Enumerable.Range(1, L - 1).Select(A).ToList();
        var activations = hidden.Count > 0 ? $"{string.Join(", ", hidden)} for the m columns of a batch, and " : string.Empty;
        writer.Member(
            "<summary>",
            $"The buffers of one prediction at a time: {activations}a single example's X ({N(0)} × 1) and Output ({N(L)} × 1).",
            $"Each call of Predict rents one from {PredictionWorkspaces}.",
            "</summary>");
        using (writer.Block($"private sealed class {PredictionWorkspace}"))
        {
            if (hidden.Count > 0)
            {
                writer.WriteList($"public readonly {matrix} ", Enumerable.Range(1, L - 1).Select(l => $"{A(l)} = {Cache}({N(l)})"), ";");
            }

            writer.WriteList($"public readonly {matrix} ", [$"X = {New(N(0), 1)}", $"Output = {New(N(L), 1)}"], ";");
            writer.WriteLine($"public readonly {RuntimeTypes.BatchCaches}<{t}> Buffers;");
            writer.WriteLine();
            writer.Member(Summary("Groups the activations in Buffers, which sizes them for each batch."));
            writer.WriteList($"public {PredictionWorkspace}() => Buffers = new {RuntimeTypes.BatchCaches}<{t}>(", hidden, ");");
        }

        writer.WriteLine();
    }
}
