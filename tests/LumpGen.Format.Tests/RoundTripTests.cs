using CsCheck;

namespace LumpGen.Format.Tests;

public class RoundTripTests
{
    [Fact]
    public void Write_then_read_is_bit_exact_and_rewrites_the_same_bytes()
    {
        LumpGenerators.Model.Sample(model =>
        {
            string text = LumpWriter.WriteToString(model);
            var back = LumpReader.Parse(text);
            AssertBitEqual(model, back);
            Assert.Equal(text, LumpWriter.WriteToString(back));
        }, iter: 400);
    }

    [Fact]
    public void Reader_accepts_crlf_comments_and_blank_lines()
    {
        string text = "lump 1\r\n# a comment\r\n\r\nlayer dense 1 -> 1 tanh\r\n   # indented comment\r\n  bias AACAPw==\r\n  row AAAAQA==\r\nend\r\n\r\n# trailing comment\r\n";
        var model = LumpReader.Parse(text);
        Assert.Equal(1f, model.Layers[0].Bias[0]);
        Assert.Equal(2f, model.Layers[0].Weights[0]);
        Assert.Equal(ActivationKind.Tanh, model.Layers[0].Activation.Kind);
    }

    [Fact]
    public void Writer_output_matches_the_documented_example()
    {
        // The example in docs/format.md, byte for byte: if this changes, the spec must change with it.
        var model = new LumpModel(
            [
                new LumpLayer(2, 2, Activation.LeakyRelu(0.01f), [1f, 2f, 0.5f, -1f], [0.5f, 0.5f], [0, 0, 1]),
                new LumpLayer(2, 1, Activation.Identity, [1f, -1f], [0f]),
            ],
            new LumpInputTransform([0f, 10f], [1f, 2f]),
            new LumpOutputTransform([3f], [1f]),
            "example",
            new LumpProvenance { SourceSha256 = new string('a', 64), Epsilon = 0.1, OriginalParameterCount = 13, Quotient = "mean" },
            [new("trained-by", "lumpgen train"), new("note", "two\nlines")]);
        string expected = string.Join('\n',
            "lump 1",
            "name example",
            "source-sha256 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "epsilon 0.1",
            "original-parameters 13",
            "quotient mean",
            "meta trained-by lumpgen train",
            "meta note two\\nlines",
            "input-transform 2",
            "  mean AAAAAAAAIEE=",
            "  scale AACAPwAAAEA=",
            "layer dense 2 -> 2 leaky_relu(0.01)",
            "  bias AAAAPwAAAD8=",
            "  row AACAPwAAAEA=",
            "  row AAAAPwAAgL8=",
            "  partition 3 : 0 0 1",
            "layer dense 2 -> 1 identity",
            "  bias AAAAAA==",
            "  row AACAPwAAgL8=",
            "output-transform 1",
            "  scale AABAQA==",
            "  offset AACAPw==",
            "end",
            "");
        Assert.Equal(expected, LumpWriter.WriteToString(model));
        string docs = File.ReadAllText(Path.Combine(LumpGen.Testing.RepoPaths.Root, "docs", "format.md")).ReplaceLineEndings("\n");
        Assert.Contains(expected.TrimEnd('\n'), docs, StringComparison.Ordinal);
    }

    private static void AssertBitEqual(LumpModel expected, LumpModel actual)
    {
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Layers.Count, actual.Layers.Count);
        for (int i = 0; i < expected.Layers.Count; i++)
        {
            var e = expected.Layers[i];
            var a = actual.Layers[i];
            Assert.Equal(e.InputLength, a.InputLength);
            Assert.Equal(e.OutputLength, a.OutputLength);
            Assert.Equal(e.Activation, a.Activation);
            Assert.Equal(Bits(e.Weights), Bits(a.Weights));
            Assert.Equal(Bits(e.Bias), Bits(a.Bias));
            Assert.Equal(e.Partition, a.Partition);
        }

        Assert.Equal(Bits(expected.InputTransform?.Mean), Bits(actual.InputTransform?.Mean));
        Assert.Equal(Bits(expected.InputTransform?.Scale), Bits(actual.InputTransform?.Scale));
        Assert.Equal(Bits(expected.OutputTransform?.Scale), Bits(actual.OutputTransform?.Scale));
        Assert.Equal(Bits(expected.OutputTransform?.Offset), Bits(actual.OutputTransform?.Offset));
        Assert.Equal(expected.Metadata, actual.Metadata);
        Assert.Equal(expected.Provenance.SourceSha256, actual.Provenance.SourceSha256);
        Assert.Equal(expected.Provenance.Epsilon, actual.Provenance.Epsilon);
        Assert.Equal(expected.Provenance.OriginalParameterCount, actual.Provenance.OriginalParameterCount);
        Assert.Equal(expected.Provenance.Quotient, actual.Provenance.Quotient);
    }

    // Compare bit patterns, not values: -0 vs +0 and subnormals must survive exactly.
    private static int[]? Bits(IReadOnlyList<float>? values) => values?.Select(BitConverter.SingleToInt32Bits).ToArray();
}
