using LumpGen.IO;
using LumpGen.Model;

namespace LumpGen.Onnx;

/// <summary>Loads a network from any supported file, chosen by extension: <c>.lump</c> (LumpGen's format) or <c>.onnx</c>.</summary>
public static class ModelLoader
{
    /// <summary>The extensions <see cref="Load"/> and <see cref="ModelSaver.Save"/> understand, lower-case with the dot.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".lump", ".onnx"];

    /// <summary>True when <paramref name="path"/> ends in a supported extension (case-insensitive).</summary>
    public static bool IsSupported(string path) => Kind(path) is not null;

    /// <summary>
    /// Reads <paramref name="path"/>: <c>.lump</c> through <see cref="LumpFile.Read"/>, <c>.onnx</c> through
    /// <see cref="OnnxImporter.Import(string, OnnxImportOptions?)"/>. Import notices (dropped classifier tails,
    /// folded normalisation, …) are appended to <paramref name="notices"/> when given.
    /// </summary>
    /// <exception cref="ArgumentException">The extension is neither .lump nor .onnx.</exception>
    /// <exception cref="Format.LumpFormatException">A .lump file is malformed.</exception>
    /// <exception cref="OnnxImportException">An .onnx file is not an importable MLP.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static Network Load(string path, ICollection<string>? notices = null, OnnxImportOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        switch (Kind(path))
        {
            case ".lump":
                return LumpFile.Read(path);
            case ".onnx":
                var result = OnnxImporter.Import(path, options);
                foreach (string notice in result.Notices)
                {
                    notices?.Add(notice);
                }

                return result.Network;
            default:
                throw UnknownFormat(path);
        }
    }

    internal static string? Kind(string path)
    {
        string extension = Path.GetExtension(path).ToLowerInvariant();
        return Extensions.Contains(extension) ? extension : null;
    }

    internal static ArgumentException UnknownFormat(string path) => new(
        $"'{path}' has an unknown model format '{Path.GetExtension(path)}'; expected {string.Join(" or ", Extensions)}.",
        nameof(path));
}
