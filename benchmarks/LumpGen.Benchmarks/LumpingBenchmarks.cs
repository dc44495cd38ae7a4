using BenchmarkDotNet.Attributes;
using LumpGen.Format;
using LumpGen.Lumping;
using LumpGen.Model;
using LumpGen.Ode;
using LumpGen.Testing;

namespace LumpGen.Benchmarks;

/// <summary>
/// The lumping engine (issue 4) on a ~1M-parameter MLP, 64-1024-512-512-256-1 (985,601 parameters;
/// goal: &lt; 2 s). Results and the command line are in docs/lumping.md.
/// </summary>
[MemoryDiagnoser]
public class LumpingBenchmarks
{
    private Network _mlp = null!;

    /// <summary>
    /// ε: 0 (exact duplicates only: nothing merges), 29 (merges half of the first hidden layer of this
    /// random network, whose distances concentrate near 30) and 1000 (every hidden layer collapses:
    /// the densest windows, the worst case for the neighbour search).
    /// </summary>
    [Params(0.0, 29.0, 1000.0)]
    public double Epsilon { get; set; }

    /// <summary>Builds the seeded network.</summary>
    [GlobalSetup]
    public void Setup() => _mlp = Mlp([64, 1024, 512, 512, 256, 1], seed: 1);

    /// <summary>Fast path, partition only.</summary>
    [Benchmark]
    public int FastPartition() => FastForwardLumper.Partition(_mlp, Epsilon).Sum(p => p.BlockCount);

    /// <summary>The whole pass: partition + mean quotient + metadata.</summary>
    [Benchmark]
    public long Lump() => Lumper.Lump(_mlp, new LumpingOptions { Epsilon = Epsilon }).ParametersAfter;

    /// <summary>A seeded MLP with uniform weights in ±√(6/fan_in) (He scale, as after training) and ReLU hidden layers.</summary>
    internal static Network Mlp(int[] widths, int seed)
    {
        var random = new Random(seed);
        var layers = new List<DenseLayer>();
        for (int l = 0; l + 1 < widths.Length; l++)
        {
            float scale = MathF.Sqrt(6f / widths[l]);
            var w = new float[widths[l] * widths[l + 1]];
            var b = new float[widths[l + 1]];
            for (int k = 0; k < w.Length; k++)
            {
                w[k] = (float)((random.NextDouble() * 2) - 1) * scale;
            }

            for (int k = 0; k < b.Length; k++)
            {
                b[k] = (float)((random.NextDouble() * 2) - 1) * 0.1f;
            }

            layers.Add(new DenseLayer(w, b, l + 2 == widths.Length ? Activation.Identity : Activation.Relu));
        }

        return new Network(layers);
    }
}

/// <summary>The fast path on 64-W-W-1 networks, W = 64…4096 (up to 17M parameters), at ε = 0.</summary>
[MemoryDiagnoser]
public class LumpingWidthBenchmarks
{
    private Network _network = null!;

    /// <summary>Hidden width W.</summary>
    [Params(64, 256, 1024, 4096)]
    public int Width { get; set; }

    /// <summary>Builds the seeded network.</summary>
    [GlobalSetup]
    public void Setup() => _network = LumpingBenchmarks.Mlp([64, Width, Width, 1], seed: 2);

    /// <summary>Fast path, partition only.</summary>
    [Benchmark]
    public int FastPartition() => FastForwardLumper.Partition(_network, 0).Sum(p => p.BlockCount);
}

/// <summary>The general engine, exact reductions of ERODE's 300-species model out_arenasPLsynth2_100_0 (ERODE: FE 258, BE 234 blocks).</summary>
[MemoryDiagnoser]
public class ErodeReductionBenchmarks
{
    private OdeSystem _model = null!;

    /// <summary>Reads the model from ../shared/data.</summary>
    [GlobalSetup]
    public void Setup() => _model = ErodeReader.ReadFile(RepoPaths.Data("ode", "erode-mln", "out_arenasPLsynth2_100_0._ode"));

    /// <summary>Exact ε-FDE.</summary>
    [Benchmark]
    public int Forward() => OdeReducer.Reduce(_model, DifferentialEquivalence.Forward).Partition.BlockCount;

    /// <summary>Exact ε-BDE.</summary>
    [Benchmark]
    public int Backward() => OdeReducer.Reduce(_model, DifferentialEquivalence.Backward).Partition.BlockCount;
}
