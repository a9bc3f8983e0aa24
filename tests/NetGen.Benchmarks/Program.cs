using BenchmarkDotNet.Running;
using NetGen.Benchmarks;

// `--json`: the quick mode that tools/bench/compare.sh reads. Anything else goes to BenchmarkDotNet, e.g.
// `--filter '*TrainingStep*'` or `--list flat`.
return args.Contains("--json")
    ? QuickMode.Run(args)
    : ExitCode(BenchmarkSwitcher.FromAssembly(typeof(Workload).Assembly).Run(args));

static int ExitCode(IEnumerable<BenchmarkDotNet.Reports.Summary> summaries) =>
    summaries.Any(s => s.HasCriticalValidationErrors) ? 1 : 0;
