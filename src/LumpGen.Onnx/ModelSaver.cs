using LumpGen.IO;
using LumpGen.Model;

namespace LumpGen.Onnx;

/// <summary>Saves a network in the format its file extension names: <c>.lump</c> or <c>.onnx</c>.</summary>
public static class ModelSaver
{
    /// <summary>
    /// Writes <paramref name="network"/> atomically: <c>.lump</c> through <see cref="LumpFile.Write"/>,
    /// <c>.onnx</c> through <see cref="OnnxExporter.Export"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The extension is neither .lump nor .onnx, or the network's metadata cannot be written to .lump.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void Save(Network network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(path);
        switch (ModelLoader.Kind(path))
        {
            case ".lump":
                LumpFile.Write(network, path);
                break;
            case ".onnx":
                OnnxExporter.Export(network, path);
                break;
            default:
                throw ModelLoader.UnknownFormat(path);
        }
    }
}
