using LumpGen.Evaluation;
using LumpGen.Model;

namespace LumpGen.Pruning;

/// <summary>
/// Wanda, "pruning by weights and activations" (Sun, Liu, Bair, Kolter 2023): the score of weight
/// W[i,j] is |W[i,j]| · ‖X_j‖₂, where ‖X_j‖₂ is the L2 norm over a calibration set of the j-th input
/// of the layer; weights compete within their output row (each neuron keeps the same number of
/// inputs); no retraining. Layers are pruned first to last, and each layer's input norms are measured
/// on the outputs of the already pruned layers before it (sequential calibration).
/// </summary>
public static class WandaPruner
{
    /// <summary>Scores S[i,j] = |W[i,j]| · norms[j] of one layer, row-major like its weights.</summary>
    public static double[] Scores(DenseLayer layer, ReadOnlySpan<double> inputNorms)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (inputNorms.Length != layer.InputLength)
        {
            throw new ArgumentException($"The layer has {layer.InputLength} inputs; got {inputNorms.Length} norms.", nameof(inputNorms));
        }

        var w = layer.Weights;
        var scores = new double[w.Length];
        for (int i = 0; i < layer.OutputLength; i++)
        {
            for (int j = 0; j < layer.InputLength; j++)
            {
                int k = (i * layer.InputLength) + j;
                scores[k] = Math.Abs(w[k]) * inputNorms[j];
            }
        }

        return scores;
    }

    /// <summary>‖X_j‖₂ = √(Σ_s x[s,j]²) over the row-major <paramref name="inputs"/> of <paramref name="width"/> columns, in double.</summary>
    public static double[] ColumnNorms(ReadOnlySpan<double> inputs, int width)
    {
        var norms = new double[width];
        for (int s = 0; s < inputs.Length / width; s++)
        {
            for (int j = 0; j < width; j++)
            {
                double x = inputs[(s * width) + j];
                norms[j] += x * x;
            }
        }

        for (int j = 0; j < width; j++)
        {
            norms[j] = Math.Sqrt(norms[j]);
        }

        return norms;
    }

    /// <summary>
    /// Prunes to <paramref name="keepNonZeros"/> non-zero weights + biases. Each layer keeps the same
    /// fraction of its weights (as in the Wanda paper: uniform sparsity); within a layer every row keeps
    /// ⌊K/rows⌋ weights and the K mod rows remaining ones go to the rows whose next weight scores highest.
    /// </summary>
    /// <param name="network">The network.</param>
    /// <param name="calibrationInputs">Raw (untransformed) input rows, row-major; the network's input transform is applied.</param>
    /// <param name="keepNonZeros">Non-zero parameters to keep.</param>
    public static Network Prune(Network network, ReadOnlySpan<float> calibrationInputs, long keepNonZeros)
    {
        ArgumentNullException.ThrowIfNull(network);
        int width = network.InputLength;
        if (calibrationInputs.Length == 0 || calibrationInputs.Length % width != 0)
        {
            throw new ArgumentException($"Calibration inputs must be whole rows of {width} values; got {calibrationInputs.Length}.", nameof(calibrationInputs));
        }

        long[] budget = SparseParameters.WeightBudgetPerLayer(network, keepNonZeros);
        int samples = calibrationInputs.Length / width;
        double[] x = new double[calibrationInputs.Length];
        network.NormalizeInputs(calibrationInputs, x);

        var weights = new float[network.Layers.Count][];
        for (int l = 0; l < weights.Length; l++)
        {
            var layer = network.Layers[l];
            var norms = ColumnNorms(x, layer.InputLength);
            var scores = Scores(layer, norms);
            weights[l] = layer.Weights.ToArray();
            PruneRows(weights[l], scores, layer.OutputLength, layer.InputLength, budget[l]);
            x = Propagate(x, samples, weights[l], layer);
        }

        return MagnitudePruner.Rebuild(network, weights, "wanda");
    }

    /// <summary>Keeps <paramref name="keep"/> weights in total with equal counts per row (remainder to the rows with the best next score).</summary>
    internal static void PruneRows(float[] weights, double[] scores, int rows, int columns, long keep)
    {
        long perRow = keep / rows;
        int extra = (int)(keep % rows);
        var ranked = new int[rows][];
        var nextScore = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            var order = new int[columns];
            var keys = new double[columns];
            for (int j = 0; j < columns; j++)
            {
                order[j] = j;
                float w = weights[(i * columns) + j];
                keys[j] = w == 0f ? double.PositiveInfinity : -scores[(i * columns) + j];
            }

            Array.Sort(keys, order);
            ranked[i] = order;
            nextScore[i] = perRow < columns && !double.IsPositiveInfinity(keys[perRow]) ? -keys[perRow] : double.NegativeInfinity;
        }

        var bonus = new bool[rows];
        for (int e = 0; e < extra; e++)
        {
            int best = -1;
            for (int i = 0; i < rows; i++)
            {
                if (!bonus[i] && !double.IsNegativeInfinity(nextScore[i]) && (best < 0 || nextScore[i] > nextScore[best]))
                {
                    best = i;
                }
            }

            if (best < 0)
            {
                break; // no row has another non-zero weight left
            }

            bonus[best] = true;
        }

        for (int i = 0; i < rows; i++)
        {
            long k = perRow + (bonus[i] ? 1 : 0);
            for (int r = (int)Math.Min(k, columns); r < columns; r++)
            {
                weights[(i * columns) + ranked[i][r]] = 0f;
            }
        }
    }

    private static double[] Propagate(double[] x, int samples, float[] weights, DenseLayer layer)
    {
        int n = layer.InputLength, m = layer.OutputLength;
        var y = new double[samples * m];
        for (int s = 0; s < samples; s++)
        {
            for (int i = 0; i < m; i++)
            {
                double sum = layer.Bias[i];
                for (int j = 0; j < n; j++)
                {
                    sum += weights[(i * n) + j] * x[(s * n) + j];
                }

                y[(s * m) + i] = sum;
            }

            ActivationMath.Apply(layer.Activation, y.AsSpan(s * m, m));
        }

        return y;
    }
}
