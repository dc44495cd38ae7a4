namespace LumpGen.Generators;

/// <summary>Names of the pipeline steps, for <c>WithTrackingName</c> and the incrementality tests.</summary>
public static class TrackingNames
{
    /// <summary>The <c>.lump</c> additional files.</summary>
    public const string LumpFiles = nameof(LumpFiles);

    /// <summary>Project-wide options (RootNamespace, LumpGenKernel, LumpGenLargeModelParameters).</summary>
    public const string Options = nameof(Options);

    /// <summary>Each file parsed into a value-equatable model (or its diagnostics).</summary>
    public const string ParsedModels = nameof(ParsedModels);

    /// <summary>The class names of all models, for duplicate detection.</summary>
    public const string ModelIdentities = nameof(ModelIdentities);

    /// <summary>Facts about the target compilation (which vector APIs exist, language version).</summary>
    public const string TargetFacts = nameof(TargetFacts);

    /// <summary>The generated source (and diagnostics) per model.</summary>
    public const string GeneratedModels = nameof(GeneratedModels);
}
