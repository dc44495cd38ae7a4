using LumpGen.Model;
using LumpGen.Onnx;

namespace LumpGen.Cli.Infrastructure;

/// <summary>Loads and saves a model by its extension (.lump or .onnx, through LumpGen.Onnx's ModelLoader/ModelSaver). New formats register there.</summary>
internal static class ModelFiles
{
    /// <summary>Reads a model; ONNX import notices (dropped classifier tails, folded normalisation, …) go to <paramref name="notices"/> as "note:" lines.</summary>
    public static Network Load(string path, TextWriter? notices = null)
    {
        Paths.ExistingFile(path, "Model");
        RequireKnownExtension(path, "Model");
        var messages = new List<string>();
        var network = ModelLoader.Load(path, messages);
        foreach (string message in messages)
        {
            notices?.WriteLine("note: " + message);
        }

        return network;
    }

    /// <summary>Writes a model atomically in the format its extension names.</summary>
    public static void Save(Network network, string path)
    {
        RequireKnownExtension(path, "Output model");
        ModelSaver.Save(network, path);
    }

    private static void RequireKnownExtension(string path, string what)
    {
        if (!ModelLoader.IsSupported(path))
        {
            throw new UserException(
                $"{what} '{path}' has the extension '{Path.GetExtension(path).ToLowerInvariant()}'; expected {string.Join(" or ", ModelLoader.Extensions)}.");
        }
    }
}
