using System;

namespace NetGen.Generator.Model;

/// <summary>How the emitter names each resolved initialization: in words, and as the runtime method that draws it.</summary>
internal static class InitializationNames
{
    /// <summary>The initialization in words, for the remarks on the class: <c>He normal</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="Initialization.Auto"/> (resolved before emission) or a value without a name.</exception>
    public static string Describe(Initialization initialization) => initialization switch
    {
        Initialization.HeNormal => "He normal",
        Initialization.HeUniform => "He uniform",
        Initialization.XavierNormal => "Xavier normal",
        Initialization.XavierUniform => "Xavier uniform",
        Initialization.LeCunNormal => "LeCun normal",
        _ => throw new ArgumentOutOfRangeException(nameof(initialization), initialization, "Not a resolved initialization."),
    };

    /// <summary>The method of <c>NetGen.CompilerServices.Initializers</c> that draws it.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="Initialization.Auto"/> (resolved before emission) or a value without a method.</exception>
    public static string RuntimeMethod(Initialization initialization) => initialization switch
    {
        Initialization.HeNormal => "HeNormal",
        Initialization.HeUniform => "HeUniform",
        Initialization.XavierNormal => "XavierNormal",
        Initialization.XavierUniform => "XavierUniform",
        Initialization.LeCunNormal => "LeCunNormal",
        _ => throw new ArgumentOutOfRangeException(nameof(initialization), initialization, "Not a resolved initialization."),
    };
}
