namespace LumpGen.Generators.Tests.Infrastructure;

/// <summary>A LumpNetwork item: file path, .lump text and the item metadata (ClassName, Namespace, Kernel).</summary>
internal sealed record LumpItem(string Path, string Text, string? ClassName = null, string? Namespace = null, string? Kernel = null);
