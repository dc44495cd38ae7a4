using Microsoft.CodeAnalysis;

namespace LumpGen.Generators;

/// <summary>Every diagnostic the generator reports. Help pages: docs/diagnostics/LUMPnnn.md.</summary>
internal static class DiagnosticDescriptors
{
    public const string Category = "LumpGen";

    private const string HelpBase = "https://github.com/lumpgen/lumpgen/blob/main/docs/diagnostics/";

    public static readonly DiagnosticDescriptor MalformedFile = Create(
        "LUMP001",
        "Malformed .lump file",
        "'{0}' is not a valid .lump description: {1}",
        DiagnosticSeverity.Error,
        "The .lump file does not follow the format (docs/format.md). The diagnostic points at the offending line; no code is generated for this file.");

    public static readonly DiagnosticDescriptor UnsupportedVersion = Create(
        "LUMP002",
        "Unsupported .lump format version",
        "'{0}': {1}",
        DiagnosticSeverity.Error,
        "The first line names a format version this generator cannot read. Update the LumpGen package, or rewrite the file with the matching lumpgen CLI.");

    public static readonly DiagnosticDescriptor UnknownActivation = Create(
        "LUMP003",
        "Unknown activation",
        "'{0}': {1}",
        DiagnosticSeverity.Error,
        "A layer names an activation the format does not define.");

    public static readonly DiagnosticDescriptor InvalidClassName = Create(
        "LUMP004",
        "Missing or invalid class name",
        "'{0}': {1}",
        DiagnosticSeverity.Error,
        "The generated class needs a valid C# identifier (ClassName metadata, or one derived from the file name) and a valid namespace (Namespace metadata or RootNamespace).");

    public static readonly DiagnosticDescriptor DuplicateClassName = Create(
        "LUMP005",
        "Two models generate the same class",
        "'{0}' would generate class '{1}', which '{2}' already generates; give one of them another ClassName or Namespace",
        DiagnosticSeverity.Error,
        "Two LumpNetwork items map to the same namespace-qualified class name. The first (by path) is generated; the others are not.");

    public static readonly DiagnosticDescriptor LargeModel = Create(
        "LUMP006",
        "Very large model",
        "'{0}' has {1} parameters; its generated source is {2} MB, which slows every build and the IDE. Consider lumping with a larger epsilon, or raise LumpGenLargeModelParameters (now {3}) to silence this warning.",
        DiagnosticSeverity.Warning,
        "Weights are emitted as constant data in C# source. Very large models make compilation slow and memory-hungry.");

    public static readonly DiagnosticDescriptor GeneratorFailure = Create(
        "LUMP007",
        "LumpGen generator failure",
        "Generating code for '{0}' failed unexpectedly: {1}. Please report this with the .lump file.",
        DiagnosticSeverity.Error,
        "An unexpected exception in the generator. No code was generated for this model; nothing is silently skipped.");

    public static readonly DiagnosticDescriptor UnsupportedTarget = Create(
        "LUMP008",
        "Target cannot compile the generated code",
        "Cannot generate '{0}': {1}",
        DiagnosticSeverity.Error,
        "The generated code needs System.Span<T> (netcoreapp2.1+, netstandard2.1, or the System.Memory package) and C# 7.3 or later.");

    public static readonly DiagnosticDescriptor UnknownKernel = Create(
        "LUMP009",
        "Unknown kernel option",
        "'{0}': Kernel '{1}' is not one of 'auto', 'portable'; using 'auto'",
        DiagnosticSeverity.Warning,
        "The Kernel item metadata or the LumpGenKernel property accepts 'auto' (System.Runtime.Intrinsics when available) or 'portable' (Vector<T>/scalar).");

    private static readonly DiagnosticDescriptor[] s_all =
    {
        MalformedFile, UnsupportedVersion, UnknownActivation, InvalidClassName, DuplicateClassName,
        LargeModel, GeneratorFailure, UnsupportedTarget, UnknownKernel,
    };

    public static DiagnosticDescriptor? ById(string id)
    {
        foreach (var descriptor in s_all)
        {
            if (descriptor.Id == id)
            {
                return descriptor;
            }
        }

        return null;
    }

    private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity, string description) =>
        new(id, title, message, Category, severity, isEnabledByDefault: true, description: description, helpLinkUri: HelpBase + id + ".md");
}
