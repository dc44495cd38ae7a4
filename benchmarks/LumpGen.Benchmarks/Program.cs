using BenchmarkDotNet.Running;

// One suite per file; pick with --filter, e.g.
//   dotnet run -c Release --project benchmarks/LumpGen.Benchmarks -- --filter '*Lumping*' --job short
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>Entry point holder for <see cref="BenchmarkSwitcher"/>.</summary>
public static partial class Program;
