using LumpGen.Dynamics;

namespace LumpGen.Data;

/// <summary>
/// The eight data sets of the paper's evaluation by name: four UCI tables read from the team's shared
/// data folder and four synthetic sets generated from dynamical systems (see
/// <see cref="VectorFieldDataset"/>). Names: abalone, casp (alias protein), metro, hepc,
/// polymerization, electrical, glycolytic, rn.
/// </summary>
public static class BuiltInDatasets
{
    /// <summary>The environment variable that overrides where the shared data folder is.</summary>
    public const string DataFolderVariable = "LUMPGEN_DATA";

    /// <summary>All names, UCI first, in the order of the report.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["polymerization", "electrical", "glycolytic", "rn", "abalone", "hepc", "metro", "casp"];

    /// <summary>The synthetic names.</summary>
    public static IReadOnlyList<string> SyntheticNames { get; } = ["polymerization", "electrical", "glycolytic", "rn"];

    /// <summary>Whether <paramref name="name"/> names a built-in set (case-insensitive; "protein" = casp).</summary>
    public static bool IsBuiltIn(string name) => Canonical(name) is not null;

    /// <summary>The canonical name, or null.</summary>
    public static string? Canonical(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string lower = name.Trim().ToLowerInvariant();
        if (lower == "protein")
        {
            return "casp";
        }

        return Names.Contains(lower) ? lower : null;
    }

    /// <summary>The dynamical system behind a synthetic name, or null.</summary>
    public static DynamicalSystem? System(string name) => Canonical(name) switch
    {
        "polymerization" => new PolymerizationSystem(),
        "electrical" => new HTreeCircuitSystem(),
        "glycolytic" => new YeastGlycolysisSystem(),
        "rn" => new ApproximateMajoritySystem(),
        _ => null,
    };

    /// <summary>
    /// Loads or generates a built-in set. Synthetic sets have <paramref name="syntheticRows"/> rows
    /// (200 trajectories' worth of samples by default, seed fixed); UCI sets are read from
    /// <paramref name="dataFolder"/> (default: <see cref="FindDataFolder"/>).
    /// </summary>
    /// <exception cref="ArgumentException">Unknown name.</exception>
    /// <exception cref="DirectoryNotFoundException">The shared data folder cannot be found.</exception>
    public static RegressionData Load(string name, string? dataFolder = null, int syntheticRows = 8000, int seed = 7)
    {
        string canonical = Canonical(name) ?? throw new ArgumentException(
            $"'{name}' is not a built-in data set; the built-in names are {string.Join(", ", Names)}.", nameof(name));
        if (System(canonical) is { } system)
        {
            const int SamplesPerTrajectory = 40;
            int trajectories = Math.Max(1, (syntheticRows + SamplesPerTrajectory - 1) / SamplesPerTrajectory);
            return VectorFieldDataset.Generate(system, trajectories, SamplesPerTrajectory, seed).Take(syntheticRows);
        }

        string folder = dataFolder ?? FindDataFolder();
        string File(params string[] parts) => Path.Combine([folder, "datasets", .. parts]);
        return canonical switch
        {
            "abalone" => UciDatasets.LoadAbalone(File("abalone", "abalone.data")),
            "casp" => UciDatasets.LoadCasp(File("casp", "CASP.csv")),
            "metro" => UciDatasets.LoadMetro(File("metro", "Metro_Interstate_Traffic_Volume.csv")),
            "hepc" => UciDatasets.LoadHepc(File("hepc", "household_power_consumption_first7349rows.csv")),
            _ => throw new InvalidOperationException("unreachable: " + canonical),
        };
    }

    /// <summary>
    /// The team's shared data folder: <c>$LUMPGEN_DATA</c> if set, else the first <c>shared/data</c>
    /// (holding <c>datasets/</c>) found in the current directory or one of its parents, or beside the
    /// tool's own folder or one of its parents (so <c>../shared/data</c> next to a clone is found).
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">Nothing was found; the message says how to point at it.</exception>
    public static string FindDataFolder()
    {
        string? variable = Environment.GetEnvironmentVariable(DataFolderVariable);
        if (!string.IsNullOrWhiteSpace(variable))
        {
            return Directory.Exists(Path.Combine(variable, "datasets"))
                ? variable
                : throw new DirectoryNotFoundException($"{DataFolderVariable} is '{variable}', which has no 'datasets' folder.");
        }

        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (string? dir = Path.GetFullPath(start); dir is not null; dir = Path.GetDirectoryName(dir))
            {
                string candidate = Path.Combine(dir, "shared", "data");
                if (Directory.Exists(Path.Combine(candidate, "datasets")))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException(
            $"Could not find the shared data folder (shared/data with a datasets folder) above the current directory; set {DataFolderVariable} to it.");
    }
}
