using LumpGen.Format;
using LumpGen.Model;

namespace LumpGen.IO;

/// <summary>Reads and writes <see cref="Network"/>s as <c>.lump</c> descriptions (the format lives in LumpGen.Format).</summary>
public static class LumpFile
{
    /// <summary>Reads a <c>.lump</c> file.</summary>
    /// <exception cref="LumpFormatException">The file is malformed; the message names the line.</exception>
    public static Network Read(string path, LumpReaderOptions? options = null) => FromModel(LumpReader.ReadFile(path, options));

    /// <summary>Parses <c>.lump</c> text.</summary>
    /// <exception cref="LumpFormatException">The text is malformed; the message names the line.</exception>
    public static Network Parse(string text, LumpReaderOptions? options = null) => FromModel(LumpReader.Parse(text, options));

    /// <summary>Writes <paramref name="network"/> to <paramref name="path"/> atomically (temporary file, then move).</summary>
    public static void Write(Network network, string path) =>
        AtomicFile.WriteText(path, writer => LumpWriter.Write(ToModel(network), writer));

    /// <summary>The <c>.lump</c> text of <paramref name="network"/> (deterministic).</summary>
    public static string ToText(Network network) => LumpWriter.WriteToString(ToModel(network));

    /// <summary>Converts the format's description into the in-memory model.</summary>
    public static Network FromModel(LumpModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var layers = model.Layers.Select(l => new DenseLayer(
            [.. l.Weights], [.. l.Bias], l.Activation, l.Partition is null ? null : [.. l.Partition]));
        var input = model.InputTransform is { } i ? new InputTransform([.. i.Mean], [.. i.Scale]) : null;
        var output = model.OutputTransform is { } o ? new OutputTransform([.. o.Scale], [.. o.Offset]) : null;
        var p = model.Provenance;
        var metadata = new NetworkMetadata(
            model.Name, p.SourceSha256, p.Epsilon, p.OriginalParameterCount, p.Quotient,
            model.Metadata.Count == 0 ? null : [.. model.Metadata]);
        return new Network(layers, input, output, metadata);
    }

    /// <summary>Converts the in-memory model into the format's description.</summary>
    public static LumpModel ToModel(Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var layers = network.Layers.Select(l => new LumpLayer(
            l.InputLength, l.OutputLength, l.Activation, l.Weights.ToArray(), l.Bias.ToArray(),
            l.Partition is null ? null : [.. l.Partition]));
        var input = network.InputTransform is { } i ? new LumpInputTransform(i.Mean.ToArray(), i.Scale.ToArray()) : null;
        var output = network.OutputTransform is { } o ? new LumpOutputTransform(o.Scale.ToArray(), o.Offset.ToArray()) : null;
        var m = network.Metadata;
        var provenance = new LumpProvenance
        {
            SourceSha256 = m.SourceSha256,
            Epsilon = m.Epsilon,
            OriginalParameterCount = m.OriginalParameterCount,
            Quotient = m.Quotient,
        };
        return new LumpModel(layers, input, output, m.Name, provenance.IsEmpty ? null : provenance, m.PropertiesOrEmpty);
    }
}
