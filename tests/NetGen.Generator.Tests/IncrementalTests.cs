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
}
