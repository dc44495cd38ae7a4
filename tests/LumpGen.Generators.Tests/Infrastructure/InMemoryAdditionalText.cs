using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace LumpGen.Generators.Tests.Infrastructure;

/// <summary>An additional file that lives in memory (what MSBuild would pass for a LumpNetwork item).</summary>
internal sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
{
    private readonly SourceText _text = SourceText.From(text);

    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}
