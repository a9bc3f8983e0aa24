using NetGen.Generator.LayerKinds;
using NetGen.Generator.Model;
using static NetGen.Generator.Emission.SourceWriter;
using static NetGen.Generator.Model.MemberNames;

namespace NetGen.Generator.Emission;

/// <summary>
/// Forward propagation, the cost and backward propagation: unrolled, one block per layer, equations beside the code;
/// then the gradient check that compares them with finite differences.
/// </summary>
internal sealed partial class NetworkEmitter
{
    private LossDescriptor Loss => LossDescriptor.For(spec.Loss);

    /// <summary>Whether dA[L] is formed: only for an output whose gradient does not fuse with the loss.</summary>
    private bool OutputNeedsDA => LossWriter.NeedsOutputGradient(Loss, Layer(L).Activation);

    private string ActivationOperator(int l) => ActivationWriter.Operator(Layer(l), t, Literal(Layer(l).Slope));

    internal void WriteForward()
    {
        writer.Member(
            Summary($"Forward propagation through the {L} layers, X ({N(0)} × m) → {A(L)} ({N(L)} × m), keeping the caches <see cref=\"{Backward}\"/> reads."),
            InheritDoc);
        using (writer.Block($"public {matrix} {Forward}({matrix} X)"))
        {
            WriteTrainingGuard(Forward);
            writer.WriteLine();
            writer.WriteLine($"// {A(0)} = X, which must have {InputSize} rows; the caches take its m columns.");
            writer.WriteLine($"{A(0)} = {Caches}.BeginForward(X, {InputSize});");
            for (var l = 1; l <= L; l++)
            {
                var layer = Layer(l);
                writer.WriteLine();
                writer.WriteLine($"// {LayerTitle(l)}");
                writer.WriteLine($"// {Z(l)} = {layer.Kind.Step(l, A(l - 1))}");
                if (FusesForward(l))
                {
                    writer.WriteLine($"// {Templates.Fill(layer.Descriptor.ForwardEquation, Z(l), A(l))}, in the same pass");
                    if (!KeepsZ(l))
                    {
                        writer.WriteLine($"// {Z(l)} itself is not kept: backward propagation reads g' from {A(l)}.");
                    }

                    writer.WriteLine(layer.Kind.FusedForwardCall(l, A(l - 1), KeepsZ(l) ? Z(l) : A(l), A(l), ActivationOperator(l)));
                }
                else
                {
                    writer.WriteLine(layer.Kind.ForwardCall(l, A(l - 1), Z(l)));
                    ActivationWriter.WriteForward(writer, ActivationOperator(l), layer.Descriptor, Z(l), A(l));
                }

                WriteDropoutForward(l);
            }

            writer.WriteLine();
            writer.WriteLine($"return {Caches}.EndForward({A(L)});");
        }

        writer.WriteLine();
    }

    internal void WriteComputeCost()
    {
        writer.Member(
            Summary($"The cost J of the last <see cref=\"{Forward}\"/>: {Loss.Name}, {Loss.Formula}."),
            $"<param name=\"Y\">The labels, {N(L)} × m{Loss.Labels}.</param>",
            InheritDoc);
        using (writer.Block($"public {t} {ComputeCost}({matrix} Y)"))
        {
            WriteTrainingGuard(ComputeCost);
            writer.WriteLine($"int m = {Caches}.RequireForwardPass(Y, {OutputSize});");
            LossWriter.WriteCost(writer, Loss, Z(L), A(L), $" + {ToT($"{WeightDecay}.Penalty(m)")}");
        }

        writer.WriteLine();
    }

    internal void WriteBackward()
    {
        writer.Member(
            Summary($"Backward propagation from the caches of the last <see cref=\"{Forward}\"/>: fills {DW(1)}, {DB(1)} … {DW(L)}, {DB(L)}, last layer first."),
            InheritDoc);
        using (writer.Block($"public void {Backward}({matrix} Y)"))
        {
            WriteTrainingGuard(Backward);
            writer.WriteLine("// 1/m and λ/m, for the m examples of the last forward pass");
            writer.WriteLine($"{WeightDecay}.Scales({Caches}.RequireForwardPass(Y, {OutputSize}), out {t} oneOverM, out {t} lambdaOverM);");
            for (var l = L; l >= 1; l--)
            {
                writer.WriteLine();
                WriteLayerBackward(l);
            }
        }

        writer.WriteLine();
    }

    /// <summary>The backward step of layer l: dZ[l] (from the loss on the output layer), then the layer kind's own step.</summary>
    internal void WriteLayerBackward(int l)
    {
        var layer = Layer(l);
        writer.WriteLine($"// {LayerTitle(l)}");
        if (l == L)
        {
            LossWriter.WriteOutputGradient(writer, Loss, layer.Activation, Z(l), A(l), DA(l), DZ(l), () => WriteActivationBackward(l));
        }
        else if (FusesPreviousActivation(l + 1))
        {
            writer.WriteLine($"// {DZ(l)} was formed with layer {l + 1}'s step, above.");
        }
        else
        {
            WriteDropoutBackward(l);
            WriteActivationBackward(l);
        }

        var previous = FusesPreviousActivation(l) ? PreviousActivationStep(l) : null;
        var names = new BackwardNames(DZ(l), A(l - 1), l > 1 ? DA(l - 1) : null, "oneOverM", "lambdaOverM", IsSmall(l), previous);
        layer.Kind.WriteBackward(writer, l, names);
    }

    /// <summary>Whether layer l's forward step computes its activation in the same pass: a small layer, elementwise g.</summary>
    private bool FusesForward(int l) => IsSmall(l) && !Layer(l).Descriptor.IsDistribution;

    /// <summary>
    /// Whether the training forward pass stores Z[l] beside A[l]: always but for a fused hidden layer whose g' is read from
    /// A[l] (tanh, sigmoid) and not recomputed under dropout, where nothing reads Z[l] and storing it would only add to
    /// the memory traffic of the pass.
    /// </summary>
    private bool KeepsZ(int l) =>
        l == L || !FusesForward(l) || Layer(l).Descriptor.DerivativeInput != DerivativeInput.Output || RecomputesActivation(l);

    /// <summary>Whether layer l runs on the fused small-layer kernels, by its kind's cut-over in the network's precision.</summary>
    private bool IsSmall(int l) => Layer(l).Kind.IsSmall(Layer(l), spec.Precision);

    /// <summary>
    /// Whether layer l's backward step also takes the activation step of layer l−1, forming dZ[l-1] without dA[l-1]: l is
    /// small and not the first, and g[l-1] is elementwise and reads a cache dropout has not scaled.
    /// </summary>
    private bool FusesPreviousActivation(int l) =>
        l > 1 && l <= L && IsSmall(l) && !Layer(l - 1).Descriptor.IsDistribution && !Layer(l - 1).HasDropout;

    /// <summary>The activation step of layer l−1 as layer l's backward step fuses it.</summary>
    private PreviousActivation PreviousActivationStep(int l)
    {
        var descriptor = Layer(l - 1).Descriptor;
        var input = descriptor.DerivativeInput == DerivativeInput.Output ? A(l - 1) : Z(l - 1);
        var equation = Templates.Fill(descriptor.BackwardEquation, Z(l - 1), A(l - 1), $"({W(l)}ᵀ · {DZ(l)})", DZ(l - 1));
        return new PreviousActivation(ActivationOperator(l - 1), input, DZ(l - 1), equation);
    }

    private void WriteActivationBackward(int l) =>
        ActivationWriter.WriteBackward(writer, ActivationOperator(l), Layer(l).Descriptor, DA(l), Z(l), A(l), DZ(l), RecomputesActivation(l));

    /// <summary>
    /// The gradient check: the runtime's, with what only the declaration knows, the precision's default ε and the dropout
    /// masks to hold fixed.
    /// </summary>
    private void WriteGradientCheck()
    {
        writer.Member(InheritDoc, $"<remarks>X is {N(0)} × m and Y is {N(L)} × m{Loss.Labels}.</remarks>");
        writer.ExpressionBodied(
            $"public double {CheckGradients}({matrix} X, {matrix} Y, double epsilon = {checkEpsilon})",
            $"{RuntimeTypes.GradientCheck}.Check(this, X, Y, epsilon{DropoutCheckArgument})");
    }

    /// <summary>
    /// The first line of a training method: it holds the training guard until the method returns, so that a call while
    /// another thread trains throws. Calls nested on the thread that holds it (CheckGradients calling Forward) pass.
    /// </summary>
    private void WriteTrainingGuard(string method) =>
        writer.WriteLine($"using {RuntimeTypes.TrainingGuard}.Scope training = {TrainingGuard}.Enter(\"{method}\");");
}
