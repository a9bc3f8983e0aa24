using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using static NetGen.Generator.Diagnostics.DiagnosticDescriptors;

namespace NetGen.Generator;

/// <summary>
/// Checks, at the call, the shapes of matrices whose sizes are known at compile time against the network they are
/// passed to: X must have InputSize rows, Y OutputSize rows (NG0030), and X and Y the same number of columns (NG0031).
/// </summary>
/// <remarks>
/// <para>
/// It sees a call of any method with a parameter named <c>X</c> or <c>Y</c> of type <c>Matrix&lt;T&gt;</c> (the generated
/// <c>Forward</c>, <c>Predict</c>, <c>CheckGradients</c>…, and the extensions <c>TrainStep</c>, <c>Fit</c>,
/// <c>Evaluate</c>…) made on an expression whose static type is a generated network: the sizes are the generated
/// constants <c>InputSize</c> and <c>OutputSize</c>, so nothing is checked before the network is generated. A matrix's
/// size is known when the argument is <c>new Matrix&lt;T&gt;(rows, columns)</c> with constant sizes, or a local variable
/// initialized so and never written again (no assignment, <c>ref</c>/<c>out</c> argument, deconstruction or address).
/// </para>
/// <para>
/// It cannot see sizes that flow through fields, properties, parameters, method returns, arrays or a local assigned
/// more than once, nor a network typed as <c>INetwork&lt;T&gt;</c>: those are checked when the call runs.
/// </para>
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ShapeAnalyzer : DiagnosticAnalyzer
{
    private const string MatrixName = "NetGen.Matrix`1";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [MatrixRowsDoNotFitNetwork, ExampleCountsDiffer];

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.GetTypeByMetadataName(MatrixName) is { } matrix)
            {
                start.RegisterOperationAction(operation => Analyze(operation, matrix), OperationKind.Invocation);
            }
        });
    }

    private static void Analyze(OperationAnalysisContext context, INamedTypeSymbol matrix)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (!method.Parameters.Any(p => p.Name is "X" or "Y" && IsMatrix(p.Type, matrix)))
        {
            return;
        }

        var receiver = invocation.Instance ?? (method.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
        if (receiver is null || !(Unwrap(receiver).Type is INamedTypeSymbol network
            && network.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == Parsing.NetworkParser.NetworkAttributeName)
            && Constant(network, "InputSize") is { } inputs
            && Constant(network, "OutputSize") is { } outputs))
        {
            return;
        }

        var call = network.Name + "." + method.Name;
        (int? Rows, int? Columns) x = default, y = default;
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is not { Name: "X" or "Y" } parameter || !IsMatrix(parameter.Type, matrix))
            {
                continue;
            }

            var shape = Shape(argument.Value, matrix, context.CancellationToken);
            var (required, meaning) = parameter.Name == "X"
                ? (inputs, $"InputSize, one per input feature")
                : (outputs, $"OutputSize, one per output");
            if (parameter.Name == "X")
            {
                x = shape;
            }
            else
            {
                y = shape;
            }

            if (shape.Rows is { } rows && rows != required)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    MatrixRowsDoNotFitNetwork,
                    argument.Value.Syntax.GetLocation(),
                    parameter.Name,
                    rows.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    call,
                    required.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    meaning));
            }
        }

        if (x.Columns is { } xColumns && y.Columns is { } yColumns && xColumns != yColumns
            && invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "Y") is { } yArgument)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                ExampleCountsDiffer,
                yArgument.Value.Syntax.GetLocation(),
                xColumns.ToString(System.Globalization.CultureInfo.InvariantCulture),
                yColumns.ToString(System.Globalization.CultureInfo.InvariantCulture),
                call));
        }
    }

    /// <summary>The sizes of a matrix expression that are known at compile time.</summary>
    private static (int? Rows, int? Columns) Shape(IOperation value, INamedTypeSymbol matrix, CancellationToken cancellationToken)
    {
        switch (Unwrap(value))
        {
            case IObjectCreationOperation { Constructor: { } constructor, Arguments.Length: >= 2 } creation
                when IsMatrix(constructor.ContainingType, matrix):
                return (Int(creation, "rows"), Int(creation, "columns"));
            case ILocalReferenceOperation { Local: { RefKind: RefKind.None } local } reference
                when Initializer(local, reference, cancellationToken) is { } initializer && !IsWrittenAfterDeclaration(local, reference):
                return Shape(initializer, matrix, cancellationToken);
            default:
                return default;
        }

        static int? Int(IObjectCreationOperation creation, string parameter) =>
            creation.Arguments.FirstOrDefault(a => a.Parameter?.Name == parameter)?.Value.ConstantValue is { HasValue: true, Value: int size } ? size : null;
    }

    /// <summary>The initializer of <paramref name="local"/>'s declaration, if it has one.</summary>
    private static IOperation? Initializer(ILocalSymbol local, IOperation use, CancellationToken cancellationToken) =>
        local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: { } value }
            && value.SyntaxTree == use.Syntax.SyntaxTree
            ? use.SemanticModel?.GetOperation(value, cancellationToken)
            : null;

    /// <summary>Whether anything in the member that uses <paramref name="local"/> writes it, besides its declaration.</summary>
    private static bool IsWrittenAfterDeclaration(ILocalSymbol local, IOperation use)
    {
        var root = use;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        return root.Descendants().OfType<ILocalReferenceOperation>().Any(reference =>
            SymbolEqualityComparer.Default.Equals(reference.Local, local) && IsWrite(reference));

        static bool IsWrite(IOperation reference) => reference.Parent switch
        {
            IAssignmentOperation assignment => assignment.Target == reference,
            IIncrementOrDecrementOperation => true,
            IArgumentOperation { Parameter.RefKind: not RefKind.None and not RefKind.In } => true,
            IAddressOfOperation => true,
            ITupleOperation or IDeclarationExpressionOperation => true, // a deconstruction target
            _ => false,
        };
    }

    /// <summary><paramref name="operation"/> without implicit conversions and parentheses.</summary>
    private static IOperation Unwrap(IOperation operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation { IsImplicit: true } conversion:
                    operation = conversion.Operand;
                    break;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    break;
                default:
                    return operation;
            }
        }
    }

    private static bool IsMatrix(ITypeSymbol? type, INamedTypeSymbol matrix) =>
        type is INamedTypeSymbol named && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, matrix);

    /// <summary>The generated constant <paramref name="name"/> of a network, if the type has one.</summary>
    private static int? Constant(INamedTypeSymbol type, string name) =>
        type.GetMembers(name).OfType<IFieldSymbol>().FirstOrDefault(f => f.IsConst && f.HasConstantValue)?.ConstantValue is int value ? value : null;
}
