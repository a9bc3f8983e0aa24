using static NetGen.Generator.Emission.SourceWriter;
using static NetGen.Generator.Model.MemberNames;

namespace NetGen.Generator.Emission;

/// <summary>
/// Training: the same for every network, so each member is a one-line call into the runtime, which runs the network's
/// own unrolled <c>Forward</c>, <c>ComputeCost</c> and <c>Backward</c>; <see cref="InheritDoc"/> takes the documentation
/// from <c>INetwork&lt;T&gt;</c>.
/// </summary>
internal sealed partial class NetworkEmitter
{
    private void WriteTraining()
    {
        writer.Member(InheritDoc, $"<remarks>Updates {string.Join(", ", ParameterList)}.</remarks>");
        writer.ExpressionBodied($"public void {Update}({t} learningRate)", $"{RuntimeTypes.NetworkTraining}.Update(this, learningRate)");

        writer.Member(InheritDoc, Shapes);
        writer.ExpressionBodied(
            $"public {t} {TrainStep}({matrix} X, {matrix} Y, {t} learningRate)",
            $"{RuntimeTypes.NetworkTraining}.TrainStep(this, X, Y, learningRate)");

        writer.Member(InheritDoc, Shapes);
        writer.ExpressionBodied(
            $"public {t} {Fit}({matrix} X, {matrix} Y, int iterations, {t} learningRate, {RuntimeTypes.Action}<int, {t}>? progress = null, int progressInterval = 100)",
            $"{RuntimeTypes.NetworkTraining}.Fit(this, X, Y, iterations, learningRate, progress, progressInterval)");

        writer.Member(InheritDoc, Shapes);
        writer.ExpressionBodied(
            $"public {t} {Fit}({matrix} X, {matrix} Y, {RuntimeTypes.TrainingOptions} options, {RuntimeTypes.Func}<int, {t}, bool>? progress = null)",
            $"{RuntimeTypes.MiniBatchTrainer}.Fit(this, X, Y, options, progress)");

        writer.Member(InheritDoc, Shapes);
        using (writer.Block($"public double {CheckGradients}({matrix} X, {matrix} Y, double epsilon = {checkEpsilon})"))
        {
            WriteTrainingGuard(CheckGradients);
            writer.WriteLine($"return {RuntimeTypes.GradientCheck}.RelativeDifference(this, X, Y, epsilon{DropoutCheckArgument});");
        }

        writer.WriteLine();
    }

    /// <summary>
    /// The first line of a training method: it holds the training guard until the method returns, so that a call while
    /// another thread trains throws. Calls nested on the thread that holds it (CheckGradients calling Forward) pass.
    /// </summary>
    private void WriteTrainingGuard(string method) =>
        writer.WriteLine($"using {RuntimeTypes.TrainingGuard}.Scope training = {TrainingGuard}.Enter(\"{method}\");");

    /// <summary>This network's shapes of X and Y, which the inherited documentation gives as n[0] × m and n[L] × m.</summary>
    private string Shapes => $"<remarks>X is {N(0)} × m and Y is {N(L)} × m{Loss.Labels}.</remarks>";
}
