namespace LumpGen.Generators.Model;

/// <summary>
/// What the consuming compilation offers, read once per compilation by <c>CompilationProvider.Select</c>
/// into plain booleans so the pipeline never holds the compilation itself.
/// </summary>
/// <param name="HasSpan">System.Span&lt;T&gt;, ReadOnlySpan&lt;T&gt; and MemoryMarshal exist (netcoreapp2.1+, netstandard2.1, or System.Memory).</param>
/// <param name="HasIntrinsics">The cross-platform System.Runtime.Intrinsics.Vector128/256 API (net7+) and Unsafe exist.</param>
/// <param name="HasVector512">System.Runtime.Intrinsics.Vector512 exists (net8+).</param>
/// <param name="HasMultiplyAddEstimate">Vector128.MultiplyAddEstimate exists (net9+): FMA where the hardware has it, else multiply-add.</param>
/// <param name="HasVectorT">System.Numerics.Vector&lt;T&gt; exists.</param>
/// <param name="HasCreateSpan">RuntimeHelpers.CreateSpan exists (net7+): <c>static ReadOnlySpan&lt;float&gt; W =&gt; new float[] {…}</c> is RVA data, not an allocation.</param>
/// <param name="CanSkipLocalsInit">SkipLocalsInitAttribute exists and the project allows unsafe code, so stackalloc'd scratch is not zeroed.</param>
/// <param name="LanguageVersion">The C# language version, as the compiler's number (e.g. 900 for C# 9, 1200 for C# 12).</param>
internal sealed record TargetFacts(
    bool HasSpan,
    bool HasIntrinsics,
    bool HasVector512,
    bool HasMultiplyAddEstimate,
    bool HasVectorT,
    bool HasCreateSpan,
    bool CanSkipLocalsInit,
    int LanguageVersion);

/// <summary>Project-wide settings (MSBuild properties made visible to the compiler by build/LumpGen.props).</summary>
/// <param name="RootNamespace">The default namespace of generated classes.</param>
/// <param name="Kernel">The default kernel family (LumpGenKernel), as written.</param>
/// <param name="LargeModelParameters">LUMP006 fires above this many parameters.</param>
internal sealed record GeneratorOptions(string RootNamespace, string Kernel, long LargeModelParameters);
