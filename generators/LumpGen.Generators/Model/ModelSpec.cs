using LumpGen.Format;

namespace LumpGen.Generators.Model;

/// <summary>Which family of kernels to emit.</summary>
internal enum KernelFlavor
{
    /// <summary>System.Runtime.Intrinsics when the target has it (net7+), else <see cref="Portable"/>.</summary>
    Auto,

    /// <summary>System.Numerics.Vector&lt;T&gt; or scalar: netstandard2.x, Unity (C# 9), or on request.</summary>
    Portable,
}

/// <summary>One dense layer as the generator sees it: y[i] = act(Σ_j W[i,j]·x[j] + b[i]), W row-major.</summary>
/// <param name="InputLength">Columns of W.</param>
/// <param name="OutputLength">Rows of W (neurons).</param>
/// <param name="Activation">The activation.</param>
/// <param name="Alpha">The activation's parameter (leaky_relu, elu), else 0.</param>
/// <param name="Weights">W, row-major [OutputLength, InputLength].</param>
/// <param name="Bias">b.</param>
/// <param name="OriginalWidth">Neurons before lumping (the partition's length), 0 when the layer was not lumped.</param>
internal sealed record LayerSpec(
    int InputLength,
    int OutputLength,
    ActivationKind Activation,
    float Alpha,
    EquatableArray<float> Weights,
    EquatableArray<float> Bias,
    int OriginalWidth);

/// <summary>
/// Everything the emitter needs about one <c>.lump</c> item, as plain values: no symbols, no
/// compilation, no <c>AdditionalText</c>. Value equality makes the incremental pipeline skip work when
/// nothing changed.
/// </summary>
/// <param name="FilePath">The item's path, used only to place diagnostics (never emitted).</param>
/// <param name="FileName">The file name without folders, used in generated comments.</param>
/// <param name="ClassName">The generated class.</param>
/// <param name="Namespace">Its namespace; empty for the global namespace.</param>
/// <param name="Kernel">Requested kernel family.</param>
/// <param name="ModelName">The model's <c>name</c> line, if any.</param>
/// <param name="ContentSha256">SHA-256 of the .lump text (line ends normalised to '\n'), identifies the model in the generated code.</param>
/// <param name="SourceSha256">Provenance: hash of the file the network was converted from.</param>
/// <param name="Epsilon">Provenance: the lumping tolerance.</param>
/// <param name="OriginalParameterCount">Provenance: parameters before lumping.</param>
/// <param name="InputMean">Input transform means, empty when there is none.</param>
/// <param name="InputScale">Input transform scales, empty when there is none.</param>
/// <param name="OutputScale">Output transform scales, empty when there is none.</param>
/// <param name="OutputOffset">Output transform offsets, empty when there is none.</param>
/// <param name="Layers">The layers, first to last.</param>
internal sealed record ModelSpec(
    string FilePath,
    string FileName,
    string ClassName,
    string Namespace,
    KernelFlavor Kernel,
    string? ModelName,
    string ContentSha256,
    string? SourceSha256,
    double? Epsilon,
    long? OriginalParameterCount,
    EquatableArray<float> InputMean,
    EquatableArray<float> InputScale,
    EquatableArray<float> OutputScale,
    EquatableArray<float> OutputOffset,
    EquatableArray<LayerSpec> Layers)
{
    /// <summary>Namespace-qualified class name, the key for duplicate detection.</summary>
    public string FullName => Namespace.Length == 0 ? ClassName : Namespace + "." + ClassName;

    public int InputLength => Layers[0].InputLength;

    public int OutputLength => Layers[Layers.Count - 1].OutputLength;

    public long ParameterCount
    {
        get
        {
            long total = 0;
            foreach (var layer in Layers)
            {
                total += ((long)layer.InputLength * layer.OutputLength) + layer.OutputLength;
            }

            return total;
        }
    }
}

/// <summary>The outcome of reading one item: a model, or the diagnostics that explain why there is none (or both, for warnings).</summary>
internal sealed record ParsedModel(ModelSpec? Model, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>A model's identity, collected over all items to detect two models that would generate the same class.</summary>
internal sealed record ModelIdentity(string FullName, string FilePath) : System.IComparable<ModelIdentity>
{
    public int CompareTo(ModelIdentity? other) => other is null ? 1 : string.CompareOrdinal(FilePath, other.FilePath);
}

/// <summary>The emitter's result for one item: the source (null when it could not be generated) and diagnostics.</summary>
internal sealed record GeneratedModel(string? HintName, string? Source, EquatableArray<DiagnosticInfo> Diagnostics);
