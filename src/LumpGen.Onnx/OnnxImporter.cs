using System.Security.Cryptography;
using Google.Protobuf;
using LumpGen.Onnx.Import;
using Onnx;

namespace LumpGen.Onnx;

/// <summary>
/// Reads the MLPs that PyTorch, Keras/TensorFlow (tf2onnx, keras2onnx), scikit-learn (skl2onnx), MATLAB and
/// similar exporters write, and refuses everything else with an <see cref="OnnxImportException"/> that names
/// the operator, node and position. The supported operators and the exact mapping are in docs/onnx.md.
/// </summary>
/// <remarks>
/// The result computes, in exact arithmetic, what the ONNX graph computes for one sample: weights and
/// elementwise constants are folded in double precision and rounded to float32 once.
/// </remarks>
public static class OnnxImporter
{
    /// <summary>Imports the <c>.onnx</c> file at <paramref name="path"/>.</summary>
    /// <exception cref="OnnxImportException">The file is not an importable MLP; the message says what and where.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static OnnxImportResult Import(string path, OnnxImportOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= OnnxImportOptions.Default;
        string label = Path.GetFileName(path);
        long length = new FileInfo(path).Length;
        if (length > options.MaxFileBytes)
        {
            throw new OnnxImportException(OnnxErrorKind.InvalidFile, $"the file has {length} bytes, more than the limit of {options.MaxFileBytes}.", label);
        }

        return Import(File.ReadAllBytes(path), label, Path.GetFileNameWithoutExtension(path), options);
    }

    /// <summary>Imports a serialized ONNX model held in memory.</summary>
    /// <param name="model">The bytes of a <c>.onnx</c> file.</param>
    /// <param name="label">Names the model in error messages (e.g. its file name); may be null.</param>
    /// <param name="name">The network name used when the model does not carry one; may be null.</param>
    /// <param name="options">Import choices; null for the defaults.</param>
    /// <exception cref="OnnxImportException">The bytes are not an importable MLP.</exception>
    public static OnnxImportResult Import(ReadOnlySpan<byte> model, string? label = null, string? name = null, OnnxImportOptions? options = null)
    {
        options ??= OnnxImportOptions.Default;
        if (model.Length > options.MaxFileBytes)
        {
            throw new OnnxImportException(OnnxErrorKind.InvalidFile, $"the model has {model.Length} bytes, more than the limit of {options.MaxFileBytes}.", label);
        }

        ModelProto proto;
        try
        {
            proto = ModelProto.Parser.ParseFrom(model);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new OnnxImportException(OnnxErrorKind.InvalidFile, "not a readable ONNX model (protobuf: " + e.Message + ").", label, innerException: e);
        }

        string sha256 = Convert.ToHexStringLower(SHA256.HashData(model));
        return new OnnxGraphImporter(proto, options, label).Run(name, sha256);
    }
}
