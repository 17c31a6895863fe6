using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(OpsConsole.Benchmarks.DomainBenchmarks).Assembly).Run(args);
