using LumpGen.Evaluation;
using LumpGen.Format;
using LumpGen.IO;
using LumpGen.Model;
using LumpGen.Testing;

namespace LumpGen.IntegrationTests;

/// <summary>
/// The samples' model, samples/LumpGen.Samples.Aot/Models/sine.lump, is built here deterministically and
/// checked in; this test fails when the committed file drifts from the code. Regenerate with
/// <c>LUMPGEN_UPDATE_BASELINES=1 dotnet test --filter SampleModelTests</c>.
/// </summary>
public class SampleModelTests
{
    private const int Knots = 33;

    /// <summary>
    /// sin(angle in degrees) on [−180°, 180°] as a 1-32-1 ReLU network: the piecewise-linear interpolant
    /// through 33 equally spaced knots, f(x) = sin(c₀) + Σₖ (mₖ − mₖ₋₁)·relu(x − cₖ). The input transform
    /// turns degrees into radians, so the hidden layer works in radians.
    /// </summary>
    internal static Network SineNetwork()
    {
        int hidden = Knots - 1;
        double h = 2 * Math.PI / hidden;
        double[] c = [.. Enumerable.Range(0, Knots).Select(k => -Math.PI + (k * h))];
        double[] slope = [.. Enumerable.Range(0, hidden).Select(k => (Math.Sin(c[k + 1]) - Math.Sin(c[k])) / h)];

        var first = new DenseLayer(
            [.. Enumerable.Repeat(1f, hidden)],
            [.. Enumerable.Range(0, hidden).Select(k => (float)-c[k])],
            Activation.Relu);
        var second = new DenseLayer(
            [.. Enumerable.Range(0, hidden).Select(k => (float)(k == 0 ? slope[0] : slope[k] - slope[k - 1]))],
            [(float)Math.Sin(c[0])],
            Activation.Identity);
        var input = new InputTransform([0f], [(float)(180 / Math.PI)]);
        var metadata = new NetworkMetadata(
            Name: "sine",
            Properties: [new("description", "sin(degrees) on [-180, 180] as a piecewise-linear ReLU interpolant through 33 knots")]);
        return new Network([first, second], input, null, metadata);
    }

    [Fact]
    public void Committed_sample_model_is_up_to_date()
    {
        string path = Path.Combine(RepoPaths.Root, "samples", "LumpGen.Samples.Aot", "Models", "sine.lump");
        string expected = LumpFile.ToText(SineNetwork());
        if (Environment.GetEnvironmentVariable("LUMPGEN_UPDATE_BASELINES") == "1")
        {
            File.WriteAllText(path, expected);
        }

        Assert.Equal(expected, File.ReadAllText(path).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Sample_model_approximates_sine()
    {
        var network = SineNetwork();

        // Linear interpolation error is at most h²/8·max|sin''| = (2π/32)²/8 ≈ 0.0048; float rounding adds far less.
        for (int degrees = -180; degrees <= 180; degrees += 5)
        {
            double y = ReferenceEvaluator.Predict(network, [degrees])[0];
            Assert.InRange(y - Math.Sin(degrees * Math.PI / 180), -0.005, 0.005);
        }
    }
}
