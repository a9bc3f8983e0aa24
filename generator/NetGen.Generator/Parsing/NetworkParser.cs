using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Model;

namespace NetGen.Generator.Parsing;

/// <summary>
/// Reads a <c>[Network]</c> class into a <see cref="NetworkDeclaration"/>. It only extracts: every rule lives in
/// <see cref="Validation.NetworkValidator"/>. It tolerates code being typed (missing arguments, unknown types) by
/// skipping what the compiler already reports, and never throws.
/// </summary>
internal static partial class NetworkParser
{
    public const string NetworkAttributeName = "NetGen.NetworkAttribute";
    public const string DenseAttributeName = "NetGen.DenseAttribute";
    private const string GeneratedCodeAttributeName = "System.CodeDom.Compiler.GeneratedCodeAttribute";

    /// <summary>Parses the class <paramref name="context"/> targets, or returns null when the compiler already reports why it cannot be read.</summary>
    public static NetworkDeclaration? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type
            || context.TargetNode is not TypeDeclarationSyntax syntax
            || context.Attributes.Length != 1
            || type.GetAttributes().Count(a => IsAttribute(a, NetworkAttributeName)) != 1)
        {
            // [Network] twice is the compiler's CS0579; generating twice would add the same file twice.
            return null;
        }

        var networkAttribute = context.Attributes[0];
        var networkSyntax = networkAttribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
        var declaration = new NetworkDeclaration(
            type.Name,
            SourceSpan.Of(syntax.Identifier),
            networkSyntax is null ? SourceSpan.Of(syntax.Identifier) : SourceSpan.Of(networkSyntax),
            ReadHierarchy(type, syntax));

        ReadNetworkArguments(declaration, networkAttribute, networkSyntax);
        cancellationToken.ThrowIfCancellationRequested();
        ReadLayers(declaration, type, syntax, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        ReadTypeShape(declaration, type, syntax);
        ReadConflictingMembers(declaration, type);
        ReadNetworkInterfaces(declaration, type, context.SemanticModel, cancellationToken);
        ReadConstructors(declaration, type, context.SemanticModel, cancellationToken);
        return declaration;
    }

    /// <summary>
    /// For a class with <c>[Dense]</c> but no <c>[Network]</c>: where to warn that the layers have no effect, or null.
    /// </summary>
    public static DiagnosticInfo? FindLayersWithoutNetwork(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type
            || type.GetAttributes().Any(a => IsAttribute(a, NetworkAttributeName))
            || context.Attributes.FirstOrDefault()?.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not { } firstLayer)
        {
            return null;
        }

        return DiagnosticInfo.Create(Diagnostics.DiagnosticDescriptors.DenseWithoutNetwork, SourceSpan.Of(firstLayer), type.Name);
    }

    private static void ReadNetworkArguments(NetworkDeclaration declaration, AttributeData attribute, AttributeSyntax? syntax)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == "Weights" && argument.Value.Value is string weights)
            {
                declaration.Weights = (weights, NamedArgumentLocation(syntax, argument.Key) ?? declaration.NetworkAttribute);
                continue;
            }

            if (argument.Value.Value is not int value)
            {
                continue; // a constant of the wrong type: the compiler reports it
            }

            var declared = new DeclaredValue(value, NamedArgumentLocation(syntax, argument.Key) ?? declaration.NetworkAttribute);
            switch (argument.Key)
            {
                case "Inputs":
                    declaration.Inputs = declared;
                    break;
                case "Loss":
                    declaration.Loss = declared;
                    break;
                case "Precision":
                    declaration.Precision = declared;
                    break;
                case "Initialization":
                    declaration.Initialization = declared;
                    break;
            }
        }
    }

    private static void ReadLayers(NetworkDeclaration declaration, INamedTypeSymbol type, TypeDeclarationSyntax networkDeclaration, CancellationToken cancellationToken)
    {
        foreach (var attribute in type.GetAttributes())
        {
            if (!IsAttribute(attribute, DenseAttributeName)
                || attribute.ConstructorArguments.Length != 2
                || attribute.ConstructorArguments[0].Value is not int units
                || attribute.ConstructorArguments[1].Value is not int activation
                || attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax syntax)
            {
                continue; // missing or mistyped arguments: the compiler reports them
            }

            var location = SourceSpan.Of(syntax);
            DeclaredNumber? slope = null, dropout = null;
            DeclaredValue? initialization = null;
            foreach (var argument in attribute.NamedArguments)
            {
                var at = NamedArgumentLocation(syntax, argument.Key) ?? location;
                switch (argument.Key, argument.Value.Value)
                {
                    case ("Slope", double value):
                        slope = new DeclaredNumber(value, at);
                        break;
                    case ("Dropout", double value):
                        dropout = new DeclaredNumber(value, at);
                        break;
                    case ("Initialization", int value):
                        initialization = new DeclaredValue(value, at);
                        break;
                }
            }

            declaration.Layers.Add(new DeclaredLayer(
                new DeclaredValue(units, ArgumentLocation(syntax, 0, "units") ?? location),
                new DeclaredValue(activation, ArgumentLocation(syntax, 1, "activation") ?? location),
                slope,
                dropout,
                initialization,
                location,
                OnNetworkDeclaration: syntax.Parent?.Parent == networkDeclaration));
        }
    }

    private static void ReadTypeShape(NetworkDeclaration declaration, INamedTypeSymbol type, TypeDeclarationSyntax syntax)
    {
        // The generated code reopens the class and every type around it from another file, so all of them must be
        // partial, and none file-local (another file would declare a new type of the same name instead).
        for (var current = syntax; current is not null; current = current.Parent as TypeDeclarationSyntax)
        {
            if (!current.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                declaration.NonPartialTypes.Add((current.Identifier.ValueText, SourceSpan.Of(current.Identifier)));
            }

            var file = current.Modifiers.FirstOrDefault(m => m.IsKind(SyntaxKind.FileKeyword));
            if (file.IsKind(SyntaxKind.FileKeyword))
            {
                declaration.FileLocalTypes.Add((current.Identifier.ValueText, SourceSpan.Of(file)));
            }
        }

        declaration.LanguageVersion = ((CSharpParseOptions)syntax.SyntaxTree.Options).LanguageVersion;

        if (type.IsStatic)
        {
            declaration.UnsupportedReasons.Add("static");
        }

        if (type.IsRecord)
        {
            declaration.UnsupportedReasons.Add("a record");
        }

        // IsGenericType is also true inside a generic type, which the loop below reports more precisely.
        if (type.TypeParameters.Length > 0)
        {
            declaration.UnsupportedReasons.Add("generic");
        }

        for (var container = type.ContainingType; container is not null; container = container.ContainingType)
        {
            if (container.IsGenericType)
            {
                declaration.UnsupportedReasons.Add($"nested in the generic type '{container.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}'");
            }
        }

        for (var baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
        {
            if (baseType.GetAttributes().Any(a => IsAttribute(a, NetworkAttributeName)))
            {
                declaration.UnsupportedReasons.Add($"derived from the network '{baseType.Name}'");
            }
        }

        if (MemberNames.All(declaration.Layers.Count).Contains(type.Name))
        {
            declaration.UnsupportedReasons.Add($"named '{type.Name}', like a member NetGen generates");
        }
    }

    private static void ReadConflictingMembers(NetworkDeclaration declaration, INamedTypeSymbol type)
    {
        foreach (var name in MemberNames.All(declaration.Layers.Count))
        {
            foreach (var member in type.GetMembers(name))
            {
                if (!member.IsImplicitlyDeclared && member.Locations.FirstOrDefault(l => l.IsInSource) is { } location)
                {
                    declaration.ConflictingMembers.Add((type.Name, name, new SourceSpan(location.SourceTree!, location.SourceSpan)));
                }
            }

            // An inherited member would be hidden by the generated one (warning CS0108 in generated code).
            for (var baseType = type.BaseType; baseType is not null && baseType.SpecialType != SpecialType.System_Object; baseType = baseType.BaseType)
            {
                if (baseType.GetMembers(name).Any(m => m.DeclaredAccessibility != Accessibility.Private))
                {
                    declaration.ConflictingMembers.Add((baseType.Name, name, declaration.Identifier));
                }
            }
        }

        // The generated class implements INetwork<T>: members of it the user implements explicitly would be implemented
        // twice (CS8646), or would replace the generated ones for every caller through the interface.
        foreach (var member in type.GetMembers())
        {
            if (ExplicitlyImplemented(member) is { } implemented
                && IsNetworkInterface(implemented.ContainingType)
                && member.Locations.FirstOrDefault(l => l.IsInSource) is { } location)
            {
                var name = implemented.ContainingType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + "." + implemented.Name;
                declaration.ConflictingMembers.Add((type.Name, name, new SourceSpan(location.SourceTree!, location.SourceSpan)));
            }
        }
    }

    private static TypeHierarchy ReadHierarchy(INamedTypeSymbol type, TypeDeclarationSyntax syntax)
    {
        var containingTypes = syntax.Ancestors()
            .OfType<TypeDeclarationSyntax>()
            .Reverse()
            .Select(t => new ContainingType(Keyword(t), t.Identifier.Text))
            .ToEquatableArray();
        var ns = type.ContainingNamespace is { IsGlobalNamespace: false } containingNamespace
            ? containingNamespace.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted))
            : string.Empty;
        var hasGeneratedCode = type.GetAttributes().Any(a => IsAttribute(a, GeneratedCodeAttributeName));
        return new TypeHierarchy(ns, containingTypes, syntax.Identifier.Text, MetadataName(type), hasGeneratedCode);
    }

    /// <summary>
    /// The full metadata name of <paramref name="type"/>, as <see cref="Compilation.GetTypeByMetadataName"/> takes it:
    /// namespaces joined by <c>.</c>, nested types by <c>+</c>, generic arity as <c>`n</c>, keywords unescaped.
    /// </summary>
    internal static string MetadataName(INamedTypeSymbol type)
    {
        var name = type.MetadataName;
        var outermost = type;
        for (var container = type.ContainingType; container is not null; container = container.ContainingType)
        {
            name = container.MetadataName + "+" + name;
            outermost = container;
        }

        for (var ns = outermost.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            name = ns.MetadataName + "." + name;
        }

        return name;
    }

    /// <summary>The keyword that reopens a type: <c>class</c>, <c>struct</c>, <c>interface</c>, <c>record</c>, <c>record struct</c>.</summary>
    private static string Keyword(TypeDeclarationSyntax type) =>
        type is RecordDeclarationSyntax { ClassOrStructKeyword.ValueText: { Length: > 0 } kind }
            ? "record " + kind
            : type.Keyword.ValueText;

    private static bool IsAttribute(AttributeData attribute, string metadataName) =>
        attribute.AttributeClass?.ToDisplayString() == metadataName;

    private static SourceSpan? NamedArgumentLocation(AttributeSyntax? syntax, string property) =>
        syntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == property) is { } argument
            ? SourceSpan.Of(argument)
            : null;

    /// <summary>The constructor argument for <paramref name="parameter"/>, written by name (<c>units: 3</c>) or by position.</summary>
    private static SourceSpan? ArgumentLocation(AttributeSyntax syntax, int position, string parameter)
    {
        var arguments = syntax.ArgumentList?.Arguments ?? default;
        if (arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == parameter) is { } named)
        {
            return SourceSpan.Of(named);
        }

        var positional = arguments.Where(a => a.NameColon is null && a.NameEquals is null).ElementAtOrDefault(position);
        return positional is null ? null : SourceSpan.Of(positional);
    }
}
