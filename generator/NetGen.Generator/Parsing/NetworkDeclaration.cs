using System.Collections.Generic;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Generator.Model;

namespace NetGen.Generator.Parsing;

/// <summary>
/// What the user wrote, with where they wrote it: the raw values of the attributes (possibly invalid) and the facts
/// about the class that only symbols can tell. The validator turns it into diagnostics or a <see cref="NetworkSpec"/>.
/// It lives only inside one pipeline step and is never cached, so it may hold syntax trees.
/// </summary>
internal sealed class NetworkDeclaration
{
    public NetworkDeclaration(string name, SourceSpan identifier, SourceSpan networkAttribute, TypeHierarchy hierarchy)
    {
        Name = name;
        Identifier = identifier;
        NetworkAttribute = networkAttribute;
        Hierarchy = hierarchy;
    }

    /// <summary>The class name as the user wrote it, for messages.</summary>
    public string Name { get; }

    public SourceSpan Identifier { get; }

    public SourceSpan NetworkAttribute { get; }

    public TypeHierarchy Hierarchy { get; }

    /// <summary><c>Inputs</c>, or null when it is not set.</summary>
    public DeclaredValue? Inputs { get; set; }

    /// <summary><c>Loss</c> as its underlying number, or null when it is not set (then it is inferred).</summary>
    public DeclaredValue? Loss { get; set; }

    /// <summary><c>Precision</c> as its underlying number, or null when it is not set.</summary>
    public DeclaredValue? Precision { get; set; }

    /// <summary><c>Initialization</c> as its underlying number, or null when it is not set.</summary>
    public DeclaredValue? Initialization { get; set; }

    public List<DeclaredLayer> Layers { get; } = [];

    /// <summary>The class and containing types that lack the <c>partial</c> modifier.</summary>
    public List<(string Name, SourceSpan Identifier)> NonPartialTypes { get; } = [];

    /// <summary>Why the class cannot hold a network ("static", "a record", …), if it cannot.</summary>
    public List<string> UnsupportedReasons { get; } = [];

    /// <summary>Members the user declared (or inherited) under a name NetGen generates, with the type that declares them.</summary>
    public List<(string DeclaringType, string Member, SourceSpan Location)> ConflictingMembers { get; } = [];

    /// <summary>The class or containing type declared <c>file</c>, with its <c>file</c> modifier.</summary>
    public List<(string Name, SourceSpan Modifier)> FileLocalTypes { get; } = [];

    /// <summary>The parameter list of the class's primary constructor, if it has one.</summary>
    public SourceSpan? PrimaryConstructor { get; set; }

    /// <summary>
    /// Why the generated constructor's implicit <c>base()</c> cannot call the base class (a clause completing
    /// "the base class 'B' …"), with the base class and where the base list names it; null when it can.
    /// </summary>
    /// <remarks><c>InAnotherFile</c>: the base list that names it is in another file than the one parsed, and the location is the class's identifier.</remarks>
    public (string BaseClass, string Problem, SourceSpan Location, bool InAnotherFile)? BaseConstructorProblem { get; set; }

    /// <summary>The user's constructors that do not call <c>this(…)</c>, so never reach the generated one, by signature.</summary>
    public List<(string Constructor, SourceSpan Identifier)> ConstructorsWithoutThis { get; } = [];

    /// <summary>
    /// Every <c>INetwork&lt;T&gt;</c> the class implements through its base list or base class, with the precision T
    /// stands for (null when T is neither float nor double), and where the base list brings it in (the class's identifier
    /// when it is inherited, or <c>InAnotherFile</c>, named in another file than the one parsed).
    /// </summary>
    public List<(string Interface, Precision? Precision, SourceSpan Location, bool InAnotherFile)> NetworkInterfaces { get; } = [];

    /// <summary>The C# version of the file that declares the class.</summary>
    public LanguageVersion LanguageVersion { get; set; } = LanguageVersion.Latest;
}

/// <summary>A number from an attribute argument (an enum as its underlying value) and where it was written.</summary>
internal readonly record struct DeclaredValue(int Value, SourceSpan Location);

/// <summary>A real number from an attribute argument and where it was written.</summary>
internal readonly record struct DeclaredNumber(double Value, SourceSpan Location);

/// <summary>One <c>[Dense(units, activation, …)]</c> as written; the named properties are null when not set.</summary>
/// <param name="OnNetworkDeclaration">Whether it sits on the same partial declaration as <c>[Network]</c>.</param>
internal readonly record struct DeclaredLayer(
    DeclaredValue Units,
    DeclaredValue Activation,
    DeclaredNumber? Slope,
    DeclaredNumber? Dropout,
    DeclaredValue? Initialization,
    SourceSpan Attribute,
    bool OnNetworkDeclaration);
