using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace LumpGen.Generators.Model;

/// <summary>
/// A place in a .lump file as plain values (a <see cref="Location"/> must not live in the pipeline
/// model: it would keep a syntax tree alive and defeat caching).
/// </summary>
/// <param name="FilePath">The file.</param>
/// <param name="Start">Character offset of the span.</param>
/// <param name="Length">Characters in the span.</param>
/// <param name="Line">0-based line.</param>
/// <param name="StartColumn">0-based start column.</param>
/// <param name="EndColumn">0-based end column.</param>
internal sealed record LocationInfo(string FilePath, int Start, int Length, int Line, int StartColumn, int EndColumn)
{
    /// <summary>The whole file (no particular line).</summary>
    public static LocationInfo File(string path) => new(path, 0, 0, 0, 0, 0);

    /// <summary>Line <paramref name="lineNumber"/> (1-based) of <paramref name="text"/>, or the whole file when it has no such line.</summary>
    public static LocationInfo AtLine(string path, SourceText? text, int lineNumber)
    {
        if (text is null || lineNumber < 1 || lineNumber > text.Lines.Count)
        {
            return File(path);
        }

        var span = text.Lines[lineNumber - 1].Span;
        return new LocationInfo(path, span.Start, span.Length, lineNumber - 1, 0, span.Length);
    }

    public Location ToLocation() => Location.Create(
        FilePath,
        new TextSpan(Start, Length),
        new LinePositionSpan(new LinePosition(Line, StartColumn), new LinePosition(Line, EndColumn)));
}

/// <summary>A diagnostic carried through the pipeline as data; turned into a <see cref="Diagnostic"/> only when reported.</summary>
/// <param name="Id">The descriptor's id (LUMPnnn).</param>
/// <param name="Location">Where, or null for none.</param>
/// <param name="Arguments">The message format arguments, already formatted as strings.</param>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
        new(descriptor.Id, location, new EquatableArray<string>(arguments));

    public Diagnostic ToDiagnostic()
    {
        var descriptor = DiagnosticDescriptors.ById(Id)
            ?? throw new InvalidOperationException("Unknown diagnostic id " + Id);
        var args = new object[Arguments.Count];
        for (int i = 0; i < args.Length; i++)
        {
            args[i] = Arguments[i];
        }

        return Diagnostic.Create(descriptor, Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None, args);
    }
}
