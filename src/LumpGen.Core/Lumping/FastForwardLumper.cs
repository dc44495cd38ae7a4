using System.Numerics;
using System.Runtime.InteropServices;
using LumpGen.Model;
using LumpGen.Ode;

namespace LumpGen.Lumping;

/// <summary>
/// The closed form of ε-FDE on the reversed-graph encoding (DESIGN §3.2), computed in one forward
/// sweep over the layers. Two neurons i, j of hidden layer l are related iff
/// <code>d(i, j) = 3 · ( Σ_{H ∈ blocks of layer l−1} | Σ_{m∈H} (W_im − W_jm) | + | b_i − b_j | ) ≤ ε</code>
/// and each layer is split into the connected components of that relation. Gives exactly the
/// partition of <see cref="PartitionRefiner"/> with <see cref="EpsilonForwardEquivalence"/> on
/// <see cref="NetworkEncodingKind.ReversedGraph"/> (the output layer stays as it is).
/// </summary>
/// <remarks>
/// Why one sweep suffices: layer l's distances depend only on layer l−1's blocks, and a finer
/// partition of layer l−1 only makes distances larger (|a + b| ≤ |a| + |b|), so components computed
/// against the final partition of l−1 are exactly what repeated passes converge to.
/// <para>
/// Neighbour search without all pairs: each neuron becomes the vector v_i = (Σ_{m∈H} W_im …, b_i);
/// the projection p_i = Σ_k v_ik satisfies |p_i − p_j| ≤ ‖v_i − v_j‖₁, so after sorting by p only
/// neurons within a window of width ε/3 can be related. A second projection with pseudo-random signs
/// filters candidates again before the full L1 distance, which stops early once it exceeds the bound.
/// Pairs that union–find already joined are skipped. Cost: O(weights) to build the vectors, then
/// O(n log n + candidates·dim) per layer.
/// </para>
/// </remarks>
public static class FastForwardLumper
{
    /// <summary>One partition per dense layer over its neurons (the last layer's is discrete).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epsilon"/> is negative or NaN.</exception>
    public static IReadOnlyList<Partition> Partition(Network network, double epsilon, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (!(epsilon >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "ε must be a non-negative number.");
        }

        var result = new Partition[network.Layers.Count];
        var previous = Ode.Partition.Discrete(network.InputLength);
        for (int l = 0; l < network.Layers.Count; l++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var layer = network.Layers[l];
            result[l] = l == network.Layers.Count - 1
                ? Ode.Partition.Discrete(layer.OutputLength)
                : SplitLayer(layer, previous, epsilon);
            previous = result[l];
        }

        return result;
    }

    private static Partition SplitLayer(DenseLayer layer, Partition previous, double epsilon)
    {
        int n = layer.OutputLength;
        int dim = previous.BlockCount + 1;
        double[] vectors = BlockSums(layer, previous, dim);

        // Projections and their rounding bound (γ_dim·Σ|v| per vector: both sides of a difference).
        double[] p = new double[n], q = new double[n];
        double maxAbs = 0;
        double[] signs = Signs(dim);
        for (int i = 0; i < n; i++)
        {
            var v = vectors.AsSpan(i * dim, dim);
            double sum = 0, signed = 0, abs = 0;
            for (int k = 0; k < dim; k++)
            {
                sum += v[k];
                signed += signs[k] * v[k];
                abs += Math.Abs(v[k]);
            }

            p[i] = sum;
            q[i] = signed;
            maxAbs = Math.Max(maxAbs, abs);
        }

        double bound = epsilon + OdeTolerance.Absolute;
        double limit = bound / 3 * (1 + 1e-9); // early-exit level for the L1 sum, a hair loose

        // Projections are rounded sums: widen the window by twice γ_dim·max Σ|v| (u = 2⁻⁵³) so no related pair is missed.
        double window = limit + (4.0 * (dim + 2) * 1.1102230246251565e-16 * maxAbs);

        int[] order = new int[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }

        Array.Sort((double[])p.Clone(), order);
        var sets = new DisjointSets(n);
        for (int a = 0; a < n; a++)
        {
            int i = order[a];
            for (int b = a + 1; b < n; b++)
            {
                int j = order[b];
                if (p[j] - p[i] > window)
                {
                    break;
                }

                if (Math.Abs(q[i] - q[j]) > window || sets.Find(i) == sets.Find(j))
                {
                    continue;
                }

                double l1 = L1(vectors.AsSpan(i * dim, dim), vectors.AsSpan(j * dim, dim), limit);
                if (l1 <= limit && OdeTolerance.IsWithin(3 * l1, epsilon))
                {
                    sets.Union(i, j);
                }
            }
        }

        return sets.ToPartition();
    }

    /// <summary>v_i = (Σ_{m∈H_0} W_im, …, Σ_{m∈H_{K−1}} W_im, b_i), summed in ascending m as the general engine does.</summary>
    private static double[] BlockSums(DenseLayer layer, Partition previous, int dim)
    {
        int n = layer.OutputLength;
        double[] vectors = new double[n * dim];
        var blockOf = previous.BlockOf;
        bool discrete = previous.BlockCount == previous.VariableCount;
        for (int i = 0; i < n; i++)
        {
            var row = layer.Row(i);
            var v = vectors.AsSpan(i * dim, dim);
            if (discrete)
            {
                for (int m = 0; m < row.Length; m++)
                {
                    v[m] = row[m];
                }
            }
            else
            {
                for (int m = 0; m < row.Length; m++)
                {
                    v[blockOf[m]] += row[m];
                }
            }

            v[dim - 1] = layer.Bias[i];
        }

        return vectors;
    }

    /// <summary>Σ_k |a_k − b_k|, vectorised; returns early (a value &gt; <paramref name="limit"/>) once the sum exceeds the limit.</summary>
    internal static double L1(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double limit)
    {
        double total = 0;
        int k = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<double>.Count)
        {
            var va = MemoryMarshal.Cast<double, Vector<double>>(a);
            var vb = MemoryMarshal.Cast<double, Vector<double>>(b);
            var acc = Vector<double>.Zero;
            for (int c = 0; c < va.Length; c++)
            {
                acc += Vector.Abs(va[c] - vb[c]);

                // Checking the bound every 16 vectors keeps the branch off the hot path yet stops far pairs early.
                if ((c & 15) == 15)
                {
                    if (total + Vector.Sum(acc) > limit)
                    {
                        return total + Vector.Sum(acc);
                    }
                }
            }

            total += Vector.Sum(acc);
            k = va.Length * Vector<double>.Count;
        }

        for (; k < a.Length; k++)
        {
            total += Math.Abs(a[k] - b[k]);
        }

        return total;
    }

    /// <summary>Deterministic ±1 signs (a fixed LCG), so runs are reproducible.</summary>
    private static double[] Signs(int dim)
    {
        double[] signs = new double[dim];
        uint state = 2463534242;
        for (int k = 0; k < dim; k++)
        {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            signs[k] = (state & 1) == 0 ? 1 : -1;
        }

        return signs;
    }
}
