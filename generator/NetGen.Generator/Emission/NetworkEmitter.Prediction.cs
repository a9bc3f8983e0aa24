using static NetGen.Generator.Emission.SourceWriter;
using static NetGen.Generator.Model.MemberNames;

namespace NetGen.Generator.Emission;

/// <summary>Prediction (the forward pass on its own buffers, without dropout), persistence and the interface's remaining members.</summary>
internal sealed partial class NetworkEmitter
{
    private void WritePrediction()
    {
        var shapes = $"<remarks>X is {N(0)} × m and the outputs are {N(L)} × m.</remarks>";
        writer.Member(InheritDoc, shapes);
        writer.ExpressionBodied($"public {matrix} {Predict}({matrix} X)", $"{RuntimeTypes.NetworkPrediction}.Predict(this, X)");

        writer.Member(InheritDoc, shapes);
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

    private void WritePersistence()
    {
        var contents = $"<remarks>The file holds the {Count(spec.ParameterCount)} parameters of {ArchitectureText}.</remarks>";
        foreach (var (parameter, type) in new[] { ("stream", RuntimeTypes.Stream), ("path", "string") })
        {
            writer.Member(InheritDoc, contents);
            writer.ExpressionBodied($"public void {Save}({type} {parameter})", $"{RuntimeTypes.NetworkFile}.Save(this, {parameter})");
            writer.Member(InheritDoc, contents);
            writer.ExpressionBodied($"public void {Load}({type} {parameter})", $"{RuntimeTypes.NetworkFile}.Load(this, {parameter})");
        }
    }

    /// <summary>The members of <c>INetwork&lt;T&gt;</c> that the constants cannot implement directly.</summary>
    private void WriteInterfaceMembers()
    {
        var network = $"{RuntimeTypes.INetwork}<{t}>";
        string[] members =
        [
            $"int {network}.{InputSize} => {InputSize};",
            $"int {network}.{OutputSize} => {OutputSize};",
            $"{RuntimeTypes.IReadOnlyList}<{RuntimeTypes.LayerInfo}> {network}.{Layers} => {Layers};",
            $"string {network}.{Architecture} => {Architecture};",
            $"{RuntimeTypes.Loss} {network}.Loss => {RuntimeTypes.Loss}.{spec.Loss};",
        ];
        writer.WriteLine($"// The interface's view of the constants above.");
        foreach (var member in members)
        {
            writer.Member();
            writer.WriteLine(member);
        }
    }
}
