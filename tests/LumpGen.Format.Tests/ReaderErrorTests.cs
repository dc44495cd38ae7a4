
namespace LumpGen.Format.Tests;

/// <summary>One test per class of reader error: each names the right line, the right kind, and what was expected.</summary>
public class ReaderErrorTests
{
    private const string Valid = """
        lump 1
        layer dense 2 -> 1 relu
          bias AACAPw==
          row AACAPwAAAEA=
        end
        """;

    private static LumpFormatException Fail(string text, LumpReaderOptions? options = null) =>
        Assert.Throws<LumpFormatException>(() => LumpReader.Parse(text, options));

    [Fact]
    public void Valid_text_reads() => Assert.Equal(3, LumpReader.Parse(Valid).ParameterCount);

    [Fact]
    public void Empty_file_is_a_syntax_error_on_line_1()
    {
        var e = Fail("");
        Assert.Equal((LumpErrorKind.Syntax, 1), (e.Kind, e.LineNumber));
        Assert.Contains("expected 'lump 1'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_magic_says_it_is_not_a_lump_file()
    {
        var e = Fail("onnx 1\nend\n");
        Assert.Equal((LumpErrorKind.Syntax, 1), (e.Kind, e.LineNumber));
        Assert.Contains("not a .lump file", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lump 2", "newer than this reader")]
    [InlineData("lump 0", "not supported")]
    public void Other_versions_are_unsupported(string header, string message)
    {
        var e = Fail(Valid.Replace("lump 1", header, StringComparison.Ordinal));
        Assert.Equal((LumpErrorKind.UnsupportedVersion, 1), (e.Kind, e.LineNumber));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("swish")]
    [InlineData("relu(0.5)")]
    [InlineData("leaky_relu(x)")]
    [InlineData("elu(NaN)")]
    public void Unknown_activation_lists_the_supported_ones(string activation)
    {
        var e = Fail(Valid.Replace("relu", activation, StringComparison.Ordinal));
        Assert.Equal((LumpErrorKind.UnknownActivation, 2), (e.Kind, e.LineNumber));
        Assert.Contains("leaky_relu(alpha)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_directive_lists_what_is_allowed_there()
    {
        var e = Fail(Valid.Replace("end", "layer2 x\nend", StringComparison.Ordinal));
        Assert.Equal((LumpErrorKind.Syntax, 5), (e.Kind, e.LineNumber));
        Assert.Contains("'layer', 'output-transform', 'end'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_file_says_it_may_be_truncated()
    {
        var e = Fail(Valid[..Valid.IndexOf("  row", StringComparison.Ordinal)]);
        Assert.Equal(LumpErrorKind.Syntax, e.Kind);
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
        e = Fail(Valid.Replace("end", "", StringComparison.Ordinal));
        Assert.Contains("final 'end'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Short_row_reports_expected_and_found_counts()
    {
        var e = Fail(Valid.Replace("AACAPwAAAEA=", "AACAPw==", StringComparison.Ordinal));
        Assert.Equal((LumpErrorKind.InvalidValue, 4), (e.Kind, e.LineNumber));
        Assert.Contains("row 0 of layer 0", e.Message, StringComparison.Ordinal);
        Assert.Contains("expected 2 float32 values", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_base64_is_reported()
    {
        var e = Fail(Valid.Replace("AACAPwAAAEA=", "AACAPwAA!EA=", StringComparison.Ordinal));
        Assert.Equal((LumpErrorKind.InvalidValue, 4), (e.Kind, e.LineNumber));
        Assert.Contains("base64", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NaN_weight_is_rejected_with_its_position()
    {
        string nan = Convert.ToBase64String([.. BitConverter.GetBytes(1f), .. BitConverter.GetBytes(float.NaN)]);
        var e = Fail(Valid.Replace("AACAPwAAAEA=", nan, StringComparison.Ordinal));
        Assert.Equal((LumpErrorKind.InvalidValue, 4), (e.Kind, e.LineNumber));
        Assert.Contains("value 1 is NaN", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Layers_that_do_not_chain_are_a_shape_mismatch()
    {
        string text = Valid.Replace("end", "layer dense 3 -> 1 identity\n  bias AAAAAA==\n  row AAAAAAAAAAAAAAAA\nend", StringComparison.Ordinal);
        var e = Fail(text);
        Assert.Equal((LumpErrorKind.InvalidValue, 5), (e.Kind, e.LineNumber));
        Assert.Contains("layer 1 takes 3 inputs but layer 0 has 1 neurons", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Softmax_before_the_last_layer_is_reported_at_its_line()
    {
        string text = Valid.Replace("relu", "softmax", StringComparison.Ordinal)
            .Replace("end", "layer dense 1 -> 1 identity\n  bias AAAAAA==\n  row AAAAAA==\nend", StringComparison.Ordinal);
        var e = Fail(text);
        Assert.Equal((LumpErrorKind.InvalidValue, 2), (e.Kind, e.LineNumber));
        Assert.Contains("final layer only", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("partition 2 : 0 1", "[0, 1)")]
    [InlineData("partition 2 : 0", "lists 1")]
    [InlineData("partition 1 0", "expected 'partition")]
    public void Invalid_partition_is_rejected(string line, string message)
    {
        var e = Fail(Valid.Replace("end", line + "\nend", StringComparison.Ordinal));
        Assert.Equal(5, e.LineNumber);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Header_directive_after_a_layer_or_twice_is_a_syntax_error()
    {
        var e = Fail(Valid.Replace("end", "name late\nend", StringComparison.Ordinal));
        Assert.Equal((LumpErrorKind.Syntax, 5), (e.Kind, e.LineNumber));
        e = Fail(Valid.Replace("lump 1", "lump 1\nepsilon 1\nepsilon 2", StringComparison.Ordinal));
        Assert.Contains("appears twice", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("epsilon -1")]
    [InlineData("epsilon NaN")]
    [InlineData("source-sha256 ABC")]
    [InlineData("original-parameters -5")]
    [InlineData("meta bad\\u escape")]
    public void Invalid_provenance_values_are_rejected_on_their_line(string line)
    {
        var e = Fail(Valid.Replace("lump 1", "lump 1\n" + line, StringComparison.Ordinal));
        Assert.Equal(2, e.LineNumber);
    }

    [Fact]
    public void Content_after_end_is_rejected()
    {
        var e = Fail(Valid + "\nlayer dense 1 -> 1 relu\n");
        Assert.Equal((LumpErrorKind.Syntax, 6), (e.Kind, e.LineNumber));
    }

    [Fact]
    public void Zero_scale_in_a_transform_is_rejected()
    {
        string zero = Convert.ToBase64String(new byte[8]);
        string text = Valid.Replace("lump 1", $"lump 1\ninput-transform 2\n  mean {zero}\n  scale {zero}", StringComparison.Ordinal);
        var e = Fail(text);
        Assert.Equal((LumpErrorKind.InvalidValue, 4), (e.Kind, e.LineNumber));
        Assert.Contains("non-zero", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_claiming_a_trillion_weights_fails_fast_without_allocating()
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Fail("lump 1\nlayer dense 1000000 -> 1000000 relu\n  bias AAAA\nend\n");
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal((LumpErrorKind.LimitExceeded, 2), (e.Kind, e.LineNumber));
        Assert.Contains("MaxParameters", e.Message, StringComparison.Ordinal);

        // Generous bound (strings, exception, reader buffers), far below the 4 TB the header claims.
        Assert.True(allocated < 1 << 20, $"allocated {allocated} bytes");
    }

    [Fact]
    public void Widths_beyond_int_range_are_a_limit_error_not_a_crash()
    {
        var e = Fail("lump 1\nlayer dense 99999999999999999999 -> 1 relu\nend\n");
        Assert.Equal(LumpErrorKind.LimitExceeded, e.Kind);
        e = Fail("lump 1\nlayer dense 5 -> 5 relu\nend\n", new LumpReaderOptions { MaxWidth = 4 });
        Assert.Equal(LumpErrorKind.LimitExceeded, e.Kind);
    }

    [Fact]
    public void A_claimed_size_with_too_few_rows_fails_at_the_missing_row()
    {
        // 2^20 rows claimed, 1 present: fails at end of file, having allocated only what was read.
        var e = Fail("lump 1\nlayer dense 1 -> 1048576 relu\n  bias " + Convert.ToBase64String(new byte[1048576 * 4]) + "\n  row AAAAAA==\nend\n");
        Assert.Equal(LumpErrorKind.Syntax, e.Kind);
        Assert.Contains("row 1 of layer 0", e.Message, StringComparison.Ordinal);
    }
}
