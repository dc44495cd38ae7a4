using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace LumpGen.Format;

/// <summary>
/// Reads the <c>.lump</c> text format (spec: docs/format.md). Every problem becomes a
/// <see cref="LumpFormatException"/> naming the line and what was expected; the reader either returns
/// a complete, consistent <see cref="LumpModel"/> or nothing. Sizes claimed by the file are checked
/// against <see cref="LumpReaderOptions"/> before anything is allocated, and memory is only ever
/// allocated in proportion to the text actually read.
/// </summary>
public static class LumpReader
{
    /// <summary>Reads a model from <paramref name="reader"/>.</summary>
    /// <exception cref="LumpFormatException">The text is not a valid <c>.lump</c> description.</exception>
    public static LumpModel Read(TextReader reader, LumpReaderOptions? options = null)
    {
        if (reader is null)
        {
            throw new ArgumentNullException(nameof(reader));
        }

        return new Parser(reader, options ?? LumpReaderOptions.Default).Parse();
    }

    /// <summary>Reads a model from a string.</summary>
    /// <exception cref="LumpFormatException">The text is not a valid <c>.lump</c> description.</exception>
    public static LumpModel Parse(string text, LumpReaderOptions? options = null)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        using var reader = new StringReader(text);
        return Read(reader, options);
    }

    /// <summary>Reads a model from a file (UTF-8).</summary>
    /// <exception cref="LumpFormatException">The file is not a valid <c>.lump</c> description.</exception>
    public static LumpModel ReadFile(string path, LumpReaderOptions? options = null)
    {
        using var reader = new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Read(reader, options);
    }

    private sealed class Parser
    {
        private readonly TextReader _reader;
        private readonly LumpReaderOptions _options;
        private int _lineNumber;
        private string _line = "";
        private List<string> _tokens = new();
        private List<int> _starts = new();

        public Parser(TextReader reader, LumpReaderOptions options)
        {
            _reader = reader;
            _options = options;
        }

        public LumpModel Parse()
        {
            ReadVersionLine();

            string? name = null;
            var provenance = new LumpProvenance();
            var metadata = new List<KeyValuePair<string, string>>();
            LumpInputTransform? inputTransform = null;
            LumpOutputTransform? outputTransform = null;
            var layers = new List<LumpLayer>();
            int softmaxLine = 0;
            long parameters = 0;

            while (true)
            {
                if (!NextSignificantLine())
                {
                    throw Error(LumpErrorKind.Syntax, layers.Count == 0
                        ? "unexpected end of file: expected 'layer dense <inputs> -> <neurons> <activation>' lines and a final 'end' line"
                        : "unexpected end of file: expected another 'layer', 'output-transform' or the final 'end' line (the file may be truncated)");
                }

                string directive = _tokens[0];
                bool inHeader = layers.Count == 0 && inputTransform is null;
                switch (directive)
                {
                    case "name":
                        RequireHeader(inHeader, directive);
                        RequireOnce(name is null, directive);
                        name = RestOfLine(1);
                        if (!LumpNames.IsValidName(name))
                        {
                            throw Error(LumpErrorKind.InvalidValue, "expected 'name <text>' with 1–200 printable characters");
                        }

                        break;

                    case "source-sha256":
                        RequireHeader(inHeader, directive);
                        RequireOnce(provenance.SourceSha256 is null, directive);
                        RequireTokens(2, "source-sha256 <64 lower-case hex digits>");
                        if (!LumpNames.IsSha256(_tokens[1]))
                        {
                            throw Error(LumpErrorKind.InvalidValue, $"expected 64 lower-case hex digits after 'source-sha256', found '{Clip(_tokens[1])}'");
                        }

                        provenance.SourceSha256 = _tokens[1];
                        break;

                    case "epsilon":
                        RequireHeader(inHeader, directive);
                        RequireOnce(provenance.Epsilon is null, directive);
                        RequireTokens(2, "epsilon <number ≥ 0>");
                        if (!double.TryParse(_tokens[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double eps)
                            || double.IsNaN(eps) || double.IsInfinity(eps) || eps < 0)
                        {
                            throw Error(LumpErrorKind.InvalidValue, $"expected a finite number ≥ 0 after 'epsilon', found '{Clip(_tokens[1])}'");
                        }

                        provenance.Epsilon = eps;
                        break;

                    case "original-parameters":
                        RequireHeader(inHeader, directive);
                        RequireOnce(provenance.OriginalParameterCount is null, directive);
                        RequireTokens(2, "original-parameters <count>");
                        if (!long.TryParse(_tokens[1], NumberStyles.None, CultureInfo.InvariantCulture, out long count))
                        {
                            throw Error(LumpErrorKind.InvalidValue, $"expected a whole number ≥ 0 after 'original-parameters', found '{Clip(_tokens[1])}'");
                        }

                        provenance.OriginalParameterCount = count;
                        break;

                    case "quotient":
                        RequireHeader(inHeader, directive);
                        RequireOnce(provenance.Quotient is null, directive);
                        RequireTokens(2, "quotient <word>");
                        if (!LumpNames.IsValidKey(_tokens[1]))
                        {
                            throw Error(LumpErrorKind.InvalidValue, $"expected one word (A–Z, a–z, 0–9, '_', '-', '.') after 'quotient', found '{Clip(_tokens[1])}'");
                        }

                        provenance.Quotient = _tokens[1];
                        break;

                    case "meta":
                        RequireHeader(inHeader, directive);
                        if (_tokens.Count < 2 || !LumpNames.IsValidKey(_tokens[1]))
                        {
                            throw Error(LumpErrorKind.Syntax, "expected 'meta <key> <value>' with a key of 1–100 characters from A–Z, a–z, 0–9, '_', '-', '.'");
                        }

                        string? value = LumpText.Unescape(RestOfLine(2));
                        if (value is null)
                        {
                            throw Error(LumpErrorKind.Syntax, "malformed escape in the meta value: expected \\\\, \\n, \\r, \\t or \\uXXXX");
                        }

                        metadata.Add(new KeyValuePair<string, string>(_tokens[1], value));
                        break;

                    case "input-transform":
                        RequireHeader(inHeader, directive);
                        inputTransform = ReadInputTransform();
                        break;

                    case "layer":
                        if (outputTransform is not null)
                        {
                            throw Error(LumpErrorKind.Syntax, "found 'layer' after 'output-transform'; the output transform comes after the last layer");
                        }

                        if (softmaxLine > 0)
                        {
                            throw new LumpFormatException(
                                LumpErrorKind.InvalidValue, softmaxLine, "softmax is allowed on the final layer only, but another layer follows this one");
                        }

                        if (layers.Count >= _options.MaxLayers)
                        {
                            throw Error(LumpErrorKind.LimitExceeded, $"more than {_options.MaxLayers} layers (LumpReaderOptions.MaxLayers)");
                        }

                        int expectedInputs = layers.Count > 0 ? layers[layers.Count - 1].OutputLength : inputTransform?.Length ?? -1;
                        var layer = ReadLayer(layers.Count, expectedInputs, ref parameters, out bool isSoftmax, out int layerLine);
                        if (isSoftmax)
                        {
                            softmaxLine = layerLine;
                        }

                        layers.Add(layer);
                        break;

                    case "output-transform":
                        if (layers.Count == 0)
                        {
                            throw Error(LumpErrorKind.Syntax, "found 'output-transform' before any layer; it comes after the last layer");
                        }

                        RequireOnce(outputTransform is null, directive);
                        outputTransform = ReadOutputTransform(layers[layers.Count - 1].OutputLength);
                        break;

                    case "end":
                        RequireTokens(1, "end");
                        if (layers.Count == 0)
                        {
                            throw Error(LumpErrorKind.Syntax, "found 'end' before any layer; a network needs at least one 'layer dense …'");
                        }

                        ExpectNothingAfterEnd();
                        try
                        {
                            return new LumpModel(layers, inputTransform, outputTransform, name, provenance.IsEmpty ? null : provenance, metadata);
                        }
                        catch (ArgumentException e)
                        {
                            // The checks above should catch every inconsistency with a line number; this is the safety net.
                            throw new LumpFormatException(LumpErrorKind.InvalidValue, 0, e.Message);
                        }

                    default:
                        throw Error(LumpErrorKind.Syntax, $"unknown directive '{Clip(directive)}': expected one of {ExpectedHere(layers.Count, inputTransform is not null, outputTransform is not null)}");
                }
            }
        }

        private static string ExpectedHere(int layers, bool hasInputTransform, bool hasOutputTransform)
        {
            if (hasOutputTransform)
            {
                return "'end'";
            }

            if (layers > 0)
            {
                return "'layer', 'output-transform', 'end'";
            }

            return hasInputTransform
                ? "'layer'"
                : "'name', 'source-sha256', 'epsilon', 'original-parameters', 'quotient', 'meta', 'input-transform', 'layer'";
        }

        private void ReadVersionLine()
        {
            string? first = _reader.ReadLine();
            _lineNumber = 1;
            if (first is null)
            {
                throw Error(LumpErrorKind.Syntax, "the file is empty: expected 'lump 1' on the first line");
            }

            Tokenize(first.TrimStart('\uFEFF'));
            if (_tokens.Count != 2 || _tokens[0] != "lump")
            {
                throw Error(LumpErrorKind.Syntax, $"expected 'lump <version>' on the first line (this is not a .lump file, or its header is damaged), found '{Clip(first)}'");
            }

            if (!int.TryParse(_tokens[1], NumberStyles.None, CultureInfo.InvariantCulture, out int version))
            {
                throw Error(LumpErrorKind.Syntax, $"expected a whole version number after 'lump', found '{Clip(_tokens[1])}'");
            }

            if (version != LumpModel.CurrentVersion)
            {
                throw Error(LumpErrorKind.UnsupportedVersion, version > LumpModel.CurrentVersion
                    ? $"format version {version} is newer than this reader (supports version {LumpModel.CurrentVersion}); update LumpGen"
                    : $"format version {version} is not supported (this reader supports version {LumpModel.CurrentVersion})");
            }
        }

        private LumpInputTransform ReadInputTransform()
        {
            int length = ReadCount(1, "input-transform <inputs>");
            var mean = ReadBlock("mean", length, "input-transform mean");
            var scale = ReadBlock("scale", length, "input-transform scale");
            CheckScale(scale, "input-transform scale");
            return new LumpInputTransform(mean, scale);
        }

        private LumpOutputTransform ReadOutputTransform(int outputs)
        {
            int length = ReadCount(1, "output-transform <outputs>");
            if (length != outputs)
            {
                throw Error(LumpErrorKind.InvalidValue, $"the output transform has {length} values but the last layer has {outputs} neurons");
            }

            var scale = ReadBlock("scale", length, "output-transform scale");
            CheckScale(scale, "output-transform scale");
            var offset = ReadBlock("offset", length, "output-transform offset");
            return new LumpOutputTransform(scale, offset);
        }

        private void CheckScale(float[] scale, string what)
        {
            for (int i = 0; i < scale.Length; i++)
            {
                if (scale[i] == 0f)
                {
                    throw Error(LumpErrorKind.InvalidValue, $"{what}: value {i} is 0; scales must be non-zero");
                }
            }
        }

        private LumpLayer ReadLayer(int index, int expectedInputs, ref long parameters, out bool isSoftmax, out int layerLine)
        {
            layerLine = _lineNumber;
            const string Shape = "'layer dense <inputs> -> <neurons> <activation>'";
            if (_tokens.Count != 6 || _tokens[1] != "dense" || _tokens[3] != "->")
            {
                throw Error(LumpErrorKind.Syntax, $"expected {Shape}, e.g. 'layer dense 8 -> 64 relu'");
            }

            int inputs = ParseWidth(_tokens[2], "inputs", Shape);
            int neurons = ParseWidth(_tokens[4], "neurons", Shape);
            if (!Activation.TryParse(_tokens[5], out var activation))
            {
                throw Error(LumpErrorKind.UnknownActivation, $"unknown activation '{Clip(_tokens[5])}': expected one of {Activation.SupportedNames}");
            }

            if (expectedInputs >= 0 && inputs != expectedInputs)
            {
                throw Error(LumpErrorKind.InvalidValue, index == 0
                    ? $"layer 0 takes {inputs} inputs but the input transform has {expectedInputs} values"
                    : $"layer {index} takes {inputs} inputs but layer {index - 1} has {expectedInputs} neurons");
            }

            long layerParameters = (long)inputs * neurons + neurons;
            parameters += layerParameters;
            if (parameters > _options.MaxParameters)
            {
                throw Error(LumpErrorKind.LimitExceeded,
                    $"layer {index} brings the network to {parameters} parameters, more than the limit of {_options.MaxParameters} (LumpReaderOptions.MaxParameters)");
            }

            var bias = ReadBlock("bias", neurons, $"bias of layer {index}");

            // Rows are decoded one line at a time and assembled only once all are present, so memory
            // grows with the text that is really there, not with what the header claims.
            var rows = new List<float[]>(Math.Min(neurons, 4096));
            for (int i = 0; i < neurons; i++)
            {
                rows.Add(ReadBlock("row", inputs, $"row {i} of layer {index} ({neurons} rows of {inputs} weights)"));
            }

            var weights = new float[(long)inputs * neurons];
            for (int i = 0; i < neurons; i++)
            {
                Array.Copy(rows[i], 0, weights, (long)i * inputs, inputs);
            }

            int[]? partition = null;
            if (PeekDirective() == "partition")
            {
                NextSignificantLine();
                partition = ReadPartition(neurons, index);
            }

            isSoftmax = activation.Kind == ActivationKind.Softmax;
            return new LumpLayer(inputs, neurons, activation, weights, bias, partition);
        }

        private int[] ReadPartition(int neurons, int index)
        {
            const string Shape = "'partition <original neurons> : <block of neuron 0> <block of neuron 1> …'";
            if (_tokens.Count < 3 || _tokens[2] != ":")
            {
                throw Error(LumpErrorKind.Syntax, $"expected {Shape}");
            }

            int count = ParseWidth(_tokens[1], "original neurons", Shape);
            if (_tokens.Count - 3 != count)
            {
                throw Error(LumpErrorKind.Syntax, $"the partition of layer {index} announces {count} original neurons but lists {_tokens.Count - 3}");
            }

            var partition = new int[count];
            for (int i = 0; i < count; i++)
            {
                if (!int.TryParse(_tokens[i + 3], NumberStyles.None, CultureInfo.InvariantCulture, out partition[i]))
                {
                    throw Error(LumpErrorKind.Syntax, $"partition entry {i} of layer {index} is '{Clip(_tokens[i + 3])}'; expected a neuron index");
                }
            }

            string? problem = LumpLayer.ValidatePartition(partition, neurons);
            if (problem is not null)
            {
                throw Error(LumpErrorKind.InvalidValue, $"layer {index}: {problem}");
            }

            return partition;
        }

        private float[] ReadBlock(string keyword, int count, string what)
        {
            if (!NextSignificantLine())
            {
                throw Error(LumpErrorKind.Syntax, $"unexpected end of file: expected '{keyword} <base64>' for the {what} (the file may be truncated)");
            }

            if (_tokens[0] != keyword || _tokens.Count != 2)
            {
                throw Error(LumpErrorKind.Syntax, $"expected '{keyword} <base64 of {count} little-endian float32>' for the {what}, found '{Clip(_line.Trim())}'");
            }

            var values = FloatBlocks.TryDecode(_tokens[1], count, out string? error);
            if (values is null)
            {
                throw Error(LumpErrorKind.InvalidValue, $"{what}: {error}");
            }

            int bad = FloatBlocks.IndexOfNonFinite(values);
            if (bad >= 0)
            {
                throw Error(LumpErrorKind.InvalidValue, $"{what}: value {bad} is {FloatBlocks.Describe(values[bad])}; values must be finite");
            }

            return values;
        }

        private int ReadCount(int tokenIndex, string shape)
        {
            if (_tokens.Count != tokenIndex + 1)
            {
                throw Error(LumpErrorKind.Syntax, $"expected '{shape}'");
            }

            return ParseWidth(_tokens[tokenIndex], "length", "'" + shape + "'");
        }

        private int ParseWidth(string token, string what, string shape)
        {
            if (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out int value))
            {
                if (token.Length > 0 && token.Length < 40 && IsAllDigits(token))
                {
                    throw Error(LumpErrorKind.LimitExceeded, $"{what} {Clip(token)} is more than the limit of {_options.MaxWidth} (LumpReaderOptions.MaxWidth)");
                }

                throw Error(LumpErrorKind.Syntax, $"expected a whole number for {what} in {shape}, found '{Clip(token)}'");
            }

            if (value < 1)
            {
                throw Error(LumpErrorKind.InvalidValue, $"{what} is 0; every layer and transform needs at least 1");
            }

            if (value > _options.MaxWidth)
            {
                throw Error(LumpErrorKind.LimitExceeded, $"{what} {value} is more than the limit of {_options.MaxWidth} (LumpReaderOptions.MaxWidth)");
            }

            return value;
        }

        private static bool IsAllDigits(string token)
        {
            foreach (char c in token)
            {
                if (c is < '0' or > '9')
                {
                    return false;
                }
            }

            return true;
        }

        private void RequireHeader(bool inHeader, string directive)
        {
            if (!inHeader)
            {
                throw Error(LumpErrorKind.Syntax, $"'{directive}' belongs to the header, before 'input-transform' and the first 'layer'");
            }
        }

        private void RequireOnce(bool first, string directive)
        {
            if (!first)
            {
                throw Error(LumpErrorKind.Syntax, $"'{directive}' appears twice; it is allowed once");
            }
        }

        private void RequireTokens(int count, string shape)
        {
            if (_tokens.Count != count)
            {
                throw Error(LumpErrorKind.Syntax, $"expected '{shape}', found '{Clip(_line.Trim())}'");
            }
        }

        private void ExpectNothingAfterEnd()
        {
            if (NextSignificantLine())
            {
                throw Error(LumpErrorKind.Syntax, $"found '{Clip(_tokens[0])}' after 'end'; only blank lines and '#' comments may follow");
            }
        }

        /// <summary>The remainder of the line after token <paramref name="index"/>−1 and one separator, or "" when there is none.</summary>
        private string RestOfLine(int index)
        {
            if (index >= _tokens.Count)
            {
                return "";
            }

            return _line.Substring(_starts[index]).TrimEnd('\r');
        }

        private string? _peeked;
        private int _peekedNumber;

        private string? PeekDirective()
        {
            if (_peeked is null)
            {
                while (true)
                {
                    string? line = _reader.ReadLine();
                    if (line is null)
                    {
                        return null;
                    }

                    _peekedNumber = _lineNumber + 1;
                    _lineNumber++;
                    if (IsSignificant(line))
                    {
                        _peeked = line;
                        break;
                    }
                }
            }

            int start = 0;
            while (start < _peeked.Length && IsSpace(_peeked[start]))
            {
                start++;
            }

            int end = start;
            while (end < _peeked.Length && !IsSpace(_peeked[end]))
            {
                end++;
            }

            return _peeked.Substring(start, end - start);
        }

        private bool NextSignificantLine()
        {
            if (_peeked is not null)
            {
                _line = _peeked;
                _lineNumber = _peekedNumber;
                _peeked = null;
                Tokenize(_line);
                return true;
            }

            while (true)
            {
                string? line = _reader.ReadLine();
                if (line is null)
                {
                    return false;
                }

                _lineNumber++;
                if (IsSignificant(line))
                {
                    _line = line;
                    Tokenize(line);
                    return true;
                }
            }
        }

        private static bool IsSignificant(string line)
        {
            foreach (char c in line)
            {
                if (!IsSpace(c))
                {
                    return c != '#';
                }
            }

            return false;
        }

        private static bool IsSpace(char c) => c is ' ' or '\t' or '\r';

        private void Tokenize(string line)
        {
            _tokens = new List<string>();
            _starts = new List<int>();
            int i = 0;
            while (i < line.Length)
            {
                while (i < line.Length && IsSpace(line[i]))
                {
                    i++;
                }

                if (i >= line.Length)
                {
                    break;
                }

                int start = i;
                while (i < line.Length && !IsSpace(line[i]))
                {
                    i++;
                }

                _tokens.Add(line.Substring(start, i - start));
                _starts.Add(start);
            }
        }

        private static string Clip(string text) => text.Length <= 60 ? text : text.Substring(0, 57) + "...";

        private LumpFormatException Error(LumpErrorKind kind, string detail) => new(kind, _lineNumber, detail);
    }
}
