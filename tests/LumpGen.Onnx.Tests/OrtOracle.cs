using LumpGen.Evaluation;
using LumpGen.Model;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace LumpGen.Onnx.Tests;

/// <summary>Runs a model in ONNX Runtime one sample at a time (batch 1, so graphs that fix the batch size run too).</summary>
internal sealed class OrtOracle : IDisposable
{
    private readonly SessionOptions _options;
    private readonly InferenceSession _session;
    private readonly string _inputName;
    private readonly long[] _inputShape;
    private readonly bool _doubleInput;

    public OrtOracle(byte[] model)
    {
        // One thread: deterministic float32 sums, and the test suite runs test classes in parallel anyway.
        _options = new SessionOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, IntraOpNumThreads = 1 };
        _session = new InferenceSession(model, _options);
        var input = _session.InputMetadata.First();
        _inputName = input.Key;
        _inputShape = [.. input.Value.Dimensions.Select(d => d < 0 ? 1L : d)];
        _doubleInput = input.Value.ElementDataType == TensorElementType.Double;
        InputLength = (int)_inputShape.Aggregate(1L, (a, b) => a * b);
    }

    public int InputLength { get; }

    /// <summary>The named output (default: the first) for one sample, flattened.</summary>
    public double[] Run(ReadOnlySpan<float> sample, string? outputName = null)
    {
        using var value = _doubleInput
            ? OrtValue.CreateTensorValueFromMemory(sample.ToArray().Select(v => (double)v).ToArray(), _inputShape)
            : OrtValue.CreateTensorValueFromMemory(sample.ToArray(), _inputShape);
        string output = outputName ?? _session.OutputNames[0];
        using var runOptions = new RunOptions();
        using var results = _session.Run(runOptions, [_inputName], [value], [output]);
        var tensor = results[0];
        return tensor.GetTensorTypeAndShape().ElementDataType == TensorElementType.Double
            ? tensor.GetTensorDataAsSpan<double>().ToArray()
            : [.. tensor.GetTensorDataAsSpan<float>().ToArray().Select(v => (double)v)];
    }

    public void Dispose()
    {
        _session.Dispose();
        _options.Dispose();
    }

    /// <summary>Deterministic random samples, uniform in [−1, 1].</summary>
    public static float[] Samples(int count, int length, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count * length).Select(_ => (float)((random.NextDouble() * 2) - 1))];
    }

    /// <summary>
    /// max |reference − ORT| / scale over <paramref name="count"/> random samples, where scale is the largest
    /// |ORT output| seen (the "output scale"; at least 1e-30 so all-zero outputs compare absolutely).
    /// </summary>
    public static double MaxRelativeError(Network network, byte[] onnx, int count, int seed, string? outputName = null)
    {
        using var oracle = new OrtOracle(onnx);
        Assert.Equal(network.InputLength, oracle.InputLength);
        float[] samples = Samples(count, network.InputLength, seed);
        var evaluator = new ReferenceEvaluator(network);
        var expected = new double[network.OutputLength];
        double maxDiff = 0, scale = 1e-30;
        for (int s = 0; s < count; s++)
        {
            var sample = samples.AsSpan(s * network.InputLength, network.InputLength);
            double[] actual = oracle.Run(sample, outputName);
            Assert.Equal(network.OutputLength, actual.Length);
            evaluator.Evaluate(sample, expected);
            for (int i = 0; i < actual.Length; i++)
            {
                Assert.False(double.IsNaN(expected[i]) || double.IsNaN(actual[i]), "NaN output");
                maxDiff = Math.Max(maxDiff, Math.Abs(expected[i] - actual[i]));
                scale = Math.Max(scale, Math.Abs(actual[i]));
            }
        }

        return maxDiff / scale;
    }
}
