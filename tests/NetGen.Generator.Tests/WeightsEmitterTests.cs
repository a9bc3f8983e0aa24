extern alias generator;

using generator::NetGen.Generator.Import;
using generator::NetGen.Generator.LayerKinds;
using generator::NetGen.Generator.Model;

namespace NetGen.Generator.Tests;

/// <summary>The two forms of embedded parameters: string literals within the budget, byte arrays past it.</summary>
public class WeightsEmitterTests
{
    [Theory]
    [InlineData(long.MaxValue, "MemoryMarshal.AsBytes(global::System.MemoryExtensions.AsSpan(\"")]
    [InlineData(0L, "public static global::System.ReadOnlySpan<byte> W1 => new byte[]")]
    public void Both_forms_compile_and_start_the_network_from_the_same_parameters(long budget, string form)
    {
        var file = OnnxImporter.Import("regressor.onnx", WeightsFiles.Interop("regressor.onnx"));
        var spec = new NetworkSpec(
            new TypeHierarchy("Samples", EquatableArray<ContainingType>.Empty, "Net", "Samples.Net", HasGeneratedCodeAttribute: false),
            4,
            new EquatableArray<LayerSpec>([
                new LayerSpec(generator::NetGen.Generator.LayerKinds.LayerKind.Dense, 4, 6, generator::NetGen.Activation.LeakyReLU, 0.2, 0, generator::NetGen.Initialization.HeNormal),
                new LayerSpec(generator::NetGen.Generator.LayerKinds.LayerKind.Dense, 6, 1, generator::NetGen.Activation.Sigmoid, 0.01, 0, generator::NetGen.Initialization.XavierNormal),
            ]),
            generator::NetGen.Loss.BinaryCrossEntropy,
            generator::NetGen.Precision.Single);
        var weights = WeightsEmitter.Emit(spec, new EmbeddedWeights("regressor.onnx", OnnxImporter.Format, file.Weights!.Parameters), budget);
        Assert.Contains(form, weights, StringComparison.Ordinal);

        // Compiled beside the network's own file, into an assembly that is loaded and run.
        var network = generator::NetGen.Generator.Emission.NetworkEmitter.Emit(spec);
        var compilation = GeneratorRunner.Compile("namespace Samples { public partial class Net { } }")
            .AddSyntaxTrees(
                Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(network, path: "Net.g.cs"),
                Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(weights, path: "Net.Weights.g.cs"));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        var assembly = System.Reflection.Assembly.Load(stream.ToArray());
        var instance = (INetwork<float>)Activator.CreateInstance(assembly.GetType("Samples.Net")!)!;
        for (var p = 0; p < instance.Parameters.Count; p++)
        {
            Assert.Equal([.. file.Weights.Parameters[p].Bytes], System.Runtime.InteropServices.MemoryMarshal.AsBytes(instance.Parameters[p].AsSpan()).ToArray());
        }
    }
}
