using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using LumpGen.Format;
using LumpGen.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace LumpGen.Generators.Parsing;

/// <summary>Turns one AdditionalText plus its options into a <see cref="ParsedModel"/> (pure values).</summary>
internal static class ModelReader
{
    public static ParsedModel Read(AdditionalText file, AnalyzerConfigOptions itemOptions, GeneratorOptions options, CancellationToken cancellationToken)
    {
        string path = file.Path;
        try
        {
            return ReadCore(file, itemOptions, options, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e)
        {
            // Never a silent empty output: an unexpected failure becomes LUMP007 on the file.
            return Failure(DiagnosticInfo.Create(
                DiagnosticDescriptors.GeneratorFailure, LocationInfo.File(path), Path.GetFileName(path), e.GetType().Name + ": " + e.Message));
        }
    }

    public static GeneratorOptions ReadGlobalOptions(AnalyzerConfigOptions global)
    {
        global.TryGetValue("build_property.RootNamespace", out string? rootNamespace);
        global.TryGetValue("build_property.LumpGenKernel", out string? kernel);
        long threshold = 1_000_000;
        if (global.TryGetValue("build_property.LumpGenLargeModelParameters", out string? text)
            && long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long parsed))
        {
            threshold = parsed;
        }

        return new GeneratorOptions(rootNamespace?.Trim() ?? "", kernel?.Trim() ?? "", threshold);
    }

    private static ParsedModel ReadCore(AdditionalText file, AnalyzerConfigOptions itemOptions, GeneratorOptions options, CancellationToken cancellationToken)
    {
        string path = file.Path;
        string fileName = Path.GetFileName(path);
        var diagnostics = new List<DiagnosticInfo>();

        // Names first: they do not depend on the content, and a bad name is worth reporting even for a bad file.
        string? className = Metadata(itemOptions, "ClassName");
        if (className is null)
        {
            className = Identifiers.FromFileName(Path.GetFileNameWithoutExtension(path));
            if (className is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.InvalidClassName, LocationInfo.File(path), fileName,
                    "no class name could be derived from the file name; set ClassName=\"...\" on the LumpNetwork item"));
            }
        }
        else if (!Identifiers.IsValidClassName(className))
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.InvalidClassName, LocationInfo.File(path), fileName,
                $"ClassName '{className}' is not a valid C# identifier"));
            className = null;
        }

        string ns = Metadata(itemOptions, "Namespace") ?? options.RootNamespace;
        if (!Identifiers.IsValidNamespace(ns))
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.InvalidClassName, LocationInfo.File(path), fileName,
                $"namespace '{ns}' is not a valid C# namespace"));
            className = null;
        }

        string kernelText = Metadata(itemOptions, "Kernel") ?? options.Kernel;
        var kernel = KernelFlavor.Auto;
        if (string.Equals(kernelText, "portable", StringComparison.OrdinalIgnoreCase))
        {
            kernel = KernelFlavor.Portable;
        }
        else if (kernelText.Length > 0 && !string.Equals(kernelText, "auto", StringComparison.OrdinalIgnoreCase))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownKernel, LocationInfo.File(path), fileName, kernelText));
        }

        SourceText? text = file.GetText(cancellationToken);
        if (text is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.MalformedFile, LocationInfo.File(path), fileName, "the file could not be read"));
            return new ParsedModel(null, new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()));
        }

        string content = text.ToString();
        LumpModel model;
        try
        {
            model = LumpReader.Parse(content);
        }
        catch (LumpFormatException e)
        {
            var descriptor = e.Kind switch
            {
                LumpErrorKind.UnsupportedVersion => DiagnosticDescriptors.UnsupportedVersion,
                LumpErrorKind.UnknownActivation => DiagnosticDescriptors.UnknownActivation,
                _ => DiagnosticDescriptors.MalformedFile,
            };
            string detail = e.LineNumber > 0 ? $"line {e.LineNumber}: {e.Detail}" : e.Detail;
            diagnostics.Add(DiagnosticInfo.Create(descriptor, LocationInfo.AtLine(path, text, e.LineNumber), fileName, detail));
            return new ParsedModel(null, new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()));
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (className is null)
        {
            return new ParsedModel(null, new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()));
        }

        var layers = new LayerSpec[model.Layers.Count];
        for (int i = 0; i < layers.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var layer = model.Layers[i];
            layers[i] = new LayerSpec(
                layer.InputLength,
                layer.OutputLength,
                layer.Activation.Kind,
                layer.Activation.Alpha,
                EquatableArray.From(layer.Weights),
                EquatableArray.From(layer.Bias),
                layer.Partition?.Count ?? 0);
        }

        var spec = new ModelSpec(
            path,
            fileName,
            className,
            ns,
            kernel,
            model.Name,
            Sha256Hex(content),
            model.Provenance.SourceSha256,
            model.Provenance.Epsilon,
            model.Provenance.OriginalParameterCount,
            model.InputTransform is { } input ? EquatableArray.From(input.Mean) : default,
            model.InputTransform is { } input2 ? EquatableArray.From(input2.Scale) : default,
            model.OutputTransform is { } output ? EquatableArray.From(output.Scale) : default,
            model.OutputTransform is { } output2 ? EquatableArray.From(output2.Offset) : default,
            new EquatableArray<LayerSpec>(layers));
        return new ParsedModel(spec, new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()));
    }

    private static ParsedModel Failure(DiagnosticInfo diagnostic) => new(null, new EquatableArray<DiagnosticInfo>(new[] { diagnostic }));

    private static string? Metadata(AnalyzerConfigOptions options, string name)
    {
        // Empty metadata means "not set" (MSBuild passes empty strings for missing metadata).
        return options.TryGetValue("build_metadata.AdditionalFiles." + name, out string? value) && !string.IsNullOrWhiteSpace(value)
            ? value.Trim()
            : null;
    }

    /// <summary>SHA-256 of the text with '\n' line ends, so a CRLF checkout generates the same code.</summary>
    private static string Sha256Hex(string content)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(content.Replace("\r\n", "\n"));
        using var sha = SHA256.Create();
        byte[] hash = sha.ComputeHash(bytes);
        var sb = new StringBuilder(64);
        foreach (byte b in hash)
        {
            sb.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }
}
