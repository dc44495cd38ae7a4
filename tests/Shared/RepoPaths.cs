namespace LumpGen.Testing;

/// <summary>Locates the repository root and the team's shared data folder (<c>../shared/data</c>).</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The folder that holds <c>LumpGen.sln</c>.</summary>
    public static string Root => s_root.Value;

    /// <summary><c>../shared/data</c> seen from the repository root; read in place, never copied.</summary>
    public static string SharedData => Path.GetFullPath(Path.Combine(Root, "..", "shared", "data"));

    /// <summary>A file under <see cref="SharedData"/>; fails the test with a clear message when it is missing.</summary>
    public static string Data(params string[] parts)
    {
        string path = Path.Combine([SharedData, .. parts]);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new FileNotFoundException(
                $"Shared test data '{path}' is missing. Tests expect ../shared/data beside the repository (see README).", path);
        }

        return path;
    }

    private static string FindRoot()
    {
        for (string? dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "LumpGen.sln")))
            {
                return dir;
            }
        }

        throw new InvalidOperationException("Could not find LumpGen.sln above " + AppContext.BaseDirectory);
    }
}
