using CsCheck;

namespace LumpGen.Format.Tests;

/// <summary>CsCheck generators of valid <see cref="LumpModel"/>s, including awkward but finite float values.</summary>
internal static class LumpGenerators
{
    private static readonly float[] s_extremes =
    [
        0f, -0f, float.Epsilon, -float.Epsilon, 1.17549421E-38f /* largest subnormal */, float.MaxValue, float.MinValue,
        1f, -1f, 0.1f, 1e-30f, -3.4e38f,
    ];

    /// <summary>Finite floats: extremes, ordinary values and arbitrary bit patterns (NaN/∞ patterns excluded).</summary>
    public static Gen<float> FiniteFloat => Gen.Frequency(
        (2, Gen.OneOfConst(s_extremes)),
        (3, Gen.Float[-4f, 4f]),
        (3, Gen.Int.Select(BitConverter.Int32BitsToSingle).Where(f => float.IsFinite(f))));

    public static Gen<Activation> Activation => Gen.Frequency(
        (6, Gen.Enum<ActivationKind>().Where(k => k != ActivationKind.Softmax).Select(k => new Activation(k, 0f))),
        (2, Gen.Select(Gen.OneOfConst(ActivationKind.LeakyRelu, ActivationKind.Elu), FiniteFloat, (k, a) => new Activation(k, a))));

    private static Gen<string> Text => Gen.Frequency(
        (3, Gen.String[Gen.Char.AlphaNumeric, 0, 12]),
        (1, Gen.String[Gen.Char[(char)0, (char)0x2FF], 0, 12]),
        (1, Gen.OneOfConst(" leading", "tab\there", "back\\slash", "new\nline", "ε = 0.1 ✓", "\\u0041", "trailing ")));

    private static Gen<string> Key => Gen.String[Gen.Char["abcxyzABC019_-."], 1, 10];

    private static Gen<float[]> NonZero(int length) => FiniteFloat.Where(f => f != 0f).Array[length];

    /// <summary>A network of 1–4 layers, widths 1–9, optional transforms, partitions and metadata.</summary>
    public static Gen<LumpModel> Model =>
        from widths in Gen.Int[1, 9].Array[2, 5]
        from activations in Activation.Array[widths.Length - 1]
        from softmaxLast in Gen.Bool
        from layers in Sequence(Enumerable.Range(0, widths.Length - 1).Select(i => Layer(widths[i], widths[i + 1], activations[i])))
        from input in Gen.Bool.SelectMany(b => b
            ? Gen.Select(FiniteFloat.Array[widths[0]], NonZero(widths[0]), (m, s) => (LumpInputTransform?)new LumpInputTransform(m, s))
            : Gen.Const((LumpInputTransform?)null))
        from output in Gen.Bool.SelectMany(b => b
            ? Gen.Select(NonZero(widths[^1]), FiniteFloat.Array[widths[^1]], (s, o) => (LumpOutputTransform?)new LumpOutputTransform(s, o))
            : Gen.Const((LumpOutputTransform?)null))
        from name in Gen.Bool.SelectMany(b => b ? Gen.String[Gen.Char.AlphaNumeric, 1, 20].Select(s => (string?)s) : Gen.Const((string?)null))
        from metadata in Gen.Select(Key, Text, (k, v) => new KeyValuePair<string, string>(k, v)).Array[0, 4]
        from provenance in Provenance
        select new LumpModel(
            softmaxLast ? [.. layers[..^1], WithActivation(layers[^1], Format.Activation.Softmax)] : layers,
            input, output, name, provenance, metadata);

    private static Gen<LumpProvenance?> Provenance =>
        from present in Gen.Bool
        from sha in Gen.String[Gen.Char["0123456789abcdef"], 64, 64]
        from eps in Gen.Double[0, 10]
        from count in Gen.Long[0, long.MaxValue]
        from quotient in Gen.OneOfConst("mean", "rep")
        select present ? (LumpProvenance?)new LumpProvenance { SourceSha256 = sha, Epsilon = eps, OriginalParameterCount = count, Quotient = quotient } : null;

    private static Gen<LumpLayer> Layer(int inputs, int outputs, Activation activation) =>
        from weights in FiniteFloat.Array[inputs * outputs]
        from bias in FiniteFloat.Array[outputs]
        from lumped in Gen.Bool
        from extra in Gen.Int[0, 4].SelectMany(n => Gen.Int[0, outputs - 1].Array[n])
        select new LumpLayer(inputs, outputs, activation, weights, bias,
            lumped ? [.. Enumerable.Range(0, outputs), .. extra] : null);

    private static Gen<T[]> Sequence<T>(IEnumerable<Gen<T>> gens) =>
        gens.Aggregate(Gen.Const(Array.Empty<T>()), (acc, g) => acc.SelectMany(list => g.Select(x => (T[])[.. list, x])));

    private static LumpLayer WithActivation(LumpLayer l, Activation a) =>
        new(l.InputLength, l.OutputLength, a, [.. l.Weights], [.. l.Bias], l.Partition is null ? null : [.. l.Partition]);
}
