using LumpGen.Evaluation;
using LumpGen.Format;
using LumpGen.Model;

namespace LumpGen.IntegrationTests.Infrastructure;

/// <summary>
/// The plainest float32 forward pass (sequential sums in float, activations rounded once): a yardstick for
/// how much of the difference to the double reference is the network's own float32 sensitivity rather
/// than the generated kernels (deep real MLPs with hundreds of cancelling terms amplify rounding).
/// </summary>
internal static class Float32Baseline
{
    public static float[] PredictBatch(Network network, float[] inputs)
    {
        int n = network.InputLength, m = network.OutputLength, samples = inputs.Length / n;
        var result = new float[samples * m];
        for (int s = 0; s < samples; s++)
        {
            float[] x = inputs.AsSpan(s * n, n).ToArray();
            if (network.InputTransform is { } t)
            {
                for (int j = 0; j < n; j++)
                {
                    x[j] = (x[j] - t.Mean[j]) / t.Scale[j];
                }
            }

            foreach (var layer in network.Layers)
            {
                var y = new float[layer.OutputLength];
                for (int i = 0; i < y.Length; i++)
                {
                    float sum = layer.Bias[i];
                    var row = layer.Row(i);
                    for (int j = 0; j < row.Length; j++)
                    {
                        sum += row[j] * x[j];
                    }

                    y[i] = sum;
                }

                if (layer.Activation.Kind == ActivationKind.Softmax)
                {
                    var d = y.Select(v => (double)v).ToArray();
                    ActivationMath.Apply(layer.Activation, d);
                    y = [.. d.Select(v => (float)v)];
                }
                else if (layer.Activation.Kind != ActivationKind.Identity)
                {
                    for (int i = 0; i < y.Length; i++)
                    {
                        y[i] = (float)ActivationMath.Apply(layer.Activation, y[i]);
                    }
                }

                x = y;
            }

            if (network.OutputTransform is { } o)
            {
                for (int i = 0; i < m; i++)
                {
                    x[i] = (x[i] * o.Scale[i]) + o.Offset[i];
                }
            }

            x.CopyTo(result, s * m);
        }

        return result;
    }
}
