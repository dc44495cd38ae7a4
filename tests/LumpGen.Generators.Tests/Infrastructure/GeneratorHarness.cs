using System.Collections.Immutable;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LumpGen.Generators.Tests.Infrastructure;

/// <summary>Runs <see cref="LumpNetworkGenerator"/> on in-memory items and compiles the result, as a build would.</summary>
internal sealed class GeneratorHarness
{
    public static readonly ImmutableArray<MetadataReference> Net100References = [.. Net100.References.All];

    public GeneratorHarness(
        IEnumerable<LumpItem> items,
        IEnumerable<string>? sources = null,
        IEnumerable<MetadataReference>? references = null,
        LanguageVersion languageVersion = LanguageVersion.CSharp12,
        bool allowUnsafe = true,
        IReadOnlyDictionary<string, string>? properties = null)
    {
        Items = [.. items];
        var global = ImmutableDictionary.CreateBuilder<string, string>();
        global["build_property.RootNamespace"] = "Tests";
        foreach (var pair in properties ?? new Dictionary<string, string>())
        {
            global["build_property." + pair.Key] = pair.Value;
        }

        var perFile = ImmutableDictionary.CreateBuilder<string, ImmutableDictionary<string, string>>();
        foreach (var item in Items)
        {
            var metadata = ImmutableDictionary.CreateBuilder<string, string>();
            if (item.ClassName is not null)
            {
                metadata["build_metadata.AdditionalFiles.ClassName"] = item.ClassName;
            }

            if (item.Namespace is not null)
            {
                metadata["build_metadata.AdditionalFiles.Namespace"] = item.Namespace;
            }

            if (item.Kernel is not null)
            {
                metadata["build_metadata.AdditionalFiles.Kernel"] = item.Kernel;
            }

            perFile[item.Path] = metadata.ToImmutable();
        }

        OptionsProvider = new TestOptionsProvider(global.ToImmutable(), perFile.ToImmutable());
        ParseOptions = new CSharpParseOptions(languageVersion);
        AdditionalTexts = [.. Items.Select(i => (AdditionalText)new InMemoryAdditionalText(i.Path, i.Text))];
        Compilation = CSharpCompilation.Create(
            "LumpGenTests",
            (sources ?? []).Select(s => CSharpSyntaxTree.ParseText(s, ParseOptions)),
            references ?? Net100References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: allowUnsafe, optimizationLevel: OptimizationLevel.Release, nullableContextOptions: NullableContextOptions.Enable));
    }

    public IReadOnlyList<LumpItem> Items { get; }

    public TestOptionsProvider OptionsProvider { get; }

    public CSharpParseOptions ParseOptions { get; }

    public ImmutableArray<AdditionalText> AdditionalTexts { get; }

    public CSharpCompilation Compilation { get; }

    /// <summary>A driver with step tracking on (for the incrementality and purity tests).</summary>
    public GeneratorDriver CreateDriver() => CSharpGeneratorDriver.Create(
        [new LumpNetworkGenerator().AsSourceGenerator()],
        AdditionalTexts,
        ParseOptions,
        OptionsProvider,
        new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator and compiles; returns the run result, the output compilation and the generator's diagnostics.</summary>
    public GeneratorOutcome Run()
    {
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(Compilation, out var output, out var diagnostics);
        return new GeneratorOutcome(driver.GetRunResult(), output, diagnostics);
    }
}

internal sealed record GeneratorOutcome(GeneratorDriverRunResult Result, Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics)
{
    public IEnumerable<GeneratedSourceResult> Sources => Result.Results.SelectMany(r => r.GeneratedSources);

    public string Source(string hintName) => Sources.Single(s => s.HintName == hintName).SourceText.ToString();

    /// <summary>Compiler errors and warnings of the compilation with the generated code in it.</summary>
    public IReadOnlyList<Diagnostic> CompilationProblems() =>
        [.. Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning)];
}
