using ScottPlot;

namespace NetGen.Samples;

/// <summary>
/// What the samples' figures share: the font they are drawn with and the folder they are written to,
/// <c>images/</c> next to the sample's binary (beside its <c>data/</c>), whatever the working directory.
/// </summary>
public static class Figures
{
    private const string FontName = "DejaVu Sans";

    /// <summary>The folder every figure is written to.</summary>
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "images");

    static Figures()
    {
        // ScottPlot draws no text at all when it finds no font, as on a machine without system fonts: the samples
        // bring DejaVu Sans (fonts/, with its license) and make it the default before any plot is created.
        var fonts = Path.Combine(AppContext.BaseDirectory, "fonts");
        Fonts.AddFontFile(FontName, Path.Combine(fonts, "DejaVuSans.ttf"));
        Fonts.AddFontFile(FontName, Path.Combine(fonts, "DejaVuSans-Bold.ttf"), bold: true);
        Fonts.Default = FontName;
    }

    /// <summary>A plot with a title and axis labels, in the shipped font.</summary>
    public static Plot Create(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        return plot;
    }

    /// <summary>Writes <paramref name="plot"/> as a PNG into <see cref="Folder"/> and says where, on one line that CI reads.</summary>
    public static void Save(Plot plot, string fileName, string description, int width = 800, int height = 600)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, fileName);
        plot.SavePng(path, width, height);
        Console.WriteLine($"image: {path} ({description})");
    }
}
