using LumpGen.Format;
using LumpGen.Model;

namespace LumpGen.Core.Tests.Model;

public class NetworkValidationTests
{
    [Fact]
    public void Layers_that_do_not_chain_name_both_layers()
    {
        var e = Assert.Throws<ArgumentException>(() => new Network(
        [
            new DenseLayer(new float[6], new float[3], Activation.Relu),
            new DenseLayer(new float[4], new float[1], Activation.Identity),
        ]));
        Assert.Contains("layer 1 takes 4 inputs but layer 0 has 3 neurons", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Weight_count_that_does_not_fit_the_bias_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new DenseLayer(new float[7], new float[3], Activation.Relu));
        Assert.Contains("7 values", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.PositiveInfinity, "Infinity")]
    public void Non_finite_weights_are_rejected_with_their_position(float bad, string shown)
    {
        var w = new float[6];
        w[4] = bad;
        var e = Assert.Throws<ArgumentException>(() => new DenseLayer(w, new float[3], Activation.Relu));
        Assert.Contains("W[2,0]", e.Message, StringComparison.Ordinal);
        Assert.Contains(shown, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_layers_and_networks_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new DenseLayer([], [], Activation.Relu));
        Assert.Throws<ArgumentException>(() => new Network([]));
    }

    [Fact]
    public void Softmax_is_allowed_last_only()
    {
        var e = Assert.Throws<ArgumentException>(() => new Network(
        [
            new DenseLayer(new float[2], new float[2], Activation.Softmax),
            new DenseLayer(new float[2], new float[1], Activation.Identity),
        ]));
        Assert.Contains("final layer only", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Transform_lengths_must_match_the_network()
    {
        var layers = new[] { new DenseLayer(new float[2], new float[1], Activation.Identity) };
        Assert.Throws<ArgumentException>(() => new Network(layers, new InputTransform([0f], [1f])));
        Assert.Throws<ArgumentException>(() => new Network(layers, outputTransform: new OutputTransform([1f, 1f], [0f, 0f])));
        Assert.Throws<ArgumentException>(() => new InputTransform([0f, 0f], [1f, 0f]));
    }

    [Fact]
    public void Parameter_count_is_weights_plus_biases()
    {
        var network = RandomNetworks.Create(new Random(1), [8, 64, 64, 1], Activation.Relu);
        Assert.Equal((8 * 64) + 64 + (64 * 64) + 64 + 64 + 1, network.ParameterCount);
        Assert.Equal("8-64-64-1", network.Shape);
    }
}
