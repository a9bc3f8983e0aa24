using System;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emission;

/// <summary>Writes the loss's code from its row: the cost, and the gradient dZ[L] of the output layer.</summary>
internal static class LossWriter
{
    /// <summary>Returns the data term of the cost, in its numerically stable form, plus <paramref name="penalty"/>, the L2 term.</summary>
    public static void WriteCost(SourceWriter writer, LossDescriptor loss, string z, string a, string penalty)
    {
        foreach (var line in loss.CostDerivation)
        {
            writer.WriteLine("// " + Templates.Fill(line, z, a));
        }

        writer.WriteLine("// + (λ/2m) Σ ‖W[l]‖², the L2 penalty (0 when λ = 0)");
        writer.WriteLine($"return {RuntimeTypes.Losses}.{Templates.Fill(loss.CostCall, z, a)}{penalty};");
    }

    /// <summary>Whether dA[L] is formed: only for an output whose gradient does not fuse with the loss.</summary>
    public static bool NeedsOutputGradient(LossDescriptor loss, Activation output) => !loss.IsFusedWith(output);

    /// <summary>
    /// dZ[L]: A[L] − Y where the output fuses with the loss, with the derivation; otherwise dA[L] from the loss, then the
    /// activation's own backward step (<paramref name="writeActivationBackward"/>).
    /// </summary>
    public static void WriteOutputGradient(SourceWriter writer, LossDescriptor loss, Activation output, string z, string a, string dA, string dZ, Action writeActivationBackward)
    {
        if (loss.IsFusedWith(output))
        {
            foreach (var line in loss.FusedDerivation)
            {
                writer.WriteLine("// " + Templates.Fill(line, z, a, dA, dZ));
            }

            writer.WriteLine($"{RuntimeTypes.Kernels}.Subtract({a}, Y, {dZ});");
            return;
        }

        // The validator admits an unfused output only for a loss that has dA[L].
        var outputGradient = loss.OutputGradient
            ?? throw new InvalidOperationException($"{loss.Loss} has no gradient for a {output} output.");
        writer.WriteLine("// " + Templates.Fill(outputGradient, z, a, dA, dZ));
        writer.WriteLine($"{RuntimeTypes.Kernels}.Subtract({a}, Y, {dA});");
        writeActivationBackward();
    }
}
