using LumpGen.Evaluation;
using LumpGen.Format;
using LumpGen.Model;

namespace LumpGen.Core.Tests.Evaluation;

public class ReferenceEvaluatorTests
{
    // W1 = [[1, 2], [-1, 0.5], [0, -3]], b1 = [0.5, 0, 1]; W2 = [[1, -2, 0.5]], b2 = [0.25].
    private static Network TwoThreeOne(Activation hidden, InputTransform? input = null, OutputTransform? output = null) => new(
        [
            new DenseLayer([1f, 2f, -1f, 0.5f, 0f, -3f], [0.5f, 0f, 1f], hidden),
            new DenseLayer([1f, -2f, 0.5f], [0.25f], Activation.Identity),
        ],
        input,
        output);

    [Fact]
    public void Relu_2_3_1_matches_the_hand_computation()
    {
        // z1 = (1+4+0.5, −1+1+0, 0−6+1) = (5.5, 0, −5) → relu (5.5, 0, 0) → y = 5.5 + 0.25 = 5.75, exactly representable.
        Assert.Equal(5.75, ReferenceEvaluator.Predict(TwoThreeOne(Activation.Relu), [1f, 2f])[0]);
    }

    [Fact]
    public void Tanh_2_3_1_with_transforms_matches_the_hand_computation()
    {
        // Raw x = (3, 6) normalised by mean (1, 2), scale (2, 2) to (1, 2); y = tanh(5.5) − 2·tanh(0) + 0.5·tanh(−5) + 0.25
        // = 0.7500119950250062 (computed independently in Python's math.tanh), then y·10 − 1.
        var network = TwoThreeOne(Activation.Tanh, new InputTransform([1f, 2f], [2f, 2f]), new OutputTransform([10f], [-1f]));
        double y = ReferenceEvaluator.Predict(network, [3f, 6f])[0];

        // 1e-14: a handful of double roundings in tanh and the sums.
        Assert.Equal(6.5001199502500615, y, 1e-14);
    }

    [Fact]
    public void Softmax_outputs_sum_to_one_and_survive_huge_logits()
    {
        var network = new Network([new DenseLayer([1f, 1f, 1f], [1000f, 0f, -1000f], Activation.Softmax)]);
        double[] y = ReferenceEvaluator.Predict(network, [1f]);
        Assert.Equal(1.0, y.Sum(), 1e-15);
        Assert.Equal(1.0, y[0], 1e-15);
        Assert.All(y, v => Assert.False(double.IsNaN(v)));
    }

    [Fact]
    public void Matches_an_independent_naive_implementation_on_random_networks()
    {
        var random = new Random(1234);
        for (int trial = 0; trial < 200; trial++)
        {
            int[] widths = [.. Enumerable.Range(0, random.Next(2, 6)).Select(_ => random.Next(1, 40))];
            var last = random.Next(4) == 0 ? Activation.Softmax : Activation.Identity;
            var network = RandomNetworks.Create(random, widths, last: last, transforms: random.Next(2) == 0);
            var inputs = RandomNetworks.Inputs(random, widths[0] * 5);
            double[] batch = ReferenceEvaluator.PredictBatch(network, inputs);
            for (int s = 0; s < 5; s++)
            {
                double[] naive = NaiveForward(network, inputs.AsSpan(s * widths[0], widths[0]).ToArray());
                for (int o = 0; o < naive.Length; o++)
                {
                    // 1e-12 relative: both use double; only the summation order and the formula for each activation differ.
                    double tolerance = 1e-12 * Math.Max(1, Math.Abs(naive[o]));
                    Assert.True(Math.Abs(batch[(s * naive.Length) + o] - naive[o]) <= tolerance,
                        $"trial {trial}, sample {s}, output {o}: {batch[(s * naive.Length) + o]} vs naive {naive[o]} ({network})");
                }
            }
        }
    }

    [Fact]
    public void Wrong_span_lengths_are_rejected_with_the_expected_length()
    {
        var evaluator = new ReferenceEvaluator(TwoThreeOne(Activation.Relu));
        var e = Assert.Throws<ArgumentException>(() => evaluator.Evaluate(new float[3], new double[1]));
        Assert.Contains("2 inputs", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => evaluator.EvaluateBatch(new float[5], new double[2]));
        Assert.Contains("multiple", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_does_not_allocate()
    {
        var evaluator = new ReferenceEvaluator(RandomNetworks.Create(new Random(5), [8, 16, 4], Activation.Tanh));
        var input = new float[8];
        var output = new double[4];
        evaluator.Evaluate(input, output);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            evaluator.Evaluate(input, output);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>
    /// A second, deliberately different implementation: jagged matrices, column-first accumulation, and
    /// each activation from another textbook formula (sigmoid via tanh, softplus via log-sum-exp, …).
    /// </summary>
    private static double[] NaiveForward(Network network, float[] raw)
    {
        double[] x = [.. raw.Select(v => (double)v)];
        if (network.InputTransform is { } t)
        {
            x = [.. x.Select((v, j) => (v - t.Mean[j]) / t.Scale[j])];
        }

        foreach (var layer in network.Layers)
        {
            var z = layer.Bias.ToArray().Select(b => (double)b).ToArray();
            for (int c = 0; c < layer.InputLength; c++)
            {
                for (int r = 0; r < layer.OutputLength; r++)
                {
                    z[r] += layer.Weight(r, c) * x[c];
                }
            }

            x = Activate(layer.Activation, z);
        }

        if (network.OutputTransform is { } o)
        {
            x = [.. x.Select((v, i) => (v * o.Scale[i]) + o.Offset[i])];
        }

        return x;
    }

    private static double[] Activate(Activation a, double[] z)
    {
        if (a.Kind == ActivationKind.Softmax)
        {
            double logSum = LogSumExp(z);
            return [.. z.Select(v => Math.Exp(v - logSum))];
        }

        return [.. z.Select(v => a.Kind switch
        {
            ActivationKind.Identity => v,
            ActivationKind.Relu => Math.Max(v, 0),
            ActivationKind.LeakyRelu => Math.Max(v, 0) + (a.Alpha * Math.Min(v, 0)),
            ActivationKind.Tanh => (Math.Exp(2 * v) - 1) / (Math.Exp(2 * v) + 1),
            ActivationKind.Sigmoid => (Math.Tanh(v / 2) + 1) / 2,
            ActivationKind.Softplus => LogSumExp([0, v]),
            ActivationKind.Elu => v > 0 ? v : a.Alpha * (Math.Exp(v) - 1),
            ActivationKind.Gelu => v * (1 / (1 + Math.Exp(-2 * Math.Sqrt(2 / Math.PI) * (v + (0.044715 * v * v * v))))),
            _ => throw new InvalidOperationException(),
        })];
    }

    private static double LogSumExp(double[] v)
    {
        double max = v.Max();
        return max + Math.Log(v.Sum(x => Math.Exp(x - max)));
    }
}
