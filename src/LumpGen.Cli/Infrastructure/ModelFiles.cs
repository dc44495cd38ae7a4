using LumpGen.IO;
using LumpGen.Model;

namespace LumpGen.Cli.Infrastructure;

/// <summary>Loads a model by its extension. New formats register here.</summary>
internal static class ModelFiles
{
    public static Network Load(string path)
    {
        Paths.ExistingFile(path, "Model");
        string extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".lump" => LumpFile.Read(path),
            _ => throw new UserException($"Model '{path}' has the extension '{extension}'; expected .lump."),
        };
    }
}
