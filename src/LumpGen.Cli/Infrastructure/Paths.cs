namespace LumpGen.Cli.Infrastructure;

/// <summary>Checks on user-supplied paths, with messages that say what to do.</summary>
internal static class Paths
{
    public static string ExistingFile(string path, string what)
    {
        if (!File.Exists(path))
        {
            throw new UserException(Directory.Exists(path)
                ? $"{what} '{path}' is a folder; expected a file."
                : $"{what} '{path}' does not exist.");
        }

        return path;
    }

    /// <summary>Lower-case hex SHA-256 of a file's bytes: the provenance hash written into models (never the path).</summary>
    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream));
    }

    public static string OutputFile(string path, string what)
    {
        string full = Path.GetFullPath(path);
        string? folder = Path.GetDirectoryName(full);
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new UserException($"The folder of the {what} '{path}' does not exist; create it first.");
        }

        if (Directory.Exists(full))
        {
            throw new UserException($"The {what} '{path}' is a folder; give a file name.");
        }

        return path;
    }
}
