namespace LumpGen.Generators.Emit;

/// <summary>
/// Type names used in the implementation class. It lives in the generator's own namespace
/// (<c>LumpGen.Generated</c>) with its own <c>using</c> directives, like RegexGenerator's output, so
/// short names cannot be captured by the user's types; the public class in the user's namespace
/// spells every type with <c>global::</c>.
/// </summary>
internal static class Names
{
    public const string ImplementationNamespace = "LumpGen.Generated";
    public const string Span = "Span<float>";
    public const string ReadOnlySpan = "ReadOnlySpan<float>";
    public const string Unsafe = "Unsafe";
    public const string MemoryMarshal = "MemoryMarshal";
    public const string Inline = "[MethodImpl(MethodImplOptions.AggressiveInlining)]";
    /// <summary>
    /// Kernels are compiled fully optimised on their first call: no tier-0 phase, so the first inference
    /// is already fast (no warm-up hitch in a game loop) and timings do not depend on tiering.
    /// </summary>
    public const string Hot = "[MethodImpl(MethodImplOptions.AggressiveOptimization)]";
    public const string HotInline = "[MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]";
    public const string NoInline = "[MethodImpl(MethodImplOptions.NoInlining)]";
    public const string Math = "Math";
    public const string VectorT = "Vector<float>";
    public const string Vector = "Vector";
    public const string ArgumentException = "ArgumentException";
}

/// <summary>One SIMD tier of the System.Runtime.Intrinsics variant.</summary>
internal sealed class Tier
{
    public static readonly Tier V512 = new("V512", "Vector512", 16, batch4: true);
    public static readonly Tier V256 = new("V256", "Vector256", 8, batch4: true);
    public static readonly Tier V128 = new("V128", "Vector128", 4, batch4: false);

    private Tier(string suffix, string type, int width, bool batch4)
    {
        Suffix = suffix;
        Type = type;
        Width = width;
        HasBatch4 = batch4;
    }

    /// <summary>Method name suffix (<c>Dense0_V512</c>).</summary>
    public string Suffix { get; }

    /// <summary>The static vector class (<c>Vector512</c>).</summary>
    public string Type { get; }

    /// <summary>The vector type (<c>Vector512&lt;float&gt;</c>).</summary>
    public string VectorOfFloat => Type + "<float>";

    /// <summary>Floats per vector.</summary>
    public int Width { get; }

    /// <summary>
    /// Whether PredictBatch gets register-blocked four-sample kernels on this tier. Vector128 is the
    /// fallback for CPUs without AVX2 (16 registers of 4 floats): it runs samples one at a time.
    /// </summary>
    public bool HasBatch4 { get; }
}
