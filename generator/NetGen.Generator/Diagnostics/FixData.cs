namespace NetGen.Generator.Diagnostics;

/// <summary>
/// What a diagnostic carries for its code fixes, beyond its own location: the keys of its properties, and what its
/// additional locations are. The validator decides these facts; the fixes only edit the source with them.
/// </summary>
internal static class FixData
{
    /// <summary>NG0007: the name of an <c>Activation</c> that fits the declared loss (the one that implies it).</summary>
    public const string FittingActivation = nameof(FittingActivation);

    /// <summary>NG0007: the name of a <c>Loss</c> that fits the output activation (the one it implies, or else one that fits).</summary>
    public const string FittingLoss = nameof(FittingLoss);

    // NG0007: additional location 0 is the output layer's activation argument.
    // NG0016: additional location 0 is the layer's activation argument.
    // NG0018: additional location 0, when present, is the previous layer's [Dense], which has no Dropout of its own.
}
