using LumpGen.Model;

namespace LumpGen.Evaluation;

/// <summary>
/// The exact forward pass: float32 parameters, every sum and activation in double. Slow and simple on
/// purpose — it is the oracle every other implementation (generated code, ONNX Runtime, lumped
/// networks) is compared with.
/// </summary>
/// <remarks>
/// For each layer y[i] = act(Σ_j W[i,j]·x[j] + b[i]); before layer 0, x'[j] = (x[j] − mean[j]) / scale[j];
/// after the last layer, y'[i] = y[i]·scale[i] + offset[i]. NaN inputs propagate to the outputs they reach.
/// </remarks>
public sealed class ReferenceEvaluator
{
    private readonly Network _network;
    private readonly double[] _a;
    private readonly double[] _b;

    /// <summary>Creates an evaluator with its own scratch buffers (allocated once; <see cref="Evaluate"/> does not allocate).</summary>
    public ReferenceEvaluator(Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        _network = network;
        int width = Math.Max(network.InputLength, network.Layers.Max(l => l.OutputLength));
        _a = new double[width];
        _b = new double[width];
    }

    /// <summary>The network being evaluated.</summary>
    public Network Network => _network;

    /// <summary>One sample: <paramref name="input"/> has <see cref="Network.InputLength"/> values, <paramref name="output"/> receives <see cref="Network.OutputLength"/>.</summary>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    public void Evaluate(ReadOnlySpan<float> input, Span<double> output)
    {
        CheckLength(input.Length, _network.InputLength, nameof(input), "inputs");
        CheckLength(output.Length, _network.OutputLength, nameof(output), "outputs");

        _network.NormalizeInputs(input, _a.AsSpan(0, input.Length));

        bool inA = true;
        var layers = _network.Layers;
        for (int l = 0; l < layers.Count; l++)
        {
            // Indexing, not foreach: enumerating an IReadOnlyList boxes an enumerator (an allocation per call).
            var layer = layers[l];
            Span<double> src = (inA ? _a : _b).AsSpan(0, layer.InputLength);
            Span<double> dst = (inA ? _b : _a).AsSpan(0, layer.OutputLength);
            var w = layer.Weights;
            var bias = layer.Bias;
            int n = layer.InputLength;
            for (int i = 0; i < dst.Length; i++)
            {
                var row = w.Slice(i * n, n);
                double sum = bias[i];
                for (int j = 0; j < n; j++)
                {
                    sum += (double)row[j] * src[j];
                }

                dst[i] = sum;
            }

            ActivationMath.Apply(layer.Activation, dst);
            inA = !inA;
        }

        Span<double> result = (inA ? _a : _b).AsSpan(0, _network.OutputLength);
        if (_network.OutputTransform is { } o)
        {
            for (int i = 0; i < result.Length; i++)
            {
                result[i] = (result[i] * o.Scale[i]) + o.Offset[i];
            }
        }

        result.CopyTo(output);
    }

    /// <summary>Row-major batch: <paramref name="inputs"/> holds whole samples, <paramref name="outputs"/> the same number of output rows.</summary>
    /// <exception cref="ArgumentException">The lengths are not whole, matching numbers of samples.</exception>
    public void EvaluateBatch(ReadOnlySpan<float> inputs, Span<double> outputs)
    {
        int inLen = _network.InputLength;
        int outLen = _network.OutputLength;
        if (inputs.Length % inLen != 0)
        {
            throw new ArgumentException($"The batch has {inputs.Length} input values, not a multiple of the network's {inLen} inputs.", nameof(inputs));
        }

        int count = inputs.Length / inLen;
        if (outputs.Length != count * outLen)
        {
            throw new ArgumentException($"{count} samples need {count * outLen} output values; the output span has {outputs.Length}.", nameof(outputs));
        }

        for (int s = 0; s < count; s++)
        {
            Evaluate(inputs.Slice(s * inLen, inLen), outputs.Slice(s * outLen, outLen));
        }
    }

    /// <summary>Convenience: evaluates one sample into a new array.</summary>
    public static double[] Predict(Network network, ReadOnlySpan<float> input)
    {
        var output = new double[network.OutputLength];
        new ReferenceEvaluator(network).Evaluate(input, output);
        return output;
    }

    /// <summary>Convenience: evaluates a row-major batch into a new array.</summary>
    public static double[] PredictBatch(Network network, ReadOnlySpan<float> inputs)
    {
        var outputs = new double[inputs.Length / network.InputLength * network.OutputLength];
        new ReferenceEvaluator(network).EvaluateBatch(inputs, outputs);
        return outputs;
    }

    private static void CheckLength(int actual, int expected, string name, string what)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"The network has {expected} {what}; the span has {actual} values.", name);
        }
    }
}
