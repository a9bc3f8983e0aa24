using System.Collections.Generic;
using System.Linq;
using static NetGen.Generator.Emission.SourceWriter;
using static NetGen.Generator.Model.MemberNames;

namespace NetGen.Generator.Emission;

/// <summary>
/// Prediction: the <c>Predict</c> members hand the call to the runtime's <c>PredictionWorkspaces</c>, which checks it
/// and provides the buffers (a workspace for a batch, the stack for a single example); what depends on the declaration
/// stays here: the unrolled forward passes without dropout, of a batch and of one example, and the workspace with the
/// activations of the hidden layers.
/// </summary>
internal sealed partial class NetworkEmitter
{
    /// <summary>The type of the pool of workspaces: <c>PredictionWorkspaces&lt;float, PredictionWorkspace&gt;</c>.</summary>
    private string WorkspacesType => $"{RuntimeTypes.PredictionWorkspaces}<{t}, {PredictionWorkspace}>";

    private void WritePrediction()
    {
        WritePredictionWorkspace();
        writer.Member(InheritDoc, $"<remarks>X is {N(0)} × m and the outputs are {N(L)} × m.</remarks>");
        writer.ExpressionBodied($"public void {Predict}({matrix} X, {matrix} result)", $"{PredictionWorkspaces}.{Predict}(X, result)");
        writer.Member(InheritDoc, $"<remarks>x has {N(0)} elements and output {N(L)}.</remarks>");
        writer.ExpressionBodied(
            $"public void {Predict}({RuntimeTypes.ReadOnlySpan}<{t}> x, {RuntimeTypes.Span}<{t}> output)",
            $"{PredictionWorkspaces}.{Predict}(x, output)");
        writer.Member(InheritDoc);
        writer.ExpressionBodied(
            $"void {RuntimeTypes.INetwork}<{t}>.{Predict}({matrix} X, {matrix} result, {matrix} logits)",
            $"{PredictionWorkspaces}.{Predict}(X, result, logits)");
        WritePredictionCore();
        WriteExamplePrediction();
    }

    /// <summary>The forward pass of prediction, unrolled, on the buffers of one workspace, which the runtime has sized.</summary>
    private void WritePredictionCore()
    {
        writer.Member(Summary(
            $"Forward propagation of X ({N(0)} × m) to logits Z{L} and result A{L} ({N(L)} × m), without dropout or caches, on one workspace."));
        using (writer.Block($"private void {Predict}({matrix} X, {matrix} logits, {matrix} result, {PredictionWorkspace} workspace)"))
        {
            if (L > 1)
            {
                writer.WriteLine("// This call's own A[l], from its workspace: the training caches of the same names are not touched.");
                writer.WriteList($"{matrix} ", Enumerable.Range(1, L - 1).Select(l => $"{A(l)} = workspace.{A(l)}"), ";");
            }

            for (var l = 1; l <= L; l++)
            {
                var layer = Layer(l);
                var input = l == 1 ? "X" : A(l - 1);
                var output = l == L ? "result" : A(l);
                WriteLayerEquation(l, input, A(l));
                var z = l == L ? "logits" : output;
                if (l == L)
                {
                    writer.WriteLine($"// Z{L} is kept in logits: Evaluate computes cross-entropies from it, as ComputeCost does.");
                }

                if (FusesForward(l))
                {
                    // The same call as the training forward pass, so that Predict gives Forward's bits.
                    writer.WriteLine(layer.Kind.FusedForwardCall(l, input, z, output, ActivationOperator(l)));
                    continue;
                }

                writer.WriteLine(layer.Kind.ForwardCall(l, input, z));
                if (!layer.Descriptor.IsIdentity)
                {
                    writer.WriteLine($"{RuntimeTypes.Activations}.Forward({z}, {output}, {ActivationOperator(l)});");
                }
                else if (l == L)
                {
                    writer.WriteLine("logits.CopyTo(result);");
                }
            }
        }

        writer.WriteLine();
    }

    /// <summary>
    /// The forward pass of one example, on spans: the runtime gives it buffers of <see cref="ExampleBuffers"/> values (on
    /// the stack when they fit), the outputs first, then A[l] of every hidden layer; each layer computes Z[l] in A[l]'s
    /// place. The arithmetic is that of a one-column batch, so both give the same bits.
    /// </summary>
    private void WriteExamplePrediction()
    {
        writer.Member(Summary(
            $"Forward propagation of one example x ({N(0)} value{(N(0) == 1 ? "" : "s")}) to its {(N(L) == 1 ? "output" : $"{N(L)} outputs")}, without dropout, on buffers of the call's own: " +
            $"the outputs first, then {(L > 1 ? string.Join(", ", Enumerable.Range(1, L - 1).Select(A)) + ", each on a 64-byte cache line of its own" : "nothing else")}."));
        using (writer.Block($"private void {PredictExample}({RuntimeTypes.ReadOnlySpan}<{t}> x, {RuntimeTypes.Span}<{t}> buffers)"))
        {
            var offsets = ExampleBufferOffsets;
            var slices = new List<string> { $"output = buffers.Slice(0, {N(L)})" };
            for (var l = 1; l < L; l++)
            {
                slices.Add($"{A(l)} = buffers.Slice({offsets[l]}, {N(l)})");
            }

            writer.WriteList($"{RuntimeTypes.Span}<{t}> ", slices, ";");
            for (var l = 1; l <= L; l++)
            {
                var input = l == 1 ? "x" : A(l - 1);
                var output = l == L ? "output" : A(l);
                WriteLayerEquation(l, input, output);
                writer.WriteLine(Layer(l).Kind.ExampleForwardCall(l, input, output, ActivationOperator(l)));
            }
        }

        writer.WriteLine();
    }

    /// <summary>The comment above a prediction's layer l: "// Layer l: <paramref name="output"/> = g(W·input + b), where g(Z) = …".</summary>
    private void WriteLayerEquation(int l, string input, string output)
    {
        var layer = Layer(l);
        var equation = Templates.Fill(layer.Descriptor.ForwardEquation, "Z", "g(Z)");
        writer.WriteLine($"// Layer {l}: {output} = g({layer.Kind.Step(l, input)}), where {equation}");
    }

    /// <summary>The values of a single example's buffers: its outputs and the activations of its hidden layers.</summary>
    private int ExampleBuffers => ExampleBufferOffsets[L];

    /// <summary>
    /// Where a single example's buffers begin: the outputs at 0, A[l] of hidden layer l at [l], and [L] is the end. Each
    /// begins on a cache line of its own, as the runtime's buffers do, so that no vector load of an activation straddles
    /// two lines.
    /// </summary>
    private int[] ExampleBufferOffsets
    {
        get
        {
            var offsets = new int[L + 1];
            var end = N(L);
            for (var l = 1; l < L; l++)
            {
                offsets[l] = (end + valuesPerCacheLine - 1) / valuesPerCacheLine * valuesPerCacheLine;
                end = offsets[l] + N(l);
            }

            offsets[L] = end;
            return offsets;
        }
    }

    /// <summary>The buffers of one batch prediction: A[l] of every hidden layer; the runtime's base class adds the logits.</summary>
    private void WritePredictionWorkspace()
    {
        var hidden = Enumerable.Range(1, L - 1).Select(A).ToList();
        var activations = hidden.Count > 0 ? $"{string.Join(", ", hidden)} for the m columns of a batch, and " : string.Empty;
        writer.Member(Summary(
            $"The buffers of one batch prediction at a time: {activations}the logits Z{L} when the caller does not want them."));
        using (writer.Block($"private sealed class {PredictionWorkspace} : {RuntimeTypes.PredictionWorkspace}<{t}>"))
        {
            var constructor = $"public {PredictionWorkspace}() : base({OutputSize})";
            if (hidden.Count > 0)
            {
                writer.WriteList($"public readonly {matrix} ", Enumerable.Range(1, L - 1).Select(l => $"{A(l)} = {Cache}({N(l)})"), ";");
                writer.WriteList($"{constructor} => Group(", hidden, ");");
            }
            else
            {
                writer.WriteLine($"{constructor} {{ }}");
            }
        }

        writer.WriteLine();
    }
}
