using LumpGen.Model;
using LumpGen.Ode;
using MathNet.Numerics.LinearAlgebra;

namespace LumpGen.Lumping;

/// <summary>
/// Optional data-aware step beyond the paper (DESIGN §3.3): after layer l−1 was merged, refit layer l
/// so that its pre-activations on calibration data match what the quotient intends — the original
/// pre-activation of each block's representative (rep) or the block mean (mean):
/// <code>min_{W', b'} ‖ [A 1]·[W'ᵀ; b'ᵀ] − Z ‖² + λ‖·‖²</code>
/// A = activations of the reduced layer l−1 (with earlier refits applied), solved through the normal
/// equations with a tiny ridge λ = 1e-9·tr(AᵀA)/cols, which keeps dead (all-zero) columns solvable.
/// Layers go first to last so each refit sees the activations the final network will produce.
/// </summary>
internal static class LeastSquaresRefit
{
    public static Network Refit(
        Network original,
        Network reduced,
        IReadOnlyList<Partition> partitions,
        QuotientKind kind,
        float[] inputs,
        int maxSamples,
        IProgress<LumpingProgress>? progress,
        CancellationToken cancellationToken)
    {
        int rows = Math.Min(inputs.Length / original.InputLength, maxSamples);
        if (rows == 0)
        {
            throw new ArgumentException("Refit needs at least one whole calibration sample.", nameof(inputs));
        }

        var sample = inputs.AsSpan(0, rows * original.InputLength);
        var target = ForwardPass.Run(original, sample, rows);
        var layers = reduced.Layers.ToArray();
        for (int l = 1; l < layers.Length; l++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (partitions[l - 1].BlockCount == partitions[l - 1].VariableCount)
            {
                continue; // the inputs of layer l were not merged: nothing to compensate
            }

            progress?.Report(new LumpingProgress($"refit layer {l}"));
            var current = ForwardPass.Run(reduced.WithLayers(layers), sample, rows);
            layers[l] = Solve(layers[l], current.LayerInput(l), BlockTargets(target.PreActivations[l], original.Layers[l].OutputLength, partitions[l], kind, rows), rows);
        }

        return reduced.WithLayers(layers);
    }

    /// <summary>Z[r, g] = z[r, rep(g)] or mean_{i∈g} z[r, i].</summary>
    private static double[] BlockTargets(double[] z, int width, Partition partition, QuotientKind kind, int rows)
    {
        int blocks = partition.BlockCount;
        var result = new double[rows * blocks];
        for (int g = 0; g < blocks; g++)
        {
            var members = kind == QuotientKind.Rep ? partition.Block(g)[..1] : partition.Block(g);
            for (int r = 0; r < rows; r++)
            {
                double sum = 0;
                foreach (int i in members)
                {
                    sum += z[(r * width) + i];
                }

                result[(r * blocks) + g] = sum / members.Length;
            }
        }

        return result;
    }

    private static DenseLayer Solve(DenseLayer layer, double[] activations, double[] targets, int rows)
    {
        int k = layer.InputLength, outputs = layer.OutputLength;
        var a = Matrix<double>.Build.Dense(rows, k + 1, (r, c) => c == k ? 1.0 : activations[(r * k) + c]);
        var z = Matrix<double>.Build.Dense(rows, outputs, (r, c) => targets[(r * outputs) + c]);
        var normal = a.TransposeThisAndMultiply(a);
        double lambda = 1e-9 * Math.Max(normal.Trace() / (k + 1), 1e-300);
        for (int c = 0; c <= k; c++)
        {
            normal[c, c] += lambda;
        }

        var x = normal.Cholesky().Solve(a.TransposeThisAndMultiply(z)); // (k+1) × outputs
        var weights = new float[outputs * k];
        var bias = new float[outputs];
        for (int g = 0; g < outputs; g++)
        {
            for (int h = 0; h < k; h++)
            {
                weights[(g * k) + h] = (float)x[h, g];
            }

            bias[g] = (float)x[k, g];
        }

        return new DenseLayer(weights, bias, layer.Activation, layer.Partition is null ? null : [.. layer.Partition]);
    }
}
