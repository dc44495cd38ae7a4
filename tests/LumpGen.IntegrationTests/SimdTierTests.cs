using LumpGen.Evaluation;
using LumpGen.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace LumpGen.IntegrationTests;

/// <summary>Builds the harness once: every test network, generated in both kernel families, compiled into one program.</summary>
public sealed class HarnessFixture : IDisposable
{
    public HarnessFixture()
    {
        var networks = TestNetworks.All().Concat(TestNetworks.RealMlps()).ToList();
        RealMlps = networks.Count(n => n.Name.StartsWith("Onnx_", StringComparison.Ordinal));
        // The portable kernels run for every other synthetic network (the real MLPs would only add compile time).
        Harness = GeneratedHarness.Build(networks, alsoPortable: i => i % 2 == 0 && !networks[i].Name.StartsWith("Onnx_", StringComparison.Ordinal));
        foreach (var (name, network) in networks)
        {
            Reference[name] = ReferenceEvaluator.PredictBatch(network, Harness.Inputs[name]);
            float[] plain = Float32Baseline.PredictBatch(network, Harness.Inputs[name]);
            Float32Error[name] = plain.Select((v, i) => ScaledError(v, Reference[name][i])).Max();
        }
    }

    internal GeneratedHarness Harness { get; }

    /// <summary>How many real ONNX MLPs from ../shared/data/onnx are among the models.</summary>
    internal int RealMlps { get; }

    /// <summary>Double-precision reference outputs per model label.</summary>
    internal Dictionary<string, double[]> Reference { get; } = [];

    /// <summary>Per model label, the worst scaled error of a plain float32 evaluation (<see cref="Float32Baseline"/>).</summary>
    internal Dictionary<string, double> Float32Error { get; } = [];

    /// <summary>|y − ref| / max(|ref|, 1): relative for outputs of magnitude ≥ 1, absolute below.</summary>
    internal static double ScaledError(double value, double reference) => Math.Abs(value - reference) / Math.Max(Math.Abs(reference), 1);

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
    /// Float32 kernels vs the double reference: |y − ref| ≤ 1e-5·max(|ref|, 1). Sums of a few hundred float
    /// products in another order and ~2-ulp activations stay near 1e-6 on the synthetic networks; the floor
    /// of 1 holds outputs near zero (where relative error is meaningless) to the same absolute standard.
    /// A model may exceed 1e-5 only where a plain float32 evaluation of the same network is as far off
    /// (within <see cref="Float32Slack"/>×): that is the network's float32 conditioning, not the kernels.
    /// </summary>
    private const double Tolerance = 1e-5;

    /// <summary>Different summation orders of the same float32 sums differ by a small factor, not by orders of magnitude.</summary>
    private const double Float32Slack = 3;

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
        Assert.True(fixture.RealMlps >= 10, $"Only {fixture.RealMlps} ONNX MLPs from ../shared/data/onnx were imported; expected the Marabou/ModelVerification/numpy-quant MLPs.");
        Assert.StartsWith(expectedFlags, flags, StringComparison.Ordinal);

        var failures = new List<string>();
        double worst = 0;
        string worstAt = "";
        foreach (var run in runs)
        {
            double[] reference = fixture.Reference[run.Model.Label];
            double allowed = Math.Max(Tolerance, Float32Slack * fixture.Float32Error[run.Model.Label]);
            foreach (var (method, values) in new[] { ("Predict", run.Single), ("PredictBatch", run.Batch) })
            {
                for (int i = 0; i < values.Length; i++)
                {
                    double error = HarnessFixture.ScaledError(values[i], reference[i]);
                    if (error > worst || double.IsNaN(error))
                    {
                        worst = double.IsNaN(error) ? double.PositiveInfinity : error;
                        worstAt = $"{run.Model.ClassName}.{method}[{i}] = {values[i]:R}, reference {reference[i]:R}";
                    }

                    if (!(error <= allowed))
                    {
                        failures.Add($"{run.Model.ClassName} ({run.Model.Network.Shape}).{method}[{i}] = {values[i]:R}, reference {reference[i]:R}, error {error:E2} (allowed {allowed:E2})");
                    }
                }
            }

            if (run.PredictBytes != 0 || run.BatchBytes != 0)
            {
                failures.Add($"{run.Model.ClassName}: {run.PredictBytes} B over {Iterations} Predict calls, {run.BatchBytes} B over {Iterations} PredictBatch calls");
            }
        }

        var overOne = fixture.Float32Error.Where(p => p.Value > Tolerance).Select(p => $"{p.Key} {p.Value:E1}");
        output.WriteLine($"plain float32 evaluation above 1e-5: {string.Join(", ", overOne)}");
        output.WriteLine($"{runs.Count} models ({fixture.RealMlps} real ONNX MLPs), {fixture.Harness.GeneratedChars:N0} characters of generated code; worst scaled error {worst:E2} at {worstAt}");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(30)));
    }
}
