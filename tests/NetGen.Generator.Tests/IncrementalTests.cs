extern alias generator;

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NetGen.Generator.Tests;

/// <summary>
/// The pipeline caches at the network spec: edits that do not change a network's attributes must not regenerate it,
/// and no step may hold symbols, syntax nodes or the compilation (they would defeat caching and leak memory).
/// </summary>
public class IncrementalTests
{
    private const string Network = """
        using NetGen;

        namespace Samples;

        [Network(Inputs = 30)]
        [Dense(20, Activation.ReLU)]
        [Dense(1, Activation.Sigmoid)]
        public partial class TumorClassifier;
        """;

    [Fact]
    public void A_second_run_on_the_same_compilation_is_entirely_cached() =>
        IncrementalAssert.SecondRunIsCached(Network);

    [Fact]
    public void An_edit_elsewhere_regenerates_nothing()
    {
        var reasons = IncrementalAssert.ReasonsAfterEdit(Network, compilation =>
            compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("public class Unrelated { }", (CSharpParseOptions)compilation.SyntaxTrees.First().Options)));

        Assert.All(reasons[TrackingNames.Spec], reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
        Assert.All(reasons[TrackingNames.RuntimeNameConflicts], reason => Assert.Equal(IncrementalStepRunReason.Unchanged, reason));
        Assert.All(reasons[WellKnownGeneratorOutputs.SourceOutput], reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
    }

    [Fact]
    public void A_comment_in_the_network_file_leaves_the_generated_source_unchanged()
    {
        var reasons = IncrementalAssert.ReasonsAfterEdit(Network, compilation => ReplaceText(compilation, "namespace Samples;", "// a comment\nnamespace Samples;"));

        Assert.All(reasons[TrackingNames.Spec], reason => Assert.True(
            reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
            $"the spec step ran as {reason}"));
    }

    [Fact]
    public void Changing_a_layer_size_regenerates_the_network()
    {
        var reasons = IncrementalAssert.ReasonsAfterEdit(Network, compilation => ReplaceText(compilation, "Dense(20,", "Dense(21,"));

        Assert.Contains(IncrementalStepRunReason.Modified, reasons[TrackingNames.Spec]);
    }

    private static Compilation ReplaceText(Compilation compilation, string oldText, string newText)
    {
        var tree = compilation.SyntaxTrees.First();
        var text = tree.GetText().ToString();
        Assert.Contains(oldText, text);
        return compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(text.Replace(oldText, newText))));
    }

    private const string SecondNetwork = """
        using NetGen;

        namespace Samples;

        [Network(Inputs = 4)]
        [Dense(8, Activation.ReLU)]
        [Dense(3, Activation.Softmax)]
        public partial class IrisClassifier;
        """;

    [Fact]
    public void Whitespace_in_the_network_file_reruns_only_the_parse_which_finds_the_same_spec()
    {
        var run = IncrementalAssert.RunTwice([Network], compilation => ReplaceText(compilation, "[Dense(20, Activation.ReLU)]", "[Dense( 20,  Activation.ReLU )]\n\n"));

        // The file changed, so its declaration is read again; the spec it yields is equal, so nothing after it runs.
        Assert.Equal([IncrementalStepRunReason.Unchanged], Reasons(run, TrackingNames.Network));
        Assert.All(Reasons(run, TrackingNames.Spec), reason => Assert.Contains(reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
        Assert.All(Reasons(run, WellKnownGeneratorOutputs.SourceOutput), reason => Assert.Contains(reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
    }

    [Fact]
    public void Changing_one_layer_size_regenerates_only_that_network()
    {
        var run = IncrementalAssert.RunTwice([Network, SecondNetwork], compilation => ReplaceText(compilation, "Dense(20,", "Dense(21,"));

        Assert.Equal(
            [("TumorClassifier", IncrementalStepRunReason.Modified), ("IrisClassifier", IncrementalStepRunReason.Cached)],
            SpecReasons(run));
        var outputs = Reasons(run, WellKnownGeneratorOutputs.SourceOutput);
        Assert.Equal(1, outputs.Count(reason => reason == IncrementalStepRunReason.Modified));
        Assert.DoesNotContain(IncrementalStepRunReason.New, outputs);
    }

    [Fact]
    public void Adding_a_second_network_does_not_regenerate_the_first()
    {
        var run = IncrementalAssert.RunTwice([Network], compilation => compilation.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText(SecondNetwork, (CSharpParseOptions)compilation.SyntaxTrees.First().Options, path: "Second.cs")));

        Assert.Equal(
            [("TumorClassifier", IncrementalStepRunReason.Cached), ("IrisClassifier", IncrementalStepRunReason.New)],
            SpecReasons(run));
        Assert.Equal(2, run.GeneratedSources.Length);
        Assert.Equal(1, Reasons(run, WellKnownGeneratorOutputs.SourceOutput).Count(reason => reason == IncrementalStepRunReason.New));
    }

    private static IncrementalStepRunReason[] Reasons(GeneratorRunResult run, string step) =>
        run.TrackedSteps.TryGetValue(step, out var steps) ? steps.SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray()
        : run.TrackedOutputSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();

    /// <summary>Each network's class name with the reason of its spec step.</summary>
    private static (string, IncrementalStepRunReason)[] SpecReasons(GeneratorRunResult run) =>
        run.TrackedSteps[TrackingNames.Spec]
            .SelectMany(s => s.Outputs)
            .Select(o => (((generator::NetGen.Generator.Model.NetworkSpec)o.Value).Type.Name, o.Reason))
            .ToArray();
}
