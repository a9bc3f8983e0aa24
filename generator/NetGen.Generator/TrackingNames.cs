namespace NetGen.Generator;

/// <summary>
/// The names of the generator's pipeline steps, so that tests can check which steps ran and which were cached.
/// </summary>
public static class TrackingNames
{
    /// <summary>Each <c>[Network]</c> class parsed and validated: its spec, or null when it has an error (which <see cref="NetworkAnalyzer"/> reports).</summary>
    public const string Network = nameof(Network);

    /// <summary>The specs of the networks without errors: what the emitter turns into source.</summary>
    public const string Spec = nameof(Spec);

    /// <summary>The networks whose class names differ only in case, which Roslyn's file names do not tell apart.</summary>
    public const string HintNameCollisions = nameof(HintNameCollisions);

    /// <summary>The user's types that hide a type or namespace of the NetGen runtime, which stop every network from being generated.</summary>
    public const string RuntimeNameConflicts = nameof(RuntimeNameConflicts);
}
