using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Emission;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;
using NetGen.Generator.Validation;

namespace NetGen.Generator;

/// <summary>
/// Generates the training code of every <c>[Network]</c> class:
/// attributes → <see cref="NetworkParser"/> → <see cref="NetworkValidator"/> → <see cref="NetworkEmitter"/>.
/// </summary>
/// <remarks>
/// The pipeline caches at the <see cref="NetworkSpec"/>, a value-equatable model with no symbols or syntax: an edit
/// that leaves a network's attributes unchanged regenerates nothing. Diagnostics flow through their own node for the
/// same reason.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class NetworkGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var networks = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                NetworkParser.NetworkAttributeName,
                predicate: static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                transform: static (context, cancellationToken) =>
                    NetworkParser.Parse(context, cancellationToken) is { } declaration
                        ? NetworkValidator.Validate(declaration)
                        : NetworkResult.None)
            .WithTrackingName(TrackingNames.Network);

        var diagnostics = networks
            .Select(static (network, _) => network.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (context, diagnostics) =>
        {
            foreach (var diagnostic in diagnostics)
            {
                context.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });

        var specs = networks
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
        context.RegisterSourceOutput(specs.Combine(caseCollisions), static (context, network) =>
            context.AddSource(HintNames.For(network.Left.Type.MetadataName, network.Right), NetworkEmitter.Emit(network.Left)));

        var layersWithoutNetwork = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                NetworkParser.DenseAttributeName,
                predicate: static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                transform: static (context, cancellationToken) => NetworkParser.FindLayersWithoutNetwork(context, cancellationToken))
            .Where(static diagnostic => diagnostic is not null)
            .Select(static (diagnostic, _) => diagnostic!)
            .WithTrackingName(TrackingNames.LayersWithoutNetwork);
        context.RegisterSourceOutput(layersWithoutNetwork, static (context, diagnostic) =>
            context.ReportDiagnostic(diagnostic.ToDiagnostic()));
    }
}
