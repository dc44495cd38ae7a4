using LumpGen.Model;
using LumpGen.Ode;

namespace LumpGen.Lumping;

/// <summary>What lumping did to one dense layer.</summary>
/// <param name="Index">0-based layer index.</param>
/// <param name="NeuronsBefore">Neurons of the original layer.</param>
/// <param name="NeuronsAfter">Blocks, i.e. neurons of the reduced layer.</param>
/// <param name="Partition">Original neuron → block (canonical: blocks numbered by lowest member).</param>
public sealed record LayerLumping(int Index, int NeuronsBefore, int NeuronsAfter, Partition Partition);

/// <summary>The outcome of <see cref="Lumper.Lump"/>.</summary>
/// <param name="Original">The input network.</param>
/// <param name="Reduced">The reduced network (metadata: ε, original parameter count, quotient).</param>
/// <param name="Options">The options used.</param>
/// <param name="EngineUsed">Fast or general (never Auto).</param>
/// <param name="Layers">One entry per dense layer.</param>
/// <param name="Elapsed">Wall time of partition + quotient + refit.</param>
public sealed record LumpingResult(
    Network Original,
    Network Reduced,
    LumpingOptions Options,
    LumpingEngine EngineUsed,
    IReadOnlyList<LayerLumping> Layers,
    TimeSpan Elapsed)
{
    /// <summary>ε used.</summary>
    public double Epsilon => Options.Epsilon;

    /// <summary>Weights plus biases of the original network.</summary>
    public long ParametersBefore => Original.ParameterCount;

    /// <summary>Weights plus biases of the reduced network.</summary>
    public long ParametersAfter => Reduced.ParameterCount;

    /// <summary>GRP%: 100 · after / before, the percentage of parameters kept.</summary>
    public double ParametersKeptPercent => 100.0 * ParametersAfter / ParametersBefore;

    /// <summary>The layer partitions, in layer order (what <see cref="QuotientBuilder"/> consumed).</summary>
    public IReadOnlyList<Partition> Partitions => [.. Layers.Select(l => l.Partition)];

    /// <summary>Parameters a network would have after reduction to these block counts: Σ_l (K_{l−1}·K_l + K_l).</summary>
    public static long CountParameters(int inputs, IEnumerable<int> blocksPerLayer)
    {
        ArgumentNullException.ThrowIfNull(blocksPerLayer);
        long total = 0;
        int previous = inputs;
        foreach (int k in blocksPerLayer)
        {
            total += ((long)previous * k) + k;
            previous = k;
        }

        return total;
    }
}
