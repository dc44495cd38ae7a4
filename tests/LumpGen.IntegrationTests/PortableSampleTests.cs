using LumpGen.Evaluation;
using LumpGen.Samples.Portable;

namespace LumpGen.IntegrationTests;

/// <summary>
/// The netstandard2.1 / C# 9 sample (portable kernels, built by MSBuild exactly as a Unity-style consumer
/// builds it) run in-process against the reference, plus the argument checks every generated class has.
/// </summary>
public class PortableSampleTests
{
    [Fact]
    public void Portable_sample_matches_the_reference()
    {
        var network = SampleModelTests.SineNetwork();
        float[] inputs = [.. Enumerable.Range(-36, 73).Select(k => k * 5f)];
        double[] expected = ReferenceEvaluator.PredictBatch(network, inputs);
        var single = new float[1];
        var batch = new float[inputs.Length];
        SineModel.PredictBatch(inputs, batch);
        for (int i = 0; i < inputs.Length; i++)
        {
            SineModel.Predict(inputs.AsSpan(i, 1), single);

            // 32 float products whose partial sums reach a few units before cancelling to |y| ≤ 1: float32
            // rounding leaves errors around 1e-6; 1e-5 is the bound every generated model is held to.
            Assert.Equal(expected[i], single[0], 1e-5);
            Assert.Equal(expected[i], batch[i], 1e-5);
        }
    }

    [Fact]
    public void Wrong_lengths_throw_argument_exceptions_that_say_what_was_expected()
    {
        var ex = Assert.Throws<ArgumentException>(() => SineModel.Predict(new float[2], new float[1]));
        Assert.Equal("input", ex.ParamName);
        Assert.Contains("takes 1 input values; the input span has 2", ex.Message, StringComparison.Ordinal);

        ex = Assert.Throws<ArgumentException>(() => SineModel.Predict(new float[1], Span<float>.Empty));
        Assert.Equal("output", ex.ParamName);

        ex = Assert.Throws<ArgumentException>(() => SineModel.PredictBatch(new float[3], new float[2]));
        Assert.Equal("outputs", ex.ParamName);
        Assert.Contains("3 samples need 3 output values", ex.Message, StringComparison.Ordinal);

        // Empty batches are fine; longer output spans keep their extra values.
        SineModel.PredictBatch(ReadOnlySpan<float>.Empty, Span<float>.Empty);
        var output = new float[] { 0, 42 };
        SineModel.Predict([90f], output);
        Assert.Equal(42f, output[1]);
    }
}
