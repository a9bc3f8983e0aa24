using System.Globalization;
using BenchmarkDotNet.Running;
using NetGen.Generator.Benchmarks;

// `--analyzer-times`: the time inside each analyzer for 1, 10 and 100 networks, from Roslyn's telemetry; otherwise
// BenchmarkDotNet (for example `--filter '*' --job short`).
if (args is ["--analyzer-times"])
{
    foreach (var completeSymbolsFirst in new[] { false, true })
    {
        Console.WriteLine(completeSymbolsFirst ? "after SymbolCompletionAnalyzer built the classes' symbols:" : "alone:");
        foreach (var networks in new[] { 1, 10, 100 })
        {
            var benchmarks = new CompilerBenchmarks { Networks = networks };
            benchmarks.Setup();
            foreach (var (analyzer, median) in benchmarks.AnalyzerExecutionTimes(runs: 7, completeSymbolsFirst))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{networks,4} networks  {analyzer,-24} {median.TotalMilliseconds,9:F3} ms  {median.TotalMilliseconds / networks,7:F3} ms per network"));
            }
        }
    }

    return;
}

BenchmarkSwitcher.FromAssembly(typeof(CompilerBenchmarks).Assembly).Run(args);
