using static NetGen.Generator.Model.MemberNames;

namespace NetGen.Generator.Emission;

/// <summary>
/// Inverted dropout, in one place: its state, the mask in the forward pass, the mask on dA[l] and the recomputed g(Z)
/// in the backward pass, and the frozen masks of the gradient check. A network without dropout writes none of it.
/// </summary>
internal sealed partial class NetworkEmitter
{
    private void WriteDropoutState()
    {
        if (spec.HasDropout)
        {
            writer.WriteLine();
            writer.WriteLine("// Dropout: the masks D[l] are drawn in every training forward pass, except while CheckGradients holds them fixed.");
            writer.WriteLine($"private readonly {RuntimeTypes.DropoutMasks} {Dropout};");
            writer.WriteLine("// Checkpoints save the position of the masks' generator, so that a resumed run draws the same masks.");
            writer.WriteLine($"{RuntimeTypes.DropoutMasks} {RuntimeTypes.INetwork}<{t}>.DropoutMasks => {Dropout};");
        }
    }

    private void WriteDropoutConstruction()
    {
        if (spec.HasDropout)
        {
            writer.WriteLine($"{Dropout} = new {RuntimeTypes.DropoutMasks}(random.NextUInt64());");
        }
    }

    /// <summary>Inverted dropout on the activations of layer l: a new mask per forward pass, unless frozen.</summary>
    private void WriteDropoutForward(int l)
    {
        if (Layer(l).HasDropout)
        {
            var rate = Number(Layer(l).Dropout);
            writer.WriteLine($"// Inverted dropout at rate {rate}: {A(l)} = {A(l)} ⊙ {D(l)}, where {D(l)} is 0 for a dropped unit and 1 / (1 − {rate}) for a kept one");
            writer.WriteLine($"{Dropout}.Apply({A(l)}, {D(l)}, {rate});");
        }
    }

    /// <summary>The mask on dA[l], before the activation's backward step.</summary>
    private void WriteDropoutBackward(int l)
    {
        if (Layer(l).HasDropout)
        {
            writer.WriteLine($"// {DA(l)} = {DA(l)} ⊙ {D(l)}: only the units kept in the forward pass send their gradient back, scaled alike");
            writer.WriteLine($"{RuntimeTypes.Regularization}.ApplyDropoutMask({DA(l)}, {D(l)});");
        }
    }

    /// <summary>Whether the backward step recomputes g(Z): the cached A of layer l is scaled by its mask.</summary>
    private bool RecomputesActivation(int l) => Layer(l).HasDropout;

    /// <summary>The gradient check's last argument, which holds the masks fixed: none without dropout.</summary>
    private string DropoutCheckArgument => spec.HasDropout ? ", " + Dropout : string.Empty;
}
