using Xunit.Abstractions;
using LumpGen.Evaluation;
using LumpGen.IntegrationTests.Infrastructure;

namespace LumpGen.IntegrationTests;

/// <summary>Builds the harness once: every test network, generated in both kernel families, compiled into one program.</summary>
public sealed class HarnessFixture : IDisposable
{
    public HarnessFixture()
    {
        var networks = TestNetworks.All();
        Harness = GeneratedHarness.Build(networks, alsoPortable: i => i % 2 == 0);
        foreach (var (name, network) in networks)
        {
            Reference[name] = ReferenceEvaluator.PredictBatch(network, Harness.Inputs[name]);
        }
    }

    internal GeneratedHarness Harness { get; }

    /// <summary>Double-precision reference outputs per model label.</summary>
    internal Dictionary<string, double[]> Reference { get; } = [];

    public void Dispose() => Harness.Dispose();
}

/// <summary>
/// Generated Predict and PredictBatch against the double-precision <see cref="ReferenceEvaluator"/> on
/// every SIMD tier, plus zero allocations over 10,000 calls each. Each tier is one child process that
/// runs all models (DOTNET_* switches take effect only at process start).
/// </summary>
public sealed class SimdTierTests(HarnessFixture fixture, ITestOutputHelper output) : IClassFixture<HarnessFixture>
{
    /// <summary>
    /// Float32 kernels vs the double reference: |y − ref| ≤ 1e-5·max(|ref|, 1). Sums of ≤ 784 float products
    /// in a different order and ~2-ulp activations stay near 1e-6; the floor of 1 keeps outputs that are
    /// nearly zero (where relative error is meaningless) to the same absolute standard as unit-sized ones.
    /// </summary>
    private const double Tolerance = 1e-5;

    private const int Iterations = 10_000;

    public static TheoryData<string, string, string> Tiers => new()
    {
        // name, environment (KEY=VALUE;…), the tier flags the child must report
        { "widest", "", "" },
        { "Vector256", "DOTNET_PreferredVectorBitWidth=256", "V512=False V256=True V128=True" },
        { "Vector128", "DOTNET_PreferredVectorBitWidth=128", "V512=False V256=False V128=True" },
        { "scalar", "DOTNET_EnableHWIntrinsic=0", "V512=False V256=False V128=False VectorT=False" },
    };

    [Theory]
    [MemberData(nameof(Tiers))]
    public void Generated_code_matches_the_reference_and_does_not_allocate(string tier, string environment, string expectedFlags)
    {
        var env = environment.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(kv => kv.Split('='))
            .ToDictionary(kv => kv[0], kv => kv[1]);
        var (flags, runs) = fixture.Harness.Run(env, Iterations);
        output.WriteLine($"{tier}: {flags}");
        Assert.StartsWith(expectedFlags, flags, StringComparison.Ordinal);

        var failures = new List<string>();
        double worst = 0;
        string worstAt = "";
        foreach (var run in runs)
        {
            double[] reference = fixture.Reference[run.Model.Label];
            foreach (var (method, values) in new[] { ("Predict", run.Single), ("PredictBatch", run.Batch) })
            {
                for (int i = 0; i < values.Length; i++)
                {
                    double error = Math.Abs(values[i] - reference[i]) / Math.Max(Math.Abs(reference[i]), 1);
                    if (error > worst || double.IsNaN(error))
                    {
                        worst = double.IsNaN(error) ? double.PositiveInfinity : error;
                        worstAt = $"{run.Model.ClassName}.{method}[{i}] = {values[i]:R}, reference {reference[i]:R}";
                    }

                    if (!(error <= Tolerance))
                    {
                        failures.Add($"{run.Model.ClassName} ({run.Model.Network.Shape}).{method}[{i}] = {values[i]:R}, reference {reference[i]:R}, error {error:E2}");
                    }
                }
            }

            if (run.PredictBytes != 0 || run.BatchBytes != 0)
            {
                failures.Add($"{run.Model.ClassName}: {run.PredictBytes} B over {Iterations} Predict calls, {run.BatchBytes} B over {Iterations} PredictBatch calls");
            }
        }

        output.WriteLine($"{runs.Count} models; worst scaled error {worst:E2} at {worstAt}");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(30)));
    }
}
