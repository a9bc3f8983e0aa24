using System.Numerics;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;

namespace NetGen.Benchmarks;

/// <summary>
/// ONNX Runtime as NetGen's inference peer (<c>--onnxruntime</c>), in this JIT program only: the network of a prediction
/// workload exported with <c>ExportOnnx</c> and run in the same process with the same thread count, on the same data
/// (X transposed into ONNX's [batch, features]), through an I/O binding of preallocated OrtValues, so that one step is
/// one <c>RunWithBinding</c>, as NetGen's is one <c>Predict(X, result)</c> into a preallocated result.
/// </summary>
public static partial class QuickMode
{
    static partial void MeasureOnnxRuntime(Workload workload, string precision, int threads, double seconds, ref bool measured)
    {
        var (microseconds, samples, bytesPerStep) = precision switch
        {
            "f32" => TimeOnnxRuntime(workload.CreateNetwork<float>(), workload, threads, seconds),
            "f64" => TimeOnnxRuntime(workload.CreateNetwork<double>(), workload, threads, seconds),
            _ => throw new ArgumentException($"Unknown precision '{precision}': expected f32 or f64.", nameof(precision)),
        };
        var result = new Result(
            $"onnxruntime-{precision}",
            workload.Name,
            workload.Dims,
            workload.M,
            threads,
            Math.Round(microseconds, 2),
            Math.Round(workload.FlopsPerStep / microseconds / 1e3, 2),
            samples,
            Math.Round(bytesPerStep, 2),
            VectorBits: 0); // ONNX Runtime's own kernels (MLAS) choose their instruction set
        Console.WriteLine(JsonSerializer.Serialize(result, ResultJson.Default.Result));
        measured = true;
    }

    private static (double Microseconds, int Samples, double BytesPerStep) TimeOnnxRuntime<T>(INetwork<T> network, Workload workload, int threads, double seconds)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var (x, _) = workload.CreateData(network);
        int m = workload.M, inputs = network.InputSize, outputs = network.OutputSize;
        var rows = new T[m * inputs];
        for (var j = 0; j < m; j++)
        {
            for (var i = 0; i < inputs; i++)
            {
                rows[(j * inputs) + i] = x[i, j];
            }
        }

        using var model = new MemoryStream();
        network.ExportOnnx(model);
        using var options = new SessionOptions
        {
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        using var session = new InferenceSession(model.ToArray(), options);
        using var input = OrtValue.CreateTensorValueFromMemory(rows, [m, inputs]);
        using var output = OrtValue.CreateTensorValueFromMemory(new T[m * outputs], [m, outputs]);
        using var binding = session.CreateIoBinding();
        binding.BindInput("X", input);
        binding.BindOutput("Y", output);
        using var runOptions = new RunOptions();
        return Time(() => session.RunWithBinding(runOptions, binding), seconds);
    }
}
