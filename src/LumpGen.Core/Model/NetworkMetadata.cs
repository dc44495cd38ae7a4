namespace LumpGen.Model;

/// <summary>Descriptive data carried with a network into the <c>.lump</c> file. Nothing here affects the math.</summary>
/// <param name="Name">A human-readable name.</param>
/// <param name="SourceSha256">Lower-case hex SHA-256 of the file the network came from (never a path).</param>
/// <param name="Epsilon">The lumping tolerance ε (ERODE convention) when the network was compressed.</param>
/// <param name="OriginalParameterCount">Weights + biases before compression.</param>
/// <param name="Quotient">How reduced layers were built (<c>rep</c>, <c>mean</c>, …).</param>
/// <param name="Properties">Free key/value pairs, in order.</param>
public sealed record NetworkMetadata(
    string? Name = null,
    string? SourceSha256 = null,
    double? Epsilon = null,
    long? OriginalParameterCount = null,
    string? Quotient = null,
    IReadOnlyList<KeyValuePair<string, string>>? Properties = null)
{
    /// <summary>No metadata.</summary>
    public static NetworkMetadata Empty { get; } = new();

    /// <summary>The free key/value pairs, never null.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> PropertiesOrEmpty => Properties ?? [];
}
