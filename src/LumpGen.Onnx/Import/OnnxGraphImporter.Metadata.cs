using System.Globalization;
using LumpGen.Format;
using LumpGen.Model;

namespace LumpGen.Onnx.Import;

/// <summary>Network metadata from the model: name, source hash, and the provenance LumpGen's exporter writes.</summary>
internal sealed partial class OnnxGraphImporter
{
    private NetworkMetadata ReadMetadata(string? name, string sha256)
    {
        var props = _model.MetadataProps.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
        string? Get(string key) => props.TryGetValue(key, out string? v) ? v : null;

        // A file LumpGen exported carries its own provenance (possibly none): keep it, so .lump → .onnx → .lump is exact.
        bool fromLumpGen = _model.ProducerName == OnnxMetadataKeys.Producer;
        double? epsilon = double.TryParse(Get(OnnxMetadataKeys.Epsilon), NumberStyles.Float, CultureInfo.InvariantCulture, out double e)
            && double.IsFinite(e) && e >= 0 ? e : null;
        long? original = long.TryParse(Get(OnnxMetadataKeys.OriginalParameterCount), NumberStyles.Integer, CultureInfo.InvariantCulture, out long p)
            && p >= 0 ? p : null;
        string? quotient = Get(OnnxMetadataKeys.Quotient) is { } q && LumpNames.IsValidKey(q) ? q : null;
        string? source = Get(OnnxMetadataKeys.SourceSha256) is { } s && LumpNames.IsSha256(s) ? s : fromLumpGen ? null : sha256;
        string? modelName = fromLumpGen
            ? MetadataText.CleanName(Get(OnnxMetadataKeys.Name))
            : MetadataText.CleanName(name) ?? MetadataText.CleanName(_graph.Name);

        var properties = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in props)
        {
            if (key.StartsWith(OnnxMetadataKeys.PropertyPrefix, StringComparison.Ordinal)
                && LumpNames.IsValidKey(key[OnnxMetadataKeys.PropertyPrefix.Length..]))
            {
                properties.Add(new(key[OnnxMetadataKeys.PropertyPrefix.Length..], value));
            }
        }

        if (!fromLumpGen)
        {
            string producer = (_model.ProducerName + " " + _model.ProducerVersion).Trim();
            if (producer.Length > 0)
            {
                properties.Add(new("onnx.producer", producer));
            }

            properties.Add(new("onnx.opset", _opset.ToString(CultureInfo.InvariantCulture)));
        }

        ApplyPartitions(props);
        return new NetworkMetadata(modelName, source, epsilon, original, quotient, properties.Count == 0 ? null : properties);
    }

    /// <summary>Restores lumping provenance (the partition of each layer) written by <see cref="OnnxExporter"/>.</summary>
    private void ApplyPartitions(Dictionary<string, string> props)
    {
        for (int i = 0; i < _layers.Count; i++)
        {
            if (!props.TryGetValue(OnnxMetadataKeys.Partition(i), out string? text))
            {
                continue;
            }

            try
            {
                int[] partition = [.. text.Split(',').Select(t => int.Parse(t, NumberStyles.Integer, CultureInfo.InvariantCulture))];
                _layers[i] = _layers[i].WithPartition(partition);
            }
            catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
            {
                _notices.Add($"Ignored the malformed partition metadata of layer {i}: {e.Message}");
            }
        }
    }
}
