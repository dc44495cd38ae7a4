extern alias generator;

using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;
using generator::LumpGen.Generators;
using LumpGen.Generators.Tests.Infrastructure;
using LumpGen.IO;
using LumpGen.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LumpGen.IntegrationTests.Infrastructure;

/// <summary>A model compiled into the harness: its class, the network it came from, and which kernel family it uses.</summary>
internal sealed record HarnessModel(string ClassName, string Label, Network Network, string Kernel);

/// <summary>What one child process measured for one model.</summary>
internal sealed record ModelRun(HarnessModel Model, float[] Single, float[] Batch, long PredictBytes, long BatchBytes);

/// <summary>
/// Generates code for many networks in one compilation (one Roslyn run, one emit), with a small console
/// program that evaluates every model on given inputs and counts allocations, and runs it in child
/// processes under DOTNET_* switches so each SIMD tier is exercised.
/// </summary>
internal sealed class GeneratedHarness : IDisposable
{
    public const int Samples = 13; // 3 register-blocked groups of 4 plus a tail of 1

    private GeneratedHarness(string directory, IReadOnlyList<HarnessModel> models, IReadOnlyDictionary<string, float[]> inputs, long generatedChars)
    {
        Directory = directory;
        Models = models;
        Inputs = inputs;
        GeneratedChars = generatedChars;
    }

    public string Directory { get; }

    public IReadOnlyList<HarnessModel> Models { get; }

    /// <summary>Inputs per model label (row-major, <see cref="Samples"/> samples).</summary>
    public IReadOnlyDictionary<string, float[]> Inputs { get; }

    /// <summary>Characters of generated C# (all models).</summary>
    public long GeneratedChars { get; }

    public static GeneratedHarness Build(IReadOnlyList<(string Name, Network Network)> networks, Func<int, bool> alsoPortable)
    {
        var models = new List<HarnessModel>();
        var items = new List<LumpItem>();
        for (int i = 0; i < networks.Count; i++)
        {
            var (name, network) = networks[i];
            string text = LumpFile.ToText(network);
            items.Add(new LumpItem($"/models/{name}.lump", text, ClassName: name, Namespace: "Auto"));
            models.Add(new HarnessModel("Auto." + name, name, network, "auto"));
            if (alsoPortable(i))
            {
                items.Add(new LumpItem($"/models/portable/{name}.lump", text, ClassName: name, Namespace: "Portable", Kernel: "portable"));
                models.Add(new HarnessModel("Portable." + name, name, network, "portable"));
            }
        }

        var parseOptions = new CSharpParseOptions(LanguageVersion.CSharp12);
        var compilation = CSharpCompilation.Create(
            "LumpGenHarness",
            [CSharpSyntaxTree.ParseText(ProgramSource(models), parseOptions)],
            Basic.Reference.Assemblies.Net100.References.All,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, optimizationLevel: OptimizationLevel.Release, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));

        var perFile = ImmutableDictionary.CreateBuilder<string, ImmutableDictionary<string, string>>();
        foreach (var item in items)
        {
            var metadata = ImmutableDictionary.CreateBuilder<string, string>();
            metadata["build_metadata.AdditionalFiles.ClassName"] = item.ClassName!;
            metadata["build_metadata.AdditionalFiles.Namespace"] = item.Namespace!;
            if (item.Kernel is not null)
            {
                metadata["build_metadata.AdditionalFiles.Kernel"] = item.Kernel;
            }

            perFile[item.Path] = metadata.ToImmutable();
        }

        var driver = CSharpGeneratorDriver.Create(
            [new LumpNetworkGenerator().AsSourceGenerator()],
            [.. items.Select(i => (AdditionalText)new InMemoryAdditionalText(i.Path, i.Text))],
            parseOptions,
            new TestOptionsProvider(ImmutableDictionary<string, string>.Empty, perFile.ToImmutable()));
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        Assert.Empty(generatorDiagnostics);
        long chars = output.SyntaxTrees.Sum(t => (long)t.Length);

        string directory = Path.Combine(Path.GetTempPath(), "lumpgen-harness-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(directory);
        using (var dll = File.Create(Path.Combine(directory, "harness.dll")))
        {
            var emit = output.Emit(dll);
            Assert.True(emit.Success, string.Join("\n", emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20)));
        }

        File.WriteAllText(
            Path.Combine(directory, "harness.runtimeconfig.json"),
            """{ "runtimeOptions": { "tfm": "net10.0", "framework": { "name": "Microsoft.NETCore.App", "version": "10.0.0" } } }""");

        var inputs = new Dictionary<string, float[]>();
        foreach (var (name, network) in networks)
        {
            inputs[name] = TestNetworks.Inputs(network, Samples, seed: inputs.Count + 1, unitInterval: name.StartsWith("Onnx_", StringComparison.Ordinal));
        }

        using (var writer = new BinaryWriter(File.Create(Path.Combine(directory, "inputs.bin"))))
        {
            writer.Write(models.Count);
            foreach (var model in models)
            {
                float[] values = inputs[model.Label];
                writer.Write(Samples);
                foreach (float v in values)
                {
                    writer.Write(v);
                }
            }
        }

        return new GeneratedHarness(directory, models, inputs, chars);
    }

    /// <summary>Runs the harness with <paramref name="environment"/>; returns the first stdout line (the tier flags) and the per-model results.</summary>
    public (string Flags, IReadOnlyList<ModelRun> Runs) Run(IReadOnlyDictionary<string, string> environment, int iterations)
    {
        string outputs = Path.Combine(Directory, $"outputs-{Guid.NewGuid():N}.bin");
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Directory,
        };
        start.ArgumentList.Add(Path.Combine(Directory, "harness.dll"));
        start.ArgumentList.Add(Path.Combine(Directory, "inputs.bin"));
        start.ArgumentList.Add(outputs);
        start.ArgumentList.Add(iterations.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (string key in new[] { "DOTNET_EnableHWIntrinsic", "DOTNET_PreferredVectorBitWidth", "DOTNET_EnableAVX2", "DOTNET_EnableAVX512" })
        {
            start.Environment.Remove(key);
        }

        foreach (var pair in environment)
        {
            start.Environment[pair.Key] = pair.Value;
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), "The harness did not finish within 5 minutes.");
        Assert.True(process.ExitCode == 0, $"The harness failed ({process.ExitCode}): {stdout}\n{stderr.Result}");

        var runs = new List<ModelRun>();
        using (var reader = new BinaryReader(File.OpenRead(outputs)))
        {
            foreach (var model in Models)
            {
                int length = Samples * model.Network.OutputLength;
                runs.Add(new ModelRun(model, ReadFloats(reader, length), ReadFloats(reader, length), reader.ReadInt64(), reader.ReadInt64()));
            }
        }

        File.Delete(outputs);
        return (stdout.Split('\n')[0].Trim(), runs);
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private static float[] ReadFloats(BinaryReader reader, int count)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = reader.ReadSingle();
        }

        return values;
    }

    /// <summary>The dotnet host running these tests (testhost runs under it), else DOTNET_HOST_PATH, else "dotnet" on PATH.</summary>
    internal static string DotnetHost()
    {
        string? current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet")
        {
            return current;
        }

        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
    }

    private static string ProgramSource(IReadOnlyList<HarnessModel> models)
    {
        var table = new StringBuilder();
        foreach (var model in models)
        {
            table.AppendLine($"        ({model.ClassName}.InputLength, {model.ClassName}.OutputLength, {model.ClassName}.Predict, {model.ClassName}.PredictBatch),");
        }

        return $$"""
            using System;
            using System.IO;
            using System.Numerics;
            using System.Runtime.Intrinsics;

            internal delegate void PredictFn(ReadOnlySpan<float> input, Span<float> output);

            internal static class Program
            {
                private static readonly (int In, int Out, PredictFn Predict, PredictFn Batch)[] Models =
                {
            {{table}}    };

                private static int Main(string[] args)
                {
                    int iterations = int.Parse(args[2]);
                    Console.WriteLine($"V512={Vector512.IsHardwareAccelerated} V256={Vector256.IsHardwareAccelerated} V128={Vector128.IsHardwareAccelerated} VectorT={Vector.IsHardwareAccelerated}/{Vector<float>.Count}");
                    using var reader = new BinaryReader(File.OpenRead(args[0]));
                    using var writer = new BinaryWriter(File.Create(args[1]));
                    int count = reader.ReadInt32();
                    for (int k = 0; k < count; k++)
                    {
                        var model = Models[k];
                        int samples = reader.ReadInt32();
                        var inputs = new float[samples * model.In];
                        for (int i = 0; i < inputs.Length; i++)
                        {
                            inputs[i] = reader.ReadSingle();
                        }

                        var single = new float[samples * model.Out];
                        for (int s = 0; s < samples; s++)
                        {
                            model.Predict(inputs.AsSpan(s * model.In, model.In), single.AsSpan(s * model.Out, model.Out));
                        }

                        var batch = new float[samples * model.Out];
                        model.Batch(inputs, batch);
                        foreach (float v in single) writer.Write(v);
                        foreach (float v in batch) writer.Write(v);

                        // Allocations: warm up (JIT, type initialisation), then count this thread's bytes over the calls.
                        var one = inputs.AsSpan(0, model.In).ToArray();
                        var oneOut = new float[model.Out];
                        var five = inputs.AsSpan(0, 5 * model.In).ToArray();
                        var fiveOut = new float[5 * model.Out];
                        for (int i = 0; i < 50; i++)
                        {
                            model.Predict(one, oneOut);
                            model.Batch(five, fiveOut);
                        }

                        long before = GC.GetAllocatedBytesForCurrentThread();
                        for (int i = 0; i < iterations; i++)
                        {
                            model.Predict(one, oneOut);
                        }

                        long middle = GC.GetAllocatedBytesForCurrentThread();
                        for (int i = 0; i < iterations; i++)
                        {
                            model.Batch(five, fiveOut);
                        }

                        long after = GC.GetAllocatedBytesForCurrentThread();
                        writer.Write(middle - before);
                        writer.Write(after - middle);
                    }

                    return 0;
                }
            }
            """;
    }
}
