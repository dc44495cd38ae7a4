using System.Collections.Immutable;
using Basic.Reference.Assemblies;
using LumpGen.Format;
using LumpGen.Generators.Tests.Infrastructure;
using LumpGen.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace LumpGen.Generators.Tests;

/// <summary>One test per diagnostic: the right id, severity, place (the .lump line) and words; and what is still generated.</summary>
public class DiagnosticTests
{
    private static readonly string s_valid = TestModels.Text(TestModels.Random(5, [3, 10, 2], [Activation.Tanh, Activation.Identity]));

    [Fact]
    public void LUMP001_malformed_file_is_reported_at_its_line()
    {
        string text = "lump 1\nname broken\nlayer dense 2 -> 2 relu\n  bias AAAAAAAAAAA=\n  row !!!\nend\n";
        var diagnostic = Single(new LumpItem("/repo/broken.lump", text));
        Assert.Equal("LUMP001", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("/repo/broken.lump", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(4, diagnostic.Location.GetLineSpan().StartLinePosition.Line); // 0-based: line 5, the bad row
        Assert.Contains("line 5", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void LUMP002_unsupported_version()
    {
        var diagnostic = Single(new LumpItem("/repo/future.lump", "lump 7\nend\n"));
        Assert.Equal("LUMP002", diagnostic.Id);
        Assert.Equal(0, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains("version 7 is newer", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void LUMP003_unknown_activation()
    {
        var diagnostic = Single(new LumpItem("/repo/swish.lump", "lump 1\nname s\nlayer dense 2 -> 2 swish\nend\n"));
        Assert.Equal("LUMP003", diagnostic.Id);
        Assert.Equal(2, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains("swish", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/repo/model.lump", "1st", null, "ClassName '1st' is not a valid C# identifier")]
    [InlineData("/repo/model.lump", "class", null, "ClassName 'class' is not a valid C# identifier")]
    [InlineData("/repo/---.lump", null, null, "no class name could be derived from the file name")]
    [InlineData("/repo/model.lump", "Model", "Demo..Models", "namespace 'Demo..Models' is not a valid C# namespace")]
    public void LUMP004_missing_or_invalid_class_name(string path, string? className, string? ns, string message)
    {
        var diagnostic = Single(new LumpItem(path, s_valid, ClassName: className, Namespace: ns));
        Assert.Equal("LUMP004", diagnostic.Id);
        Assert.Contains(message, diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Class_name_and_namespace_default_to_the_file_name_and_RootNamespace()
    {
        var outcome = new GeneratorHarness([new LumpItem("/repo/Models/my-model_v2.lump", s_valid)]).Run();
        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.Contains("public static partial class MyModelV2", outcome.Source("Tests.MyModelV2.g.cs"), StringComparison.Ordinal);
        Assert.Empty(outcome.CompilationProblems());
    }

    [Fact]
    public void LUMP005_two_models_with_the_same_class_name()
    {
        var outcome = new GeneratorHarness(
        [
            new LumpItem("/repo/a/model.lump", s_valid),
            new LumpItem("/repo/b/model.lump", s_valid),
        ]).Run();
        var diagnostic = Assert.Single(outcome.GeneratorDiagnostics);
        Assert.Equal("LUMP005", diagnostic.Id);
        Assert.Equal("/repo/b/model.lump", diagnostic.Location.GetLineSpan().Path);
        Assert.Contains("'Tests.Model'", diagnostic.GetMessage(), StringComparison.Ordinal);

        // The first (by path) is still generated, and the compilation has no duplicate-type errors.
        Assert.Single(outcome.Sources);
        Assert.Empty(outcome.CompilationProblems());
    }

    [Fact]
    public void LUMP006_large_model_warns_with_parameter_count_and_source_size()
    {
        var outcome = new GeneratorHarness(
            [new LumpItem("/repo/big.lump", s_valid)],
            properties: new Dictionary<string, string> { ["LumpGenLargeModelParameters"] = "10" }).Run();
        var diagnostic = Assert.Single(outcome.GeneratorDiagnostics);
        Assert.Equal("LUMP006", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Matches(@"has 62 parameters; its generated source is \d+\.\d MB", diagnostic.GetMessage());
        Assert.Single(outcome.Sources);
    }

    [Fact]
    public void LUMP007_unexpected_failure_is_a_diagnostic_not_a_silent_empty_output()
    {
        var compilation = CSharpCompilation.Create("T", [], GeneratorHarness.Net100References);
        var driver = CSharpGeneratorDriver.Create(
            [new LumpNetworkGenerator().AsSourceGenerator()],
            [new FailingText("/repo/unreadable.lump")],
            new CSharpParseOptions(LanguageVersion.CSharp12),
            new TestOptionsProvider(ImmutableDictionary<string, string>.Empty, ImmutableDictionary<string, ImmutableDictionary<string, string>>.Empty));
        driver.RunGeneratorsAndUpdateCompilation(compilation, out _, out var diagnostics);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("LUMP007", diagnostic.Id);
        Assert.Contains("disk on fire", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void LUMP008_target_without_span()
    {
        var outcome = new GeneratorHarness([new LumpItem("/repo/model.lump", s_valid)], references: NetStandard20.References.All).Run();
        var diagnostic = Assert.Single(outcome.GeneratorDiagnostics);
        Assert.Equal("LUMP008", diagnostic.Id);
        Assert.Contains("System.Memory", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(outcome.Sources);
    }

    [Fact]
    public void LUMP009_unknown_kernel_option_falls_back_to_auto()
    {
        var outcome = new GeneratorHarness([new LumpItem("/repo/model.lump", s_valid, Kernel: "fast")]).Run();
        var diagnostic = Assert.Single(outcome.GeneratorDiagnostics);
        Assert.Equal("LUMP009", diagnostic.Id);
        Assert.Contains("Vector256.IsHardwareAccelerated", outcome.Source("Tests.Model.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_diagnostic_has_a_help_page_and_a_release_entry()
    {
        string releases = File.ReadAllText(Path.Combine(RepoPaths.Root, "generators", "LumpGen.Generators", "AnalyzerReleases.Unshipped.md"));
        for (int n = 1; n <= 9; n++)
        {
            string id = $"LUMP{n:000}";
            var descriptor = DiagnosticDescriptors.ById(id);
            Assert.NotNull(descriptor);
            Assert.EndsWith($"docs/diagnostics/{id}.md", descriptor.HelpLinkUri, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "docs", "diagnostics", id + ".md")), $"docs/diagnostics/{id}.md is missing.");
            Assert.Contains(id + " |", releases, StringComparison.Ordinal);
        }

        Assert.Null(DiagnosticDescriptors.ById("LUMP010"));
    }

    [Fact]
    public void Generated_code_compiles_for_net8_without_the_net9_multiply_add()
    {
        var outcome = new GeneratorHarness([new LumpItem("/repo/model.lump", s_valid)], references: Net80.References.All).Run();
        Assert.Empty(outcome.GeneratorDiagnostics);
        string source = outcome.Source("Tests.Model.g.cs");
        Assert.DoesNotContain("MultiplyAddEstimate", source, StringComparison.Ordinal);
        Assert.Contains("Vector512", source, StringComparison.Ordinal);
        Assert.Empty(outcome.CompilationProblems());
    }

    private static Diagnostic Single(LumpItem item)
    {
        var outcome = new GeneratorHarness([item]).Run();
        Assert.Empty(outcome.Sources);
        return Assert.Single(outcome.GeneratorDiagnostics);
    }

    private sealed class FailingText(string path) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => throw new IOException("disk on fire");
    }
}
