namespace LumpGen.Format;

/// <summary>Where a compressed network came from. Every field is optional.</summary>
public sealed class LumpProvenance
{
    /// <summary>Lower-case hex SHA-256 of the source model file (64 characters), never a path.</summary>
    public string? SourceSha256 { get; set; }

    /// <summary>The tolerance ε of the lumping pass (ERODE convention, DESIGN §3.1).</summary>
    public double? Epsilon { get; set; }

    /// <summary>Parameters (weights + biases) of the network before compression.</summary>
    public long? OriginalParameterCount { get; set; }

    /// <summary>How the reduced layers were built (<c>rep</c>, <c>mean</c>, …), a single word.</summary>
    public string? Quotient { get; set; }

    /// <summary>True when no field is set.</summary>
    public bool IsEmpty => SourceSha256 is null && Epsilon is null && OriginalParameterCount is null && Quotient is null;
}
