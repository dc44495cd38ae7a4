using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using LumpGen.Evaluation;
using LumpGen.Format;
using LumpGen.IntegrationTests.Infrastructure;
using LumpGen.IO;
using LumpGen.Model;
using LumpGen.Testing;
using Xunit.Abstractions;

namespace LumpGen.IntegrationTests;

/// <summary>
/// Packs generators/LumpGen.Generators with <c>dotnet pack</c> into a temporary feed, then builds and runs a
/// throwaway console project that uses it exactly as a user does: a PackageReference and two
/// <c>&lt;LumpNetwork&gt;</c> items, one with ClassName/Namespace, one relying on the defaults. Everything lives
/// in one temporary folder: the pack's own obj/bin (so a concurrent build of the generator in the repository
/// is neither disturbed nor reused), the feed, the consumer and its own NUGET_PACKAGES (so the global cache
/// never holds, or hands back a stale, LumpGen.Generators 0.0.0-test).
/// </summary>
public sealed class PackagedGeneratorFixture : IDisposable
{
    public const string Version = "0.0.0-test";

    /// <summary>The consumer's project name, hence its default RootNamespace.</summary>
    public const string ConsumerName = "PackagedConsumer";

    private const int Samples = 5; // one register-blocked group of 4 plus a tail of 1

    public PackagedGeneratorFixture()
    {
        Root = Directory.CreateTempSubdirectory("lumpgen-packaged-").FullName;
        try
        {
            Package = Pack();
            Models =
            [
                // ClassName/Namespace given; two hidden layers, the first with a lumping partition, and transforms.
                new ConsumerModel(
                    "x.lump", "ClassName=\"XModel\" Namespace=\"Demo\"", "Demo.XModel",
                    TestNetworks.Build(31, [6, 20, 12, 3], [Activation.Tanh, Activation.Sigmoid, Activation.Identity], transforms: true, partitions: true)),

                // No metadata: class name from the file name, namespace from $(RootNamespace).
                new ConsumerModel(
                    "tiny-net.lump", "", ConsumerName + ".TinyNet",
                    TestNetworks.Build(32, [3, 9, 2], [Activation.Relu, Activation.Softmax], transforms: false, partitions: false)),
            ];
            Inputs = [.. Models.Select((m, i) => TestNetworks.Inputs(m.Network, Samples, seed: 40 + i))];
            Stdout = BuildAndRunConsumer();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The temporary folder that holds everything; deleted by <see cref="Dispose"/>.</summary>
    public string Root { get; }

    public string Feed => Path.Combine(Root, "feed");

    public string Package { get; }

    public string ConsumerPackages => Path.Combine(Root, "consumer-packages");

    internal IReadOnlyList<ConsumerModel> Models { get; }

    /// <summary>Inputs per model (row-major, <see cref="Samples"/> samples), embedded in the consumer's Program.cs.</summary>
    internal IReadOnlyList<float[]> Inputs { get; }

    /// <summary>What the consumer printed.</summary>
    public string Stdout { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover temp folder is harmless.
        }
    }

    /// <summary>
    /// <c>dotnet pack</c> with a fixed version and an artifacts path of its own: restore, obj and bin go under
    /// <see cref="Root"/> (UseArtifactsOutput also keeps the repository's bin/ and obj/ out of the compile
    /// globs), so the pack starts from nothing whatever state the repository's build folders are in.
    /// </summary>
    private string Pack()
    {
        string project = Path.Combine(RepoPaths.Root, "generators", "LumpGen.Generators", "LumpGen.Generators.csproj");
        Dotnet.Run(
            Root,
            new Dictionary<string, string?>(),
            "pack", project, "-c", "Release", "-o", Feed, "-p:Version=" + Version,
            "--artifacts-path", Path.Combine(Root, "pack-artifacts"));
        string package = Path.Combine(Feed, $"LumpGen.Generators.{Version}.nupkg");
        Assert.True(File.Exists(package), $"dotnet pack did not produce {package}.");
        return package;
    }

    private string BuildAndRunConsumer()
    {
        string consumer = Path.Combine(Root, "consumer");
        Directory.CreateDirectory(Path.Combine(consumer, "Models"));
        for (int i = 0; i < Models.Count; i++)
        {
            LumpFile.Write(Models[i].Network, Path.Combine(consumer, "Models", Models[i].File));
        }

        // Stop MSBuild's upward search, so nothing of the repository applies should the temp folder sit inside it.
        foreach (string name in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            File.WriteAllText(Path.Combine(consumer, name), "<Project />\n");
        }

        // The feed is added to the sources this machine already has (no <clear/>): the consumer restores
        // LumpGen.Generators from the feed and anything else from the usual sources.
        File.WriteAllText(Path.Combine(consumer, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="lumpgen-test-feed" value="{Feed}" />
              </packageSources>
            </configuration>
            """);

        var items = new StringBuilder();
        foreach (var model in Models)
        {
            items.AppendLine(CultureInfo.InvariantCulture, $"""    <LumpNetwork Include="Models/{model.File}" {model.Metadata} />""");
        }

        // TreatWarningsAsErrors: any generator diagnostic or warning in the generated code fails the build.
        // NuGetAudit off: a throwaway project needs no vulnerability data, and fetching it would need the network.
        File.WriteAllText(Path.Combine(consumer, ConsumerName + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <NuGetAudit>false</NuGetAudit>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="LumpGen.Generators" Version="{Version}" />
            {items}  </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(consumer, "Program.cs"), ProgramSource());

        var (stdout, _) = Dotnet.Run(
            consumer,
            new Dictionary<string, string?> { ["NUGET_PACKAGES"] = ConsumerPackages },
            "run", "-c", "Release");
        return stdout;
    }

    /// <summary>
    /// Per model: its full class name, then Predict one sample at a time and PredictBatch over all samples,
    /// each printed as one line of "R" (round-trip) floats.
    /// </summary>
    private string ProgramSource()
    {
        var body = new StringBuilder();
        for (int k = 0; k < Models.Count; k++)
        {
            string type = "global::" + Models[k].FullName;
            string inputs = string.Join(", ", Inputs[k].Select(v => v.ToString("R", CultureInfo.InvariantCulture) + "f"));
            body.AppendLine(CultureInfo.InvariantCulture, $$"""
                {
                    float[] inputs = [{{inputs}}];
                    int samples = inputs.Length / {{type}}.InputLength;
                    var single = new float[samples * {{type}}.OutputLength];
                    for (int s = 0; s < samples; s++)
                    {
                        {{type}}.Predict(
                            inputs.AsSpan(s * {{type}}.InputLength, {{type}}.InputLength),
                            single.AsSpan(s * {{type}}.OutputLength, {{type}}.OutputLength));
                    }

                    var batch = new float[samples * {{type}}.OutputLength];
                    {{type}}.PredictBatch(inputs, batch);
                    Console.WriteLine("model {{k}} class " + typeof({{type}}).FullName);
                    Console.WriteLine("model {{k}} predict " + Format(single));
                    Console.WriteLine("model {{k}} batch " + Format(batch));
                }
                """);
        }

        return $$"""
            using System.Globalization;

            {{body}}
            static string Format(float[] values) =>
                string.Join(" ", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));

            """;
    }
}

/// <summary>A model in the consumer project: its file, the LumpNetwork metadata, the class it should become.</summary>
internal sealed record ConsumerModel(string File, string Metadata, string FullName, Network Network);

/// <summary>The packed NuGet package, consumed by a real project through <c>dotnet run</c>.</summary>
public sealed class PackagedGeneratorTests(PackagedGeneratorFixture fixture, ITestOutputHelper output) : IClassFixture<PackagedGeneratorFixture>
{
    /// <summary>
    /// |y − ref| ≤ 1e-5·max(|ref|, 1), the bound every generated model is held to (see SimdTierTests): float32
    /// sums of a few dozen products in another order than the double reference stay near 1e-6; the floor of 1
    /// holds outputs near zero, where relative error is meaningless, to the same absolute standard.
    /// </summary>
    private const double Tolerance = 1e-5;

    [Fact]
    public void Package_holds_the_generator_as_an_analyzer_and_the_msbuild_files()
    {
        using var zip = ZipFile.OpenRead(fixture.Package);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        string[] expected =
        [
            "analyzers/dotnet/cs/LumpGen.Generators.dll",
            "build/LumpGen.Generators.props", "build/LumpGen.Generators.targets",
            "build/LumpGen.props", "build/LumpGen.targets",
            "buildTransitive/LumpGen.Generators.props", "buildTransitive/LumpGen.Generators.targets",
        ];
        Assert.All(expected, e => Assert.Contains(e, entries));

        // IncludeBuildOutput=false: nothing for the consumer to compile against or ship.
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal));

        using var nuspec = new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        string text = nuspec.ReadToEnd();
        Assert.Contains($"<version>{PackagedGeneratorFixture.Version}</version>", text, StringComparison.Ordinal);
        Assert.Contains("<developmentDependency>true</developmentDependency>", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<dependency ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Consumer_restored_the_package_from_the_test_feed_into_its_own_cache()
    {
        // The consumer's NUGET_PACKAGES holds the package, and NuGet recorded the feed as its source.
        string metadata = Path.Combine(fixture.ConsumerPackages, "lumpgen.generators", PackagedGeneratorFixture.Version, ".nupkg.metadata");
        Assert.True(File.Exists(metadata), $"{metadata} is missing: the consumer did not restore into its own package folder.");
        using var json = JsonDocument.Parse(File.ReadAllText(metadata));
        Assert.Equal(Path.GetFullPath(fixture.Feed), Path.GetFullPath(json.RootElement.GetProperty("source").GetString()!));
    }

    [Theory]
    [InlineData(0)] // ClassName="XModel" Namespace="Demo"
    [InlineData(1)] // no metadata: TinyNet in the consumer's RootNamespace
    public void Packaged_generator_output_matches_the_reference(int index)
    {
        var model = fixture.Models[index];
        var lines = fixture.Stdout.Split('\n', StringSplitOptions.TrimEntries)
            .Where(l => l.StartsWith($"model {index} ", StringComparison.Ordinal))
            .Select(l => l[$"model {index} ".Length..])
            .ToList();
        lines.ForEach(output.WriteLine);
        Assert.Contains("class " + model.FullName, lines);

        double[] expected = ReferenceEvaluator.PredictBatch(model.Network, fixture.Inputs[index]);
        foreach (string method in new[] { "predict", "batch" })
        {
            string line = Assert.Single(lines, l => l.StartsWith(method + " ", StringComparison.Ordinal));
            float[] actual = [.. line[(method.Length + 1)..].Split(' ').Select(v => float.Parse(v, CultureInfo.InvariantCulture))];
            Assert.Equal(expected.Length, actual.Length);
            for (int i = 0; i < actual.Length; i++)
            {
                double error = Math.Abs(actual[i] - expected[i]) / Math.Max(Math.Abs(expected[i]), 1);
                Assert.True(
                    error <= Tolerance,
                    $"{model.FullName} {method}[{i}] = {actual[i]:R}, reference {expected[i]:R}, scaled error {error:E2}");
            }
        }
    }
}

/// <summary>Runs the dotnet CLI in a child process, as a user would from a shell.</summary>
internal static class Dotnet
{
    /// <summary>
    /// Runs <c>dotnet <paramref name="args"/></c> in <paramref name="workingDirectory"/>; fails with its output
    /// unless it exits with 0 within 5 minutes. No MSBuild nodes or compiler server outlive it (they would
    /// hold its output pipes open), and the MSBuild variables of the `dotnet test` that runs us are removed.
    /// </summary>
    public static (string Stdout, string Stderr) Run(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo(GeneratedHarness.DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.ArgumentList.Add("-p:UseSharedCompilation=false");
        foreach (string key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (var pair in environment)
        {
            start.Environment[pair.Key] = pair.Value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"dotnet {string.Join(' ', args)} did not finish within 5 minutes.");
        }

        process.WaitForExit();
        Assert.True(
            process.ExitCode == 0,
            $"dotnet {string.Join(' ', args)} failed ({process.ExitCode}):\n{stdout.Result}\n{stderr.Result}");
        return (stdout.Result, stderr.Result);
    }
}
