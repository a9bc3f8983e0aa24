using NetGen.Generator.Model;

namespace NetGen.Generator.Emission;

/// <summary>Writes a layer's activation steps, A = g(Z) and dZ = dA ⊙ g'(Z), from the row of its activation.</summary>
internal static class ActivationWriter
{
    /// <summary>
    /// The runtime operator of the layer's activation as an expression: <c>default(…ReLUOperator&lt;float&gt;)</c>, or
    /// <c>new …LeakyReLUOperator&lt;float&gt;(0.1f)</c> for one that takes the slope.
    /// </summary>
    public static string Operator(LayerSpec layer, string elementType, string slope)
    {
        var type = RuntimeTypes.Operator(layer.Descriptor.RuntimeOperator, elementType);
        return layer.Descriptor.HasSlope ? $"new {type}({slope})" : $"default({type})";
    }

    /// <summary>A = g(Z) with its equation; A may be Z.</summary>
    public static void WriteForward(SourceWriter writer, string activation, ActivationDescriptor descriptor, string z, string a)
    {
        writer.WriteLine("// " + Templates.Fill(descriptor.ForwardEquation, z, a));
        writer.WriteLine($"{RuntimeTypes.Activations}.Forward({z}, {a}, {activation});");
    }

    /// <summary>
    /// dZ = dA ⊙ g'(Z) with its equation. An activation whose derivative reads its output takes the cached A, unless
    /// <paramref name="recompute"/> (dropout has scaled A): then g(Z) is recomputed into dZ first, and the backward step
    /// runs in place.
    /// </summary>
    public static void WriteBackward(SourceWriter writer, string activation, ActivationDescriptor descriptor, string dA, string z, string a, string dZ, bool recompute)
    {
        var readsOutput = descriptor.DerivativeInput == DerivativeInput.Output;
        var output = recompute ? Templates.Fill(descriptor.Applied, z, a) : a;
        writer.WriteLine("// " + Templates.Fill(descriptor.BackwardEquation, z, output, dA, dZ));
        if (readsOutput && recompute)
        {
            writer.WriteLine($"{RuntimeTypes.Activations}.Forward({z}, {dZ}, {activation});");
        }

        var input = !readsOutput ? z : recompute ? dZ : a;
        writer.WriteLine($"{RuntimeTypes.Activations}.Backward({dA}, {input}, {dZ}, {activation});");
    }
}
