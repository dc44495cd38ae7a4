namespace LumpGen.Format;

/// <summary>Limits a <see cref="LumpReader"/> enforces before it allocates, so a hostile header fails fast.</summary>
public sealed class LumpReaderOptions
{
    /// <summary>The defaults: 2^28 parameters (1 GiB of float32), 1,024 layers, 2^24 neurons per layer.</summary>
    public static LumpReaderOptions Default { get; } = new();

    /// <summary>Largest total of weights + biases accepted.</summary>
    public long MaxParameters { get; set; } = 1L << 28;

    /// <summary>Largest number of layers accepted.</summary>
    public int MaxLayers { get; set; } = 1024;

    /// <summary>Largest width (inputs or neurons) of one layer.</summary>
    public int MaxWidth { get; set; } = 1 << 24;
}
