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
            writer.WriteLine($"{PredictCaches}.BeginPredict(X, {InputSize}, result, {OutputSize});");
            for (var l = 1; l <= L; l++)
            {
                var layer = Layer(l);
                var input = l == 1 ? "X" : PredictA(l - 1);
                var output = l == L ? "result" : PredictA(l);
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
}
