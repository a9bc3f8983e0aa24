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
/// that leaves a network's attributes unchanged regenerates nothing. The declaration rules are reported by
/// <see cref="NetworkAnalyzer"/>, which shares the parser and validator; the generator reports only NG0022, which is
/// about the whole compilation.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class NetworkGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // The generator validates each declaration only to know whether it can emit it: NetworkAnalyzer reports the
        // same validator's diagnostics, live and configurable, so reporting them here too would show each twice.
        var validated = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                NetworkParser.NetworkAttributeName,
                predicate: static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                transform: static (context, cancellationToken) =>
                    NetworkParser.Parse(context, cancellationToken) is { } declaration
                        ? NetworkValidator.Validate(declaration).Spec
                        : null)
            .WithTrackingName(TrackingNames.Network);
        var specs = validated
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
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
        var hasNetworks = validated.Collect().Select(static (all, _) => !all.IsEmpty);
        context.RegisterSourceOutput(runtimeConflicts.Combine(hasNetworks), static (context, conflicts) =>
        {
            var (diagnostics, anyNetwork) = conflicts;
            if (!anyNetwork)
            {
                return;
            }

            foreach (var diagnostic in diagnostics)
            {
                context.ReportDiagnostic(diagnostic.ToDiagnostic());
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
    }
}
