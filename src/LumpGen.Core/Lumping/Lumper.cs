using System.Diagnostics;
using LumpGen.Model;
using LumpGen.Ode;

namespace LumpGen.Lumping;

/// <summary>
/// The lumping pass (DESIGN §2): network → ODE encoding → ε-FDE partition → quotient network
/// (→ optional least-squares refit). What <c>lumpgen compress</c> runs; one call:
/// <code>var result = Lumper.Lump(network, new LumpingOptions { Epsilon = 0.1 });</code>
/// </summary>
public static class Lumper
{
    /// <summary>Lumps <paramref name="network"/> with <paramref name="options"/> (default: ε = 0, mean quotient).</summary>
    /// <exception cref="ArgumentOutOfRangeException">ε is negative or NaN.</exception>
    /// <exception cref="ArgumentException">The fast engine was requested for an encoding it does not cover, or refit was requested without calibration data.</exception>
    /// <exception cref="NotSupportedException">The polynomial-recast encoding cannot encode this network.</exception>
    public static LumpingResult Lump(Network network, LumpingOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        options ??= LumpingOptions.Default;
        var clock = Stopwatch.StartNew();
        var partitions = Partition(network, options, out var engine, cancellationToken);

        options.Progress?.Report(new LumpingProgress("quotient", 0.8));
        var reduced = QuotientBuilder.Build(network, partitions, options.Quotient);
        string quotient = options.Quotient == QuotientKind.Mean ? "mean" : "rep";
        if (options.Refit)
        {
            if (options.CalibrationInputs is not { Length: > 0 } data)
            {
                throw new ArgumentException("Refit needs calibration inputs.", nameof(options));
            }

            reduced = LeastSquaresRefit.Refit(network, reduced, partitions, options.Quotient, data, options.MaxRefitSamples, options.Progress, cancellationToken);
            quotient += "+refit";
        }

        var m = network.Metadata;
        reduced = reduced.WithMetadata(m with
        {
            Epsilon = options.Epsilon,
            OriginalParameterCount = m.OriginalParameterCount ?? network.ParameterCount,
            Quotient = quotient,
        });
        var layers = partitions.Select((p, l) => new LayerLumping(l, p.VariableCount, p.BlockCount, p)).ToArray();
        options.Progress?.Report(new LumpingProgress("done", 1.0));
        return new LumpingResult(network, reduced, options, engine, layers, clock.Elapsed);
    }

    /// <summary>Only the partition: one per dense layer over its neurons (the output layer's stays discrete).</summary>
    public static IReadOnlyList<Partition> Partition(Network network, LumpingOptions options, out LumpingEngine engineUsed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(options);
        bool fastApplies = options.Encoding == NetworkEncodingKind.ReversedGraph && options.Equivalence == DifferentialEquivalence.Forward;
        if (options.Engine == LumpingEngine.Fast && !fastApplies)
        {
            throw new ArgumentException("The fast engine covers the reversed-graph encoding with ε-FDE only; use the general engine.", nameof(options));
        }

        options.Progress?.Report(new LumpingProgress("partition", 0.0));
        if (options.Engine != LumpingEngine.General && fastApplies)
        {
            engineUsed = LumpingEngine.Fast;
            return FastForwardLumper.Partition(network, options.Epsilon, cancellationToken);
        }

        engineUsed = LumpingEngine.General;
        var encoding = NetworkEncoding.Encode(network, options.Encoding);
        PairwiseEquivalence test = options.Equivalence == DifferentialEquivalence.Forward
            ? new EpsilonForwardEquivalence(encoding.System)
            : new EpsilonBackwardEquivalence(encoding.System);
        var progress = options.Progress is { } p
            ? new SynchronousProgress<RefinementProgress>(r => p.Report(new LumpingProgress($"partition pass {r.Pass}: {r.Blocks} blocks")))
            : null;
        var refined = PartitionRefiner.Refine(test, encoding.System.InitialPartition!, options.Epsilon, progress, cancellationToken);
        return encoding.LayerPartitions(refined.Partition);
    }
}

/// <summary>An <see cref="IProgress{T}"/> that reports on the calling thread (System.Progress posts to a context, out of order).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
