using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using LumpGen.Generators.Emit;
using LumpGen.Generators.Model;
using LumpGen.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace LumpGen.Generators;

/// <summary>
/// Generates a static inference class for every <c>.lump</c> additional file (MSBuild item
/// <c>&lt;LumpNetwork Include="model.lump" ClassName="…" Namespace="…" /&gt;</c>).
/// </summary>
/// <remarks>
/// Pipeline (every step named, every model value-equatable):
/// LumpFiles → ParsedModels (file + options → <c>ModelSpec</c> or diagnostics) → combined with
/// ModelIdentities (duplicate class names), TargetFacts (what the compilation offers) and Options →
/// GeneratedModels (source text + diagnostics) → output. Editing C# code re-runs only TargetFacts,
/// whose value does not change, so no model is re-parsed or re-emitted.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class LumpNetworkGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var options = context.AnalyzerConfigOptionsProvider
            .Select(static (provider, _) => ModelReader.ReadGlobalOptions(provider.GlobalOptions))
            .WithTrackingName(TrackingNames.Options);

        var files = context.AdditionalTextsProvider
            .Where(static file => file.Path.EndsWith(".lump", StringComparison.OrdinalIgnoreCase))
            .WithTrackingName(TrackingNames.LumpFiles);

        var parsed = files
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Combine(options)
            .Select(static (input, cancellationToken) =>
                ModelReader.Read(input.Left.Left, input.Left.Right.GetOptions(input.Left.Left), input.Right, cancellationToken))
            .WithTrackingName(TrackingNames.ParsedModels);

        var identities = parsed
            .Where(static result => result.Model is not null)
            .Select(static (result, _) => new ModelIdentity(result.Model!.FullName, result.Model.FilePath))
            .Collect()
            .Select(static (all, _) => new EquatableArray<ModelIdentity>(all.Sort()))
            .WithTrackingName(TrackingNames.ModelIdentities);

        var facts = context.CompilationProvider
            .Select(static (compilation, _) => ReadFacts(compilation))
            .WithTrackingName(TrackingNames.TargetFacts);

        var generated = parsed
            .Combine(identities)
            .Combine(facts)
            .Combine(options)
            .Select(static (input, cancellationToken) =>
                Generate(input.Left.Left.Left, input.Left.Left.Right, input.Left.Right, input.Right, cancellationToken))
            .WithTrackingName(TrackingNames.GeneratedModels);

        context.RegisterSourceOutput(generated, static (context, model) =>
        {
            foreach (var diagnostic in model.Diagnostics)
            {
                context.ReportDiagnostic(diagnostic.ToDiagnostic());
            }

            if (model.HintName is not null && model.Source is not null)
            {
                context.AddSource(model.HintName, SourceText.From(model.Source, System.Text.Encoding.UTF8));
            }
        });
    }

    /// <summary>What the target offers, as plain booleans (never the compilation itself).</summary>
    internal static TargetFacts ReadFacts(Compilation compilation)
    {
        bool Has(string metadataName) => compilation.GetTypeByMetadataName(metadataName) is not null;

        bool HasMethod(string type, string method) =>
            compilation.GetTypeByMetadataName(type)?.GetMembers(method).Length > 0;

        var csharp = compilation as CSharpCompilation;
        return new TargetFacts(
            HasSpan: Has("System.Span`1") && Has("System.ReadOnlySpan`1") && Has("System.Runtime.InteropServices.MemoryMarshal"),
            HasIntrinsics: HasMethod("System.Runtime.Intrinsics.Vector128", "LoadUnsafe") && Has("System.Runtime.CompilerServices.Unsafe"),
            HasVector512: HasMethod("System.Runtime.Intrinsics.Vector512", "LoadUnsafe"),
            HasMultiplyAddEstimate: HasMethod("System.Runtime.Intrinsics.Vector128", "MultiplyAddEstimate"),
            HasVectorT: Has("System.Numerics.Vector`1") && HasMethod("System.Numerics.Vector", "Dot"),
            HasCreateSpan: HasMethod("System.Runtime.CompilerServices.RuntimeHelpers", "CreateSpan"),
            CanSkipLocalsInit: Has("System.Runtime.CompilerServices.SkipLocalsInitAttribute") && csharp?.Options.AllowUnsafe == true,
            LanguageVersion: csharp is null ? 0 : (int)csharp.LanguageVersion);
    }

    internal static GeneratedModel Generate(
        ParsedModel parsed, EquatableArray<ModelIdentity> identities, TargetFacts facts, GeneratorOptions options, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>(parsed.Diagnostics);
        if (parsed.Model is not { } model)
        {
            return new GeneratedModel(null, null, new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()));
        }

        var location = LocationInfo.File(model.FilePath);
        foreach (var other in identities)
        {
            if (other.FullName == model.FullName && string.CompareOrdinal(other.FilePath, model.FilePath) < 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.DuplicateClassName, location, model.FileName, model.FullName, Path.GetFileName(other.FilePath)));
                return new GeneratedModel(null, null, new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()));
            }
        }

        if (!facts.HasSpan || facts.LanguageVersion < 703)
        {
            string reason = !facts.HasSpan
                ? "the target has no System.Span<T>; target netstandard2.1 or net5+, or reference the System.Memory package"
                : "the generated code needs C# 7.3 or later (LangVersion)";
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedTarget, location, model.FileName, reason));
            return new GeneratedModel(null, null, new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()));
        }

        string source;
        try
        {
            source = ModelEmitter.Emit(model, facts, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.GeneratorFailure, location, model.FileName, e.GetType().Name + ": " + e.Message));
            return new GeneratedModel(null, null, new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()));
        }

        long parameters = model.ParameterCount;
        if (parameters > options.LargeModelParameters)
        {
            double megabytes = source.Length / (1024.0 * 1024.0);
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.LargeModel,
                location,
                model.FileName,
                Literals.Grouped(parameters),
                megabytes.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture),
                Literals.Grouped(options.LargeModelParameters)));
        }

        string hint = (model.Namespace.Length == 0 ? "" : model.Namespace + ".") + model.ClassName + ".g.cs";
        return new GeneratedModel(hint, source, new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()));
    }
}
