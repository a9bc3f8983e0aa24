using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Emission;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;
using NetGen.Generator.Import;
using NetGen.Generator.Validation;

namespace NetGen.Generator;

/// <summary>
/// Generates the training code of every <c>[Network]</c> class:
/// attributes → <see cref="NetworkParser"/> → <see cref="NetworkValidator"/> → <see cref="NetworkEmitter"/>.
/// </summary>
/// <remarks>
/// The pipeline caches at the <see cref="NetworkSpec"/>, a value-equatable model with no symbols or syntax: an edit
/// that leaves a network's attributes unchanged regenerates nothing. The declaration rules are reported by
/// <see cref="NetworkAnalyzer"/>, which shares the parser and validator; the generator reports only NG0022, which is
/// about the whole compilation, and the weights files' NG0040–NG0043, which need the project's additional files.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class NetworkGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // The generator validates each declaration only to know whether it can emit it: NetworkAnalyzer reports the
        // same validator's diagnostics, live and configurable, so reporting them here too would show each twice.
        var networks = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                NetworkParser.NetworkAttributeName,
                predicate: static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                transform: static (context, cancellationToken) =>
                    NetworkParser.Parse(context, cancellationToken) is { } declaration
                        ? NetworkValidator.Validate(declaration) with { Weights = WeightsRequest.From(declaration) }
                        : NetworkResult.None)
            .WithTrackingName(TrackingNames.Network);

        // [Network(Weights = …)]: only the additional files some network names are read, each once per change of its
        // own; every network is then matched with its file, so that a changed file re-emits only its network's weights.
        var weightsFileNames = networks
            .Select(static (network, _) => network.Weights?.FileName)
            .Collect()
            .Select(static (names, _) => names.Where(name => name is not null).Select(name => name!).Distinct().OrderBy(name => name, StringComparer.Ordinal).ToEquatableArray());
        var weightsFiles = context.AdditionalTextsProvider
            .Combine(weightsFileNames)
            .Select(static (file, cancellationToken) =>
                file.Right.Contains(WeightsFileReader.OriginalFileName(file.Left.Path)) ? WeightsFileReader.Read(file.Left, cancellationToken) : null)
            .Where(static file => file is not null)
            .Select(static (file, _) => file!)
            .WithTrackingName(TrackingNames.WeightsFiles)
            .Collect();
        var bound = networks
            .Combine(weightsFiles)
            .Select(static (network, _) => WeightsBinder.Bind(network.Left, network.Right))
            .WithTrackingName(TrackingNames.WeightsBinding);
        context.RegisterSourceOutput(bound.Select(static (network, _) => network.Diagnostics), Report);

        var specs = bound
            .Where(static network => network.Spec is not null)
            .Select(static (network, _) => network.Spec!)
            .WithTrackingName(TrackingNames.Spec);

        // File names must differ even ignoring case, which needs every network's name; only the few that collide are
        // passed on, so that a new network regenerates the others only when its name collides with theirs.
        var caseCollisions = specs
            .Select(static (spec, _) => spec.Type.MetadataName)
            .Collect()
            .Select(static (names, _) => HintNames.CaseCollisions(names))
            .WithTrackingName(TrackingNames.HintNameCollisions);

        // A type of the user's that hides part of the runtime would break every generated file: report it (once, and only
        // in a project with networks) and generate nothing while it exists.
        var runtimeConflicts = context.CompilationProvider
            .Select(static (compilation, cancellationToken) => RuntimeNameConflicts.Find(compilation, cancellationToken))
            .WithTrackingName(TrackingNames.RuntimeNameConflicts);
        var hasNetworks = networks.Collect().Select(static (all, _) => !all.IsEmpty);
        context.RegisterSourceOutput(runtimeConflicts.Combine(hasNetworks), static (context, conflicts) =>
        {
            var (diagnostics, anyNetwork) = conflicts;
            if (anyNetwork)
            {
                Report(context, diagnostics);
            }
        });

        var runtimeIntact = runtimeConflicts.Select(static (conflicts, _) => conflicts.IsEmpty);
        context.RegisterSourceOutput(specs.Combine(caseCollisions).Combine(runtimeIntact), static (context, network) =>
        {
            var ((spec, collisions), intact) = network;
            if (intact)
            {
                context.AddSource(HintNames.For(spec.Type.MetadataName, collisions), NetworkEmitter.Emit(spec));
            }
        });

        var embedded = bound
            .Where(static network => network.Spec is not null && network.Weights is not null)
            .Select(static (network, _) => (Spec: network.Spec!, Weights: network.Weights!));
        context.RegisterSourceOutput(embedded.Combine(caseCollisions).Combine(runtimeIntact), static (context, network) =>
        {
            var ((weights, collisions), intact) = network;
            if (intact)
            {
                context.AddSource(WeightsHintName(HintNames.For(weights.Spec.Type.MetadataName, collisions)), WeightsEmitter.Emit(weights.Spec, weights.Weights));
            }
        });
    }

    private static void Report(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            context.ReportDiagnostic(diagnostic.ToDiagnostic());
        }
    }

    /// <summary>The weights file's name beside the network's: <c>A.Net.NetGen.g.cs</c> → <c>A.Net.NetGen.Weights.g.cs</c>.</summary>
    private static string WeightsHintName(string networkHintName) =>
        networkHintName.Substring(0, networkHintName.Length - ".g.cs".Length) + ".Weights.g.cs";
}
