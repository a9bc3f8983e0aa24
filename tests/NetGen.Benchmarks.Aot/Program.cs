using NetGen.Benchmarks;

// The quick mode only (`--json` is accepted and implied): the same workloads and timing as NetGen.Benchmarks.
return QuickMode.Run(args);
