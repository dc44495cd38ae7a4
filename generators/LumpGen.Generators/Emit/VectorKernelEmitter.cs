using System;
using System.Text;
using static LumpGen.Generators.Emit.Expr;

namespace LumpGen.Generators.Emit;

/// <summary>
/// Per-layer kernels of the System.Runtime.Intrinsics variant, specialised to the layer's widths for one
/// tier (Vector512, Vector256 or Vector128). Indices are <c>nuint</c> and memory is reached through
/// <c>ref float</c> + <c>LoadUnsafe</c>: the argument checks in Predict/PredictBatch and the fixed
/// layouts make every access in range, so no bounds checks are paid in the inner loops.
/// </summary>
internal sealed class VectorKernelEmitter
{
    /// <summary>Inputs up to this many are fully unrolled (no loop) in the Columns kernels.</summary>
    private const int UnrollInputs = 16;

    /// <summary>Chunks up to this many are fully unrolled in the Rows kernels.</summary>
    private const int UnrollChunks = 8;

    /// <summary>Independent accumulator chains we aim for: FMA latency (4 cycles) × 2 ports.</summary>
    private const int TargetChains = 8;

    private readonly SourceWriter _w;
    private readonly Tier _tier;
    private readonly bool _fma;
    private readonly bool _aligned;

    /// <param name="writer">Where the code goes.</param>
    /// <param name="tier">The vector width.</param>
    /// <param name="fma">Whether MultiplyAddEstimate exists.</param>
    /// <param name="aligned">Read the weights from the 64-byte-aligned native copies (<c>AlignedWeights.W…</c>, needs unsafe code) instead of the RVA data.</param>
    public VectorKernelEmitter(SourceWriter writer, Tier tier, bool fma, bool aligned)
    {
        _w = writer;
        _tier = tier;
        _fma = fma;
        _aligned = aligned;
    }

    private string Static => _aligned ? "static unsafe" : "static";

    private void WeightRef(LayerPlan layer)
    {
        _w.Line(_aligned
            ? $"ref float w = ref *AlignedWeights.W{layer.Index};"
            : $"ref float w = ref {Names.MemoryMarshal}.GetReference(W{layer.Index});");
    }

    private string V => _tier.Type;

    private string F => _tier.VectorOfFloat;

    private int Width => _tier.Width;

    /// <summary>Vectors one pass of a single-sample Columns block keeps in registers.</summary>
    private int SinglePass => _tier.Width == 16 ? 4 : 8;

    /// <summary>Vectors per pass in the 4-sample kernel: 4·P accumulators + P weights + 1 broadcast must fit.</summary>
    private int BatchPass => _tier.Width == 16 ? 4 : 2;

    public void Columns(LayerPlan layer)
    {
        _w.Line(Attribute(layer));
        _w.Line($"private {Static} void Dense{layer.Index}_{_tier.Suffix}(ref float x, ref float y)");
        using (_w.Block())
        {
            WeightRef(layer);
            _w.Line($"ref float b = ref {Names.MemoryMarshal}.GetReference(B{layer.Index});");
            ForEachBlock(layer, (bw, wo, o) => ColumnsBlock(layer, bw, wo, o));
        }

        _w.Line();
    }

    public void ColumnsBatch4(LayerPlan layer)
    {
        _w.Line(Attribute(layer));
        _w.Line($"private {Static} void Dense{layer.Index}_{_tier.Suffix}x4(ref float x, nint xStride, ref float y, nint yStride)");
        using (_w.Block())
        {
            WeightRef(layer);
            _w.Line($"ref float b = ref {Names.MemoryMarshal}.GetReference(B{layer.Index});");
            _w.Line($"ref float x1 = ref {Names.Unsafe}.Add(ref x, xStride);");
            _w.Line($"ref float x2 = ref {Names.Unsafe}.Add(ref x, 2 * xStride);");
            _w.Line($"ref float x3 = ref {Names.Unsafe}.Add(ref x, 3 * xStride);");
            _w.Line($"ref float y1 = ref {Names.Unsafe}.Add(ref y, yStride);");
            _w.Line($"ref float y2 = ref {Names.Unsafe}.Add(ref y, 2 * yStride);");
            _w.Line($"ref float y3 = ref {Names.Unsafe}.Add(ref y, 3 * yStride);");
            ForEachBlock(layer, (bw, wo, o) => ColumnsBlockBatch4(layer, bw, wo, o));
        }

        _w.Line();
    }

    public void Rows(LayerPlan layer)
    {
        int m = layer.Out;
        int np = layer.InPadded;
        int chunks = np / Width;
        int chains = Math.Max(1, Math.Min(chunks, 4 / m));
        _w.Line(Attribute(layer));
        _w.Line($"private {Static} void Dense{layer.Index}_{_tier.Suffix}(ref float x, ref float y)");
        using (_w.Block())
        {
            WeightRef(layer);
            _w.Line($"ref float b = ref {Names.MemoryMarshal}.GetReference(B{layer.Index});");
            for (int i = 0; i < m; i++)
            {
                for (int u = 0; u < chains; u++)
                {
                    _w.Line($"{F} a{i}_{u} = {F}.Zero;");
                }
            }

            if (chunks <= UnrollChunks)
            {
                for (int c = 0; c < chunks; c++)
                {
                    RowsChunk(m, np, chains, c % chains, "", c * Width, "x" + c);
                }
            }
            else
            {
                int main = chunks - (chunks % chains);
                _w.Line($"for (nuint c = 0; c < {main * Width}; c += {chains * Width})");
                using (_w.Block())
                {
                    for (int u = 0; u < chains; u++)
                    {
                        RowsChunk(m, np, chains, u, "c", u * Width, "x" + u);
                    }
                }

                for (int c = main; c < chunks; c++)
                {
                    RowsChunk(m, np, chains, c % chains, "", c * Width, "xt" + c);
                }
            }

            for (int i = 0; i < m; i++)
            {
                var sum = new StringBuilder($"a{i}_0");
                for (int u = 1; u < chains; u++)
                {
                    sum.Append($" + a{i}_{u}");
                }

                string value = $"{V}.Sum({sum}) + {Names.Unsafe}.Add(ref b, {i})";
                _w.Line($"{Names.Unsafe}.Add(ref y, {i}) = {ActivationEmitter.Apply(layer.Activation, layer.Alpha, value)};");
            }

            // Zero the padding so a following Rows layer reads finite zeros past the last neuron.
            if (layer.OutPadded > m)
            {
                _w.Line($"{Names.MemoryMarshal}.CreateSpan(ref {Names.Unsafe}.Add(ref y, {m}), {layer.OutPadded - m}).Clear();");
            }
        }

        _w.Line();
    }

    /// <summary>Small kernels are also inlined into the forward pass: for tiny networks the calls would cost more than the math.</summary>
    private static string Attribute(LayerPlan layer) => (long)layer.In * layer.OutPadded <= 1024 ? Names.HotInline : Names.Hot;

    private void RowsChunk(int m, int np, int chains, int chain, string c, int offset, string xName)
    {
        _w.Line($"{F} {xName} = {V}.LoadUnsafe(ref x, {Sum(c, Int(offset))});");
        for (int i = 0; i < m; i++)
        {
            string wv = $"{V}.LoadUnsafe(ref w, {Sum(c, Int((i * np) + offset))})";
            _w.Line($"a{i}_{chain} = {ActivationEmitter.Fma(_tier, _fma, wv, xName, $"a{i}_{chain}")};");
        }
    }

    /// <summary>
    /// Calls <paramref name="body"/> for each column block: full 64-wide blocks in a runtime loop when
    /// there are several (one copy of the code), the narrower last block with constant offsets.
    /// </summary>
    private void ForEachBlock(LayerPlan layer, Action<int, string, string> body)
    {
        int full = layer.FullBlocks;
        if (full >= 2)
        {
            int bw = KernelPlan.BlockWidth;
            _w.Line($"// {full} blocks of {bw} neurons; block k reads its weights at k·{bw}·{layer.In}, one contiguous run of {bw} per input.");
            _w.Line($"for (nuint k = 0; k < {full}; k++)");
            using (_w.Block())
            {
                _w.Line($"nuint wo = k * {bw * layer.In};");
                _w.Line($"nuint o = k * {bw};");
                body(bw, "wo", "o");
            }
        }

        foreach (var block in layer.Blocks)
        {
            if (full >= 2 && block.Width == KernelPlan.BlockWidth)
            {
                continue;
            }

            _w.Line($"// Neurons {block.Start}..{block.Start + block.Width - 1}{(block.Start + block.Width > layer.Out ? $" ({block.Start + block.Width - layer.Out} of them padding)" : "")}.");
            using (_w.Block())
            {
                body(block.Width, Int(block.Offset), Int(block.Start));
            }
        }
    }

    private void ColumnsBlock(LayerPlan layer, int bw, string wo, string o)
    {
        int n = layer.In;
        int vectors = bw / Width;
        for (int p0 = 0; p0 < vectors; p0 += SinglePass)
        {
            int p = Math.Min(SinglePass, vectors - p0);
            int chains = Math.Max(1, Math.Min(n, TargetChains / p));
            if (vectors > SinglePass)
            {
                // More vectors than registers: the block runs in passes, each with its own accumulators.
                _w.Line($"// Pass over neurons +{p0 * Width}..+{((p0 + p) * Width) - 1} of the block.");
                using (_w.Block())
                {
                    ColumnsPass(layer, bw, wo, o, p0, p, chains);
                }
            }
            else
            {
                ColumnsPass(layer, bw, wo, o, p0, p, chains);
            }
        }
    }

    private void ColumnsPass(LayerPlan layer, int bw, string wo, string o, int p0, int p, int chains)
    {
        int n = layer.In;
        for (int t = 0; t < p; t++)
        {
            _w.Line($"{F} a0_{t} = {V}.LoadUnsafe(ref b, {Sum(o, Int((p0 + t) * Width))});");
        }

        for (int u = 1; u < chains; u++)
        {
            for (int t = 0; t < p; t++)
            {
                _w.Line($"{F} a{u}_{t} = {F}.Zero;");
            }
        }

        if (n <= UnrollInputs)
        {
            for (int j = 0; j < n; j++)
            {
                ColumnsStep(bw, wo, p0, p, "", j, j % chains, "x" + j);
            }
        }
        else
        {
            int main = n - (n % chains);
            _w.Line($"for (nuint j = 0; j < {main}; j += {chains})");
            using (_w.Block())
            {
                for (int u = 0; u < chains; u++)
                {
                    ColumnsStep(bw, wo, p0, p, "j", u, u, "x" + u);
                }
            }

            for (int j = main; j < n; j++)
            {
                ColumnsStep(bw, wo, p0, p, "", j, j % chains, "xt" + j);
            }
        }

        // Pairwise sum of the chains, then activation and store.
        for (int step = 1; step < chains; step *= 2)
        {
            for (int u = 0; u + step < chains; u += 2 * step)
            {
                for (int t = 0; t < p; t++)
                {
                    _w.Line($"a{u}_{t} += a{u + step}_{t};");
                }
            }
        }

        for (int t = 0; t < p; t++)
        {
            string value = ActivationEmitter.Apply(layer.Activation, layer.Alpha, $"a0_{t}");
            _w.Line($"{V}.StoreUnsafe({value}, ref y, {Sum(o, Int((p0 + t) * Width))});");
        }
    }

    private void ColumnsStep(int bw, string wo, int p0, int p, string j, int jOffset, int chain, string xName)
    {
        _w.Line($"{F} {xName} = {V}.Create({Names.Unsafe}.Add(ref x, {Sum(j, Int(jOffset))}));");
        for (int t = 0; t < p; t++)
        {
            string wv = $"{V}.LoadUnsafe(ref w, {Sum(wo, j.Length > 0 ? Times(j, bw) : "", Int((jOffset * bw) + ((p0 + t) * Width)))})";
            _w.Line($"a{chain}_{t} = {ActivationEmitter.Fma(_tier, _fma, wv, xName, $"a{chain}_{t}")};");
        }
    }

    private void ColumnsBlockBatch4(LayerPlan layer, int bw, string wo, string o)
    {
        int vectors = bw / Width;
        for (int p0 = 0; p0 < vectors; p0 += BatchPass)
        {
            int p = Math.Min(BatchPass, vectors - p0);
            if (vectors > BatchPass)
            {
                _w.Line($"// Pass over neurons +{p0 * Width}..+{((p0 + p) * Width) - 1} of the block.");
                using (_w.Block())
                {
                    Batch4Pass(layer, bw, wo, o, p0, p);
                }
            }
            else
            {
                Batch4Pass(layer, bw, wo, o, p0, p);
            }
        }
    }

    private void Batch4Pass(LayerPlan layer, int bw, string wo, string o, int p0, int p)
    {
        int n = layer.In;
        string[] xs = { "x", "x1", "x2", "x3" };
        string[] ys = { "y", "y1", "y2", "y3" };
        for (int t = 0; t < p; t++)
        {
            _w.Line($"{F} bias{t} = {V}.LoadUnsafe(ref b, {Sum(o, Int((p0 + t) * Width))});");
        }

        for (int r = 0; r < 4; r++)
        {
            for (int t = 0; t < p; t++)
            {
                _w.Line($"{F} r{r}_{t} = bias{t};");
            }
        }

        if (n <= UnrollInputs / 2)
        {
            for (int j = 0; j < n; j++)
            {
                using (_w.Block())
                {
                    Batch4Step(bw, wo, p0, p, "", j, xs);
                }
            }
        }
        else
        {
            _w.Line($"for (nuint j = 0; j < {n}; j++)");
            using (_w.Block())
            {
                Batch4Step(bw, wo, p0, p, "j", 0, xs);
            }
        }

        for (int r = 0; r < 4; r++)
        {
            for (int t = 0; t < p; t++)
            {
                string value = ActivationEmitter.Apply(layer.Activation, layer.Alpha, $"r{r}_{t}");
                _w.Line($"{V}.StoreUnsafe({value}, ref {ys[r]}, {Sum(o, Int((p0 + t) * Width))});");
            }
        }
    }

    private void Batch4Step(int bw, string wo, int p0, int p, string j, int jOffset, string[] xs)
    {
        for (int t = 0; t < p; t++)
        {
            _w.Line($"{F} w{t} = {V}.LoadUnsafe(ref w, {Sum(wo, j.Length > 0 ? Times(j, bw) : "", Int((jOffset * bw) + ((p0 + t) * Width)))});");
        }

        string index = Sum(j, Int(jOffset));
        for (int r = 0; r < 4; r++)
        {
            _w.Line($"{F} s{r} = {V}.Create({Names.Unsafe}.Add(ref {xs[r]}, {index}));");
            for (int t = 0; t < p; t++)
            {
                _w.Line($"r{r}_{t} = {ActivationEmitter.Fma(_tier, _fma, "w" + t, "s" + r, $"r{r}_{t}")};");
            }
        }
    }
}
