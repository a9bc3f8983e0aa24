namespace NetGen.Generator.Emission;

/// <summary>Fills the holes of the descriptors' equation templates with one layer's names.</summary>
internal static class Templates
{
    /// <summary><paramref name="template"/> with {Z}, {A}, {dA} and {dZ} replaced by the given names.</summary>
    public static string Fill(string template, string z, string a, string dA = "dA", string dZ = "dZ") =>
        template.Replace("{dA}", dA).Replace("{dZ}", dZ).Replace("{Z}", z).Replace("{A}", a);
}
