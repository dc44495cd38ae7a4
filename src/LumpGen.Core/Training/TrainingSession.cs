using System.Numerics.Tensors;
using LumpGen.Data;
using LumpGen.Format;
using LumpGen.Model;

namespace LumpGen.Training;

/// <summary>
/// The mutable state of one training run: weights stored <b>transposed</b> ([in, out], one row per input)
/// so that both the forward pass z += x_j·Wᵀ[j,:] and the weight gradient gWᵀ[j,:] += x_j·δ are
/// TensorPrimitives.MultiplyAdd calls over contiguous rows of length out, and the backward pass
/// δ_prev[j] = Wᵀ[j,:]·δ is a TensorPrimitives.Dot — the three kernels of an MLP, all SIMD.
/// </summary>
internal sealed class TrainingSession
{
    private readonly Network _template;
    private readonly int _layerCount;
    private readonly int[] _inputs;
    private readonly int[] _outputs;
    private readonly Activation[] _activations;
    private readonly float[][] _wt;      // transposed weights [in, out]
    private readonly float[][] _b;
    private readonly float[]?[] _maskT;  // transposed masks, or null
    private readonly float[][] _gwt, _gb, _mw, _vw, _mb, _vb;
    private float[][] _act = [];         // per layer, [batch, out]; _act[-1] is the input batch
    private float[] _inputBatch = [];
    private float[][] _delta = [];
    private float[] _scratch = [];
    private int _batchCapacity;
    private long _step;

    public TrainingSession(Network network, IReadOnlyList<float[]?>? masks)
    {
        _template = network;
        _layerCount = network.Layers.Count;
        _inputs = new int[_layerCount];
        _outputs = new int[_layerCount];
        _activations = new Activation[_layerCount];
        _wt = new float[_layerCount][];
        _b = new float[_layerCount][];
        _maskT = new float[_layerCount][];
        _gwt = new float[_layerCount][];
        _gb = new float[_layerCount][];
        _mw = new float[_layerCount][];
        _vw = new float[_layerCount][];
        _mb = new float[_layerCount][];
        _vb = new float[_layerCount][];
        for (int l = 0; l < _layerCount; l++)
        {
            var layer = network.Layers[l];
            int n = layer.InputLength, m = layer.OutputLength;
            _inputs[l] = n;
            _outputs[l] = m;
            _activations[l] = layer.Activation;
            _wt[l] = Transpose(layer.Weights, m, n);
            _b[l] = layer.Bias.ToArray();
            if (masks?[l] is { } mask)
            {
                if (mask.Length != n * m)
                {
                    throw new ArgumentException($"The mask of layer {l} has {mask.Length} values; the layer has {n * m} weights.", nameof(masks));
                }

                _maskT[l] = Transpose(mask, m, n);
                TensorPrimitives.Multiply(_wt[l], _maskT[l]!, _wt[l]);
            }

            _gwt[l] = new float[n * m];
            _gb[l] = new float[m];
            _mw[l] = new float[n * m];
            _vw[l] = new float[n * m];
            _mb[l] = new float[m];
            _vb[l] = new float[m];
        }
    }

    public TrainingResult Run(RegressionData train, RegressionData? validation, TrainingOptions options)
    {
        var (x, t) = Standardize(train);
        float[]? vx = null, vt = null;
        if (validation is not null)
        {
            (vx, vt) = Standardize(validation);
        }

        int rows = train.Rows;
        var order = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            order[i] = i;
        }

        var random = new Random(unchecked((options.Seed * 7919) + 17));
        var trainLoss = new List<double>();
        var validationLoss = new List<double>();
        double best = vx is null ? double.NaN : MeanSquaredError(vx, vt!, validation!.Rows);
        int bestEpoch = 0;
        var snapshot = Snapshot();
        int epoch = 0;
        while (epoch < options.Epochs)
        {
            epoch++;
            Shuffle(order, random);
            double lossSum = 0;
            for (int start = 0; start < rows; start += options.BatchSize)
            {
                int count = Math.Min(options.BatchSize, rows - start);
                lossSum += TrainBatch(x, t, order.AsSpan(start, count), options) * count;
            }

            trainLoss.Add(lossSum / rows);
            if (vx is null)
            {
                continue;
            }

            double loss = MeanSquaredError(vx, vt!, validation!.Rows);
            validationLoss.Add(loss);
            if (loss < best || double.IsNaN(best))
            {
                best = loss;
                bestEpoch = epoch;
                snapshot = Snapshot();
            }
            else if (options.Patience > 0 && epoch - bestEpoch >= options.Patience)
            {
                break;
            }
        }

        if (vx is null)
        {
            snapshot = Snapshot();
            bestEpoch = epoch;
        }

        return new TrainingResult(ToNetwork(snapshot), epoch, bestEpoch, best, trainLoss, validationLoss);
    }

    /// <summary>Standardised copies of the data: x' = (x − mean)/scale, t' = (t − offset)/scale.</summary>
    public (float[] X, float[] T) Standardize(RegressionData data)
    {
        var x = (float[])data.Features.Clone();
        var t = (float[])data.Targets.Clone();
        if (_template.InputTransform is { } input)
        {
            for (int r = 0; r < data.Rows; r++)
            {
                var row = x.AsSpan(r * data.FeatureCount, data.FeatureCount);
                TensorPrimitives.Subtract(row, input.Mean, row);
                TensorPrimitives.Divide(row, input.Scale, row);
            }
        }

        if (_template.OutputTransform is { } output)
        {
            for (int r = 0; r < data.Rows; r++)
            {
                var row = t.AsSpan(r * data.TargetCount, data.TargetCount);
                TensorPrimitives.Subtract(row, output.Offset, row);
                TensorPrimitives.Divide(row, output.Scale, row);
            }
        }

        return (x, t);
    }

    /// <summary>Mean over rows and outputs of (y' − t')² in standardised units, batched forward passes.</summary>
    public double MeanSquaredError(float[] x, float[] t, int rows)
    {
        const int Chunk = 256;
        int inputs = _inputs[0], outputs = _outputs[^1];
        var indices = new int[Chunk];
        double sum = 0;
        for (int start = 0; start < rows; start += Chunk)
        {
            int count = Math.Min(Chunk, rows - start);
            for (int i = 0; i < count; i++)
            {
                indices[i] = start + i;
            }

            Forward(x, indices.AsSpan(0, count), inputs);
            var y = _act[_layerCount - 1];
            for (int s = 0; s < count; s++)
            {
                var ys = y.AsSpan(s * outputs, outputs);
                var ts = t.AsSpan((start + s) * outputs, outputs);
                for (int o = 0; o < outputs; o++)
                {
                    double d = ys[o] - ts[o];
                    sum += d * d;
                }
            }
        }

        return sum / ((double)rows * outputs);
    }

    private double TrainBatch(float[] x, float[] t, ReadOnlySpan<int> rows, TrainingOptions options)
    {
        int count = rows.Length;
        Forward(x, rows, _inputs[0]);

        // Output delta of L = mean over batch and outputs of (y − t)²: dL/dy = 2(y − t)/(B·k).
        int outputs = _outputs[^1];
        var y = _act[_layerCount - 1];
        var deltaOut = _delta[_layerCount - 1];
        float factor = 2f / (count * outputs);
        double loss = 0;
        for (int s = 0; s < count; s++)
        {
            int r = rows[s];
            for (int o = 0; o < outputs; o++)
            {
                float d = y[(s * outputs) + o] - t[(r * outputs) + o];
                loss += (double)d * d;
                deltaOut[(s * outputs) + o] = factor * d;
            }
        }

        for (int l = _layerCount - 1; l >= 0; l--)
        {
            int n = _inputs[l], m = _outputs[l];
            var a = _act[l];
            var delta = _delta[l];
            TrainableActivations.MultiplyByDerivative(_activations[l], a.AsSpan(0, count * m), delta.AsSpan(0, count * m));
            var input = l == 0 ? _inputBatch : _act[l - 1];
            var gwt = _gwt[l];
            var gb = _gb[l];
            Array.Clear(gwt);
            Array.Clear(gb);
            var wt = _wt[l];
            for (int s = 0; s < count; s++)
            {
                var ds = delta.AsSpan(s * m, m);
                var xs = input.AsSpan(s * n, n);
                TensorPrimitives.Add(gb, ds, gb);
                for (int j = 0; j < n; j++)
                {
                    var g = gwt.AsSpan(j * m, m);
                    TensorPrimitives.MultiplyAdd(ds, xs[j], g, g);
                }

                if (l > 0)
                {
                    var dPrev = _delta[l - 1].AsSpan(s * n, n);
                    for (int j = 0; j < n; j++)
                    {
                        dPrev[j] = TensorPrimitives.Dot(wt.AsSpan(j * m, m), ds);
                    }
                }
            }
        }

        _step++;
        for (int l = 0; l < _layerCount; l++)
        {
            Adam(_wt[l], _gwt[l], _mw[l], _vw[l], options);
            Adam(_b[l], _gb[l], _mb[l], _vb[l], options);
            if (_maskT[l] is { } mask)
            {
                TensorPrimitives.Multiply(_wt[l], mask, _wt[l]);
            }
        }

        return loss / (count * outputs);
    }

    /// <summary>Adam: m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²; w ← w − α·√(1−β2^t)/(1−β1^t) · m/(√v + ε).</summary>
    private void Adam(float[] w, float[] g, float[] m, float[] v, TrainingOptions o)
    {
        EnsureScratch(w.Length);
        var tmp = _scratch.AsSpan(0, w.Length);
        TensorPrimitives.Multiply(m, o.Beta1, m);
        TensorPrimitives.MultiplyAdd(g, 1f - o.Beta1, m, m);
        TensorPrimitives.Multiply(g, g, tmp);
        TensorPrimitives.Multiply(v, o.Beta2, v);
        TensorPrimitives.MultiplyAdd(tmp, 1f - o.Beta2, v, v);
        double correction = Math.Sqrt(1 - Math.Pow(o.Beta2, _step)) / (1 - Math.Pow(o.Beta1, _step));
        float rate = (float)(o.LearningRate * correction);
        TensorPrimitives.Sqrt(v, tmp);
        TensorPrimitives.Add(tmp, o.AdamEpsilon, tmp);
        TensorPrimitives.Divide(m, tmp, tmp);
        TensorPrimitives.MultiplyAdd(tmp, -rate, w, w);
    }

    private void Forward(float[] x, ReadOnlySpan<int> rows, int inputs)
    {
        int count = rows.Length;
        EnsureBatch(count);
        for (int s = 0; s < count; s++)
        {
            x.AsSpan(rows[s] * inputs, inputs).CopyTo(_inputBatch.AsSpan(s * inputs, inputs));
        }

        for (int l = 0; l < _layerCount; l++)
        {
            int n = _inputs[l], m = _outputs[l];
            var input = l == 0 ? _inputBatch : _act[l - 1];
            var output = _act[l];
            var wt = _wt[l];
            for (int s = 0; s < count; s++)
            {
                var z = output.AsSpan(s * m, m);
                _b[l].CopyTo(z);
                var xs = input.AsSpan(s * n, n);
                for (int j = 0; j < n; j++)
                {
                    float xj = xs[j];
                    if (xj != 0f)
                    {
                        TensorPrimitives.MultiplyAdd(wt.AsSpan(j * m, m), xj, z, z);
                    }
                }
            }

            TrainableActivations.Apply(_activations[l], output.AsSpan(0, count * m));
        }
    }

    private void EnsureBatch(int count)
    {
        if (count <= _batchCapacity)
        {
            return;
        }

        _batchCapacity = Math.Max(count, 64);
        _inputBatch = new float[_batchCapacity * _inputs[0]];
        _act = new float[_layerCount][];
        _delta = new float[_layerCount][];
        for (int l = 0; l < _layerCount; l++)
        {
            _act[l] = new float[_batchCapacity * _outputs[l]];
            _delta[l] = new float[_batchCapacity * _outputs[l]];
        }
    }

    private void EnsureScratch(int length)
    {
        if (_scratch.Length < length)
        {
            _scratch = new float[length];
        }
    }

    private (float[][] W, float[][] B) Snapshot()
    {
        var w = new float[_layerCount][];
        var b = new float[_layerCount][];
        for (int l = 0; l < _layerCount; l++)
        {
            w[l] = (float[])_wt[l].Clone();
            b[l] = (float[])_b[l].Clone();
        }

        return (w, b);
    }

    private Network ToNetwork((float[][] W, float[][] B) snapshot)
    {
        var layers = new DenseLayer[_layerCount];
        for (int l = 0; l < _layerCount; l++)
        {
            int n = _inputs[l], m = _outputs[l];
            layers[l] = new DenseLayer(Transpose(snapshot.W[l], n, m), (float[])snapshot.B[l].Clone(), _activations[l], _template.Layers[l].Partition is { } p ? [.. p] : null);
        }

        return _template.WithLayers(layers);
    }

    /// <summary>[rows, columns] row-major → [columns, rows] row-major.</summary>
    private static float[] Transpose(ReadOnlySpan<float> source, int rows, int columns)
    {
        var result = new float[source.Length];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                result[(c * rows) + r] = source[(r * columns) + c];
            }
        }

        return result;
    }

    private static void Shuffle(int[] order, Random random)
    {
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }
}
