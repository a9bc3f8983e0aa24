using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NetGen.Generator.Model;
using static NetGen.Generator.Emission.SourceWriter;
using static NetGen.Generator.Model.MemberNames;

namespace NetGen.Generator.Emission;

/// <summary>
/// The network's state: its constants and the interface's view of them, parameters and gradients, λ, caches, the
/// training guard, and the constructor that fills them.
/// </summary>
internal sealed partial class NetworkEmitter
{
    /// <summary>The constants, the static <c>Layers</c>, and the interface's view of them.</summary>
    private void WriteConstants()
    {
        // Each constant with the interface's view of it, after it; then the loss ComputeCost computes.
        writer.OneLineMember("The number of input features n[0]: X has this many rows.", $"public const int {InputSize} = {N(0)};");
        writer.WriteLine($"int {network}.{InputSize} => {InputSize};");
        writer.OneLineMember("The number of outputs n[L]: Y and the predictions have this many rows.", $"public const int {OutputSize} = {N(L)};");
        writer.WriteLine($"int {network}.{OutputSize} => {OutputSize};");
        writer.OneLineMember("The number of layers L (the input layer is not counted).", $"public const int {LayerCount} = {L};");
        writer.OneLineMember(
            "The number of trainable parameters: every weight and bias.",
            $"public const long {ParameterCount} = {spec.ParameterCount.ToString(CultureInfo.InvariantCulture)};");
        writer.OneLineMember(
            $"The bytes the parameters take, {ParameterCount} × sizeof({t}); the gradients take as much, Adam's state twice as much.",
            $"public const long {ParameterBytes} = {spec.ParameterBytes.ToString(CultureInfo.InvariantCulture)};");
        writer.OneLineMember(
            "Floating-point operations of forward propagation per example (a multiply-add counts as 2; activations not counted).",
            $"public const long {ForwardFlopsPerExample} = {spec.ForwardFlops.ToString(CultureInfo.InvariantCulture)};");
        writer.OneLineMember(
            "Floating-point operations of backward propagation per example: the gradients and dA[l-1] of every layer but the first.",
            $"public const long {BackwardFlopsPerExample} = {spec.BackwardFlops.ToString(CultureInfo.InvariantCulture)};");
        writer.OneLineMember(
            "The architecture in one line, which a parameter file must match to be loaded into this network.",
            $"public const string {Architecture} = \"{ArchitectureText}\";");
        writer.WriteLine($"string {network}.{Architecture} => {Architecture};");
        writer.WriteLine();

        writer.Member(Summary("The layers, first to last: n[l-1] inputs, n[l] units, kind, g[l] and, for leaky ReLU, its slope."));
        using (writer.Block($"public static {RuntimeTypes.IReadOnlyList}<{RuntimeTypes.LayerInfo}> {Layers} {{ get; }} = {RuntimeTypes.Array}.AsReadOnly(new[]", closing: "});"))
        {
            for (var l = 1; l <= L; l++)
            {
                var layer = Layer(l);
                var slope = layer.Descriptor.HasSlope ? $" {{ Slope = {Number(layer.Slope)} }}" : string.Empty;
                writer.WriteLine($"new {RuntimeTypes.LayerInfo}({RuntimeTypes.LayerKind}.{layer.Kind.Name}, {N(l - 1)}, {N(l)}, {RuntimeTypes.Activation}.{layer.Descriptor.Name}){slope},");
            }
        }

        writer.WriteLine($"{RuntimeTypes.IReadOnlyList}<{RuntimeTypes.LayerInfo}> {network}.{Layers} => {Layers};");
        writer.WriteLine($"{RuntimeTypes.Loss} {network}.Loss => {RuntimeTypes.Loss}.{spec.Loss};");
        writer.WriteLine();
    }

    /// <summary>Each layer's parameters with their gradients, one block per layer; then the lists of both, and λ.</summary>
    private void WriteParameters()
    {
        for (var l = 1; l <= L; l++)
        {
            foreach (var parameter in Layer(l).Parameters)
            {
                var shape = $"{parameter.Rows} × {parameter.Columns}";
                writer.Member(Summary($"{parameter.Name(l)}, {parameter.Role} of layer {l}: {shape}{parameter.Remark}."));
                writer.WriteLine($"public {matrix} {parameter.Name(l)} {{ get; }} = {New(parameter.Rows, parameter.Columns)};");
                writer.Member(Summary($"{parameter.Gradient(l)} = ∂J/∂{parameter.Name(l)}, from the last <see cref=\"{Backward}\"/>: {shape}."));
                writer.WriteLine($"public {matrix} {parameter.Gradient(l)} {{ get; }} = {New(parameter.Rows, parameter.Columns)};");
            }

            writer.WriteLine();
        }

        var list = $"{RuntimeTypes.IReadOnlyList}<{matrix}>";
        writer.OneLineMember($"The parameters in layer order: {string.Join(", ", ParameterList)}.", $"public {list} {Parameters} {{ get; }}");
        writer.OneLineMember($"The gradients in the order of <see cref=\"{Parameters}\"/>: {string.Join(", ", GradientList)}.", $"public {list} {Gradients} {{ get; }}");
        writer.WriteLine();

        writer.Member(
            Summary($"λ: <see cref=\"{ComputeCost}\"/> adds (λ/2m) Σ ‖W[l]‖² and <see cref=\"{Backward}\"/> adds (λ/m) W[l] to each dW[l]."),
            InheritDoc);
        writer.WriteLine($"public double {L2Regularization} {{ get => {WeightDecay}.Strength; set => {WeightDecay}.Strength = value; }}");
        writer.WriteLine();
    }

    private IEnumerable<string> ParameterList => AllParameters.Select(p => p.Shape.Name(p.Layer));

    private IEnumerable<string> GradientList => AllParameters.Select(p => p.Shape.Gradient(p.Layer));

    /// <summary>The private state: λ with the weights it decays, the training caches, prediction's workspaces, the training guard and dropout.</summary>
    private void WriteState()
    {
        writer.WriteLine($"// λ, and the weights it decays: {string.Join(", ", DecayedWeights)}.");
        writer.WriteLine($"private readonly {RuntimeTypes.WeightDecay}<{t}> {WeightDecay};");
        writer.WriteLine();
        writer.WriteLine("// The caches of the last forward pass, which backward propagation reads: A0 is X, then Z[l] and A[l] for every");
        writer.WriteLine($"// layer, and the gradients dZ[l] and dA[l] ({(OutputNeedsDA ? $"dA{L} holds ∂J/∂A{L}" : $"dA{L} is never formed")}, dA0 is never needed). {Caches} sizes");
        writer.WriteLine("// them together for the m columns of a batch, reusing their storage for smaller batches.");
        WriteUnstoredCaches(l => !KeepsZ(l), Z, "not kept: g'[l] is read from A[l], so the forward pass writes A[l] alone.");
        WriteUnstoredCaches(
            l => FusesPreviousActivation(l + 1), DA, "never stored either: the small layer after each forms dZ[l] = (Wᵀ · dZ[l+1]) ⊙ g'[l] in one pass.");

        writer.WriteLine($"private {matrix} {A(0)} = {Cache}({N(0)});");
        for (var l = 1; l <= L; l++)
        {
            writer.WriteList($"private readonly {matrix} ", TrainingCaches(l).Select(cache => $"{cache} = {Cache}({N(l)})"), ";");
        }

        writer.WriteLine($"private readonly {RuntimeTypes.BatchCaches}<{t}> {Caches};");
        writer.WriteLine();
        writer.WriteLine($"// Predict's buffers: each batch rents a {PredictionWorkspace} of its own and each single example has buffers on the");
        writer.WriteLine("// stack, so that any number of threads can predict at once without disturbing one another or the training caches.");
        writer.WriteLine($"private readonly {WorkspacesType} {PredictionWorkspaces};");
        WriteDropoutState();
        writer.WriteLine();
        writer.WriteLine("// Training runs on one thread at a time (INetwork<T>.TrainingGuard): a training method called while another");
        writer.WriteLine("// thread trains throws, and so does Predict, which would otherwise read parameters halfway through an update.");
        writer.WriteLine($"private readonly {RuntimeTypes.TrainingGuard} {TrainingGuard} = new {RuntimeTypes.TrainingGuard}();");
        writer.WriteLine($"{RuntimeTypes.TrainingGuard} {network}.TrainingGuard => {TrainingGuard};");
        writer.WriteLine();
        WriteCacheFactory();
    }

    /// <summary>The comment naming the hidden layers' caches that <paramref name="unstored"/> leaves out, and why.</summary>
    private void WriteUnstoredCaches(System.Func<int, bool> unstored, System.Func<int, string> cache, string reason)
    {
        var names = Enumerable.Range(1, L - 1).Where(unstored).Select(cache).ToList();
        if (names.Count > 0)
        {
            writer.WriteLine($"// {string.Join(", ", names)} {(names.Count == 1 ? "is" : "are")} {reason}");
        }
    }

    /// <summary>The weights that L2 regularization decays, in layer order.</summary>
    private IEnumerable<string> DecayedWeights => AllParameters.Where(p => p.Shape.IsWeight).Select(p => p.Shape.Name(p.Layer));

    /// <summary>The per-batch training buffers of layer l, which all have n[l] rows.</summary>
    private IEnumerable<string> TrainingCaches(int l)
    {
        if (KeepsZ(l))
        {
            yield return Z(l);
        }

        yield return A(l);
        if (Layer(l).HasDropout)
        {
            yield return D(l);
        }

        yield return DZ(l);
        if (l < L ? !FusesPreviousActivation(l + 1) : OutputNeedsDA)
        {
            yield return DA(l);
        }
    }

    /// <summary>The helper that creates a per-batch buffer: n rows, and columns once a batch arrives.</summary>
    private void WriteCacheFactory()
    {
        writer.Member(Summary("A per-batch buffer of the given rows, without columns until the first batch sizes it."));
        writer.ExpressionBodied($"private static {matrix} {Cache}(int rows)", $"new {matrix}(rows, 0)");
    }

    private void WriteConstructor()
    {
        writer.Member(
            Summary("Creates the network with deterministic random weights, drawn as each layer's initialization says, and zero biases."),
            "<param name=\"seed\">The seed of the initialization: the same seed gives the same parameters on every run and machine.</param>");
        using (writer.Block($"public {spec.Type.Name}(int seed)"))
        {
            writer.WriteLine($"{RuntimeTypes.DeterministicRandom} random = new {RuntimeTypes.DeterministicRandom}(unchecked((ulong)seed));");
            foreach (var (l, parameter) in AllParameters.Where(p => p.Shape.IsWeight))
            {
                writer.WriteLine($"{RuntimeTypes.Initializers}.{InitializationNames.RuntimeMethod(Layer(l).Initialization)}({parameter.Name(l)}, random);");
            }

            WriteDropoutConstruction();
            writer.WriteList($"{PredictionWorkspaces} = new {WorkspacesType}(", [TrainingGuard, InputSize, OutputSize, Predict, PredictExample, $"exampleBuffers: {ExampleBuffers}"], ");");
            writer.WriteList($"{Parameters} = {RuntimeTypes.Array}.AsReadOnly(new[] {{ ", ParameterList, " });");
            writer.WriteList($"{Gradients} = {RuntimeTypes.Array}.AsReadOnly(new[] {{ ", GradientList, " });");
            writer.WriteList($"{WeightDecay} = new {RuntimeTypes.WeightDecay}<{t}>(", DecayedWeights, ");");
            writer.WriteList($"{Caches} = new {RuntimeTypes.BatchCaches}<{t}>(", Enumerable.Range(1, L).SelectMany(TrainingCaches), ");");
        }

        writer.WriteLine();
    }
}
