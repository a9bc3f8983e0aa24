using System.Globalization;

namespace NetGen.Samples.Serving;

/// <summary>The sample's settings, section <c>Serving</c> of the configuration (appsettings.json, environment, command line).</summary>
/// <param name="ParameterFile">
/// The parameter file, loaded at start with its <see cref="StandardizerFile"/>, or written there with it after training
/// when both are missing; a relative path is taken from the application's folder.
/// </param>
/// <param name="MaxBatchSize">The largest batch <c>POST /predict</c> accepts.</param>
public sealed record ServingOptions(string ParameterFile, int MaxBatchSize)
{
    /// <summary>
    /// The file of the training set's standardizer, beside the parameter file with the extension .scaler
    /// (tumor-classifier.scaler beside tumor-classifier.ngp): loaded and written with it.
    /// </summary>
    public string StandardizerFile => StandardizerFileBeside(ParameterFile);

    /// <summary>The standardizer file that belongs to <paramref name="parameterFile"/>: the same path with the extension .scaler.</summary>
    public static string StandardizerFileBeside(string parameterFile) => Path.ChangeExtension(parameterFile, ".scaler");

    /// <summary>Reads <c>Serving:ParameterFile</c> (default tumor-classifier.ngp) and <c>Serving:MaxBatchSize</c> (default 1000).</summary>
    /// <exception cref="InvalidOperationException">MaxBatchSize is not a positive integer.</exception>
    public static ServingOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Serving");
        var file = Path.Combine(AppContext.BaseDirectory, section["ParameterFile"] is { Length: > 0 } path ? path : "tumor-classifier.ngp");
        var size = section["MaxBatchSize"] ?? "1000";
        return int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var maxBatchSize) && maxBatchSize > 0
            ? new ServingOptions(file, maxBatchSize)
            : throw new InvalidOperationException($"Serving:MaxBatchSize must be a positive integer, but it is \"{size}\".");
    }
}
