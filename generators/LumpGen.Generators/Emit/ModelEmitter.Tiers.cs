using System.Collections.Generic;
using LumpGen.Format;

namespace LumpGen.Generators.Emit;

/// <content>The per-tier forward passes: which kernel runs each layer, and the buffers between them.</content>
internal sealed partial class ModelEmitter
{
    private int LastLayer => _plan.Layers.Count - 1;

    /// <summary>Offset of the scratch buffer layer <paramref name="l"/> writes (buffers alternate).</summary>
    private static string OutOffset(int l) => (l % 2) == 0 ? "BufferStride" : "0";

    /// <summary>Offset of the buffer layer <paramref name="l"/> reads, or null when it reads the caller's input directly.</summary>
    private string? InOffset(int l) => l == 0 ? (_plan.StagesInput ? "0" : null) : OutOffset(l - 1);

    /// <summary>Offset of sample r's buffer at <paramref name="offset"/> in the four-sample scratch.</summary>
    private static string SampleOffset(string offset) => offset == "0" ? "r * 2 * BufferStride" : $"(r * 2 * BufferStride) + {offset}";

    private static string RefAt(string offset) => offset == "0" ? "s" : $"{Names.Unsafe}.Add(ref s, {offset})";

    private static string SliceAt(string span, string offset) => offset == "0" ? span : $"{span}.Slice({offset})";

    /// <summary>Whether any layer runs a ref-based SIMD kernel (else the tiers only call the span-based unrolled kernels).</summary>
    private bool UsesVectorKernels
    {
        get
        {
            foreach (var layer in _plan.Layers)
            {
                if (layer.Kernel != LayerKernel.Unrolled)
                {
                    return true;
                }
            }

            return false;
        }
    }

    private bool ReadsInputByRef => !_plan.StagesInput && _plan.Layers[0].Kernel != LayerKernel.Unrolled;

    private void EmitVectorTier(Tier tier)
    {
        string t = tier.Suffix;

        // Single sample.
        _w.Line(Names.Hot);
        _w.Line($"private static void Run_{t}({Names.ReadOnlySpan} input, {Names.Span} output, {Names.Span} scratch)");
        using (_w.Block())
        {
            if (UsesVectorKernels)
            {
                _w.Line($"ref float s = ref {Names.MemoryMarshal}.GetReference(scratch);");
            }

            if (ReadsInputByRef)
            {
                _w.Line($"ref float x = ref {Names.MemoryMarshal}.GetReference(input);");
            }

            if (_plan.StagesInput)
            {
                _w.Line("Stage(input, scratch);");
            }

            foreach (var layer in _plan.Layers)
            {
                int l = layer.Index;
                _w.Line("// " + LayerComment(layer));
                string? inOffset = InOffset(l);
                if (layer.Kernel == LayerKernel.Unrolled)
                {
                    _w.Line($"Dense{l}_Unrolled({(inOffset is null ? "input" : SliceAt("scratch", inOffset))}, {SliceAt("scratch", OutOffset(l))});");
                }
                else
                {
                    _w.Line($"Dense{l}_{t}(ref {(inOffset is null ? "x" : RefAt(inOffset))}, ref {RefAt(OutOffset(l))});");
                }
            }

            _w.Line($"Finish({SliceAt("scratch", OutOffset(LastLayer))}, output);");
        }

        _w.Line();

        bool batch4 = Batch4 && tier.HasBatch4;
        if (batch4)
        {
            EmitRun4(tier);
        }

        _w.Line(Names.Hot);
        _w.Line($"private static void RunBatch_{t}({Names.ReadOnlySpan} inputs, {Names.Span} outputs, int count, {Names.Span} scratch)");
        using (_w.Block())
        {
            _w.Line("int i = 0;");
            if (batch4)
            {
                _w.Line("for (; i + 4 <= count; i += 4)");
                using (_w.Block())
                {
                    _w.Line($"Run4_{t}(inputs.Slice(i * InputLength, 4 * InputLength), outputs.Slice(i * OutputLength, 4 * OutputLength), scratch);");
                }

                _w.Line();
            }

            _w.Line("for (; i < count; i++)");
            using (_w.Block())
            {
                _w.Line($"Run_{t}(inputs.Slice(i * InputLength, InputLength), outputs.Slice(i * OutputLength, OutputLength), scratch);");
            }
        }

        _w.Line();

        var kernels = new VectorKernelEmitter(_w, tier, _facts.HasMultiplyAddEstimate, AlignsWeights);
        foreach (var layer in _plan.Layers)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (layer.Kernel == LayerKernel.Unrolled)
            {
                continue;
            }

            _w.Line("// " + LayerComment(layer));
            if (layer.Kernel == LayerKernel.Columns)
            {
                kernels.Columns(layer);
                if (batch4)
                {
                    _w.Line($"// Layer {layer.Index}, four samples at once: each weight vector is loaded once and used for all four.");
                    kernels.ColumnsBatch4(layer);
                }
            }
            else
            {
                kernels.Rows(layer);
            }
        }
    }

    private void EmitRun4(Tier tier)
    {
        string t = tier.Suffix;
        _w.Line($"// Four samples; sample r uses scratch[r·2·BufferStride ..]. Column-block layers run register-blocked over all four.");
        _w.Line(Names.Hot);
        _w.Line($"private static void Run4_{t}({Names.ReadOnlySpan} inputs, {Names.Span} outputs, {Names.Span} scratch)");
        using (_w.Block())
        {
            _w.Line($"ref float s = ref {Names.MemoryMarshal}.GetReference(scratch);");
            if (ReadsInputByRef)
            {
                _w.Line($"ref float x = ref {Names.MemoryMarshal}.GetReference(inputs);");
            }

            if (_plan.StagesInput)
            {
                _w.Line("for (int r = 0; r < 4; r++)");
                using (_w.Block())
                {
                    _w.Line("Stage(inputs.Slice(r * InputLength, InputLength), scratch.Slice(r * 2 * BufferStride));");
                }
            }

            foreach (var layer in _plan.Layers)
            {
                int l = layer.Index;
                string? inOffset = InOffset(l);
                string outOffset = OutOffset(l);
                _w.Line($"// Layer {l}");
                switch (layer.Kernel)
                {
                    case LayerKernel.Columns:
                        _w.Line(inOffset is null
                            ? $"Dense{l}_{t}x4(ref x, InputLength, ref {RefAt(outOffset)}, 2 * BufferStride);"
                            : $"Dense{l}_{t}x4(ref {RefAt(inOffset)}, 2 * BufferStride, ref {RefAt(outOffset)}, 2 * BufferStride);");
                        break;

                    case LayerKernel.Rows:
                        _w.Line("for (int r = 0; r < 4; r++)");
                        using (_w.Block())
                        {
                            string source = inOffset is null
                                ? $"{Names.Unsafe}.Add(ref x, r * InputLength)"
                                : $"{Names.Unsafe}.Add(ref s, {SampleOffset(inOffset)})";
                            _w.Line($"Dense{l}_{t}(ref {source}, ref {Names.Unsafe}.Add(ref s, {SampleOffset(outOffset)}));");
                        }

                        break;

                    default:
                        _w.Line("for (int r = 0; r < 4; r++)");
                        using (_w.Block())
                        {
                            string source = inOffset is null
                                ? "inputs.Slice(r * InputLength, InputLength)"
                                : $"scratch.Slice({SampleOffset(inOffset)})";
                            _w.Line($"Dense{l}_Unrolled({source}, scratch.Slice({SampleOffset(outOffset)}));");
                        }

                        break;
                }
            }

            _w.Line("for (int r = 0; r < 4; r++)");
            using (_w.Block())
            {
                _w.Line($"Finish(scratch.Slice({SampleOffset(OutOffset(LastLayer))}), outputs.Slice(r * OutputLength, OutputLength));");
            }
        }

        _w.Line();
    }

    /// <summary>The scalar tier (both variants) or the portable Vector&lt;float&gt; tier: span-based loops over runtime sizes.</summary>
    private void EmitSpanTier(string suffix, bool vector)
    {
        _w.Line($"private static void Run_{suffix}({Names.ReadOnlySpan} input, {Names.Span} output, {Names.Span} scratch)");
        using (_w.Block())
        {
            _w.Line($"{Names.Span} buf0 = scratch.Slice(0, BufferStride);");
            _w.Line($"{Names.Span} buf1 = scratch.Slice(BufferStride, BufferStride);");
            if (_plan.StagesInput)
            {
                _w.Line("Stage(input, buf0);");
            }

            foreach (var layer in _plan.Layers)
            {
                int l = layer.Index;
                string? inOffset = InOffset(l);
                string source = inOffset is null ? "input" : (inOffset == "0" ? "buf0" : "buf1");
                string target = OutOffset(l) == "0" ? "buf0" : "buf1";
                _w.Line("// " + LayerComment(layer));
                switch (layer.Kernel)
                {
                    case LayerKernel.Columns:
                        _w.Line($"Columns{(vector ? "Vector" : "Scalar")}({source}, {target}, W{l}, B{l}, {layer.In}, {layer.OutPadded});");
                        ActivationLoop(layer, target);
                        break;

                    case LayerKernel.Rows:
                        _w.Line($"Rows{(vector ? "Vector" : "Scalar")}({source}, {target}, W{l}, B{l}, {layer.In}, {layer.InPadded}, {layer.Out}, {layer.OutPadded});");
                        ActivationLoop(layer, target);
                        break;

                    default:
                        _w.Line($"Dense{l}_Unrolled({source}, {target});");
                        break;
                }
            }

            _w.Line($"Finish({(OutOffset(LastLayer) == "0" ? "buf0" : "buf1")}, output);");
        }

        _w.Line();
        _w.Line($"private static void RunBatch_{suffix}({Names.ReadOnlySpan} inputs, {Names.Span} outputs, int count, {Names.Span} scratch)");
        using (_w.Block())
        {
            _w.Line("for (int i = 0; i < count; i++)");
            using (_w.Block())
            {
                _w.Line($"Run_{suffix}(inputs.Slice(i * InputLength, InputLength), outputs.Slice(i * OutputLength, OutputLength), scratch);");
            }
        }

        _w.Line();
    }

    private void ActivationLoop(LayerPlan layer, string buffer)
    {
        if (layer.Activation is ActivationKind.Identity or ActivationKind.Softmax)
        {
            return;
        }

        _w.Line($"for (int i = 0; i < {layer.Out}; i++)");
        using (_w.Block())
        {
            _w.Line($"{buffer}[i] = {ActivationEmitter.Apply(layer.Activation, layer.Alpha, buffer + "[i]")};");
        }
    }

    private void EmitPortableVectorTier() => EmitSpanTier("Vector", vector: true);

    private void EmitScalarTier() => EmitSpanTier("Scalar", vector: false);

    private void EmitActivations()
    {
        var scalar = new HashSet<ActivationKind>();
        var vector = new HashSet<ActivationKind>();
        foreach (var layer in _plan.Layers)
        {
            scalar.Add(layer.Activation);
            if (layer.Kernel == LayerKernel.Columns)
            {
                vector.Add(layer.Activation);
            }
        }

        ActivationEmitter.EmitScalar(_w, scalar);
        if (_intrinsics)
        {
            foreach (var tier in _tiers)
            {
                ActivationEmitter.EmitVector(_w, tier, vector, _facts.HasMultiplyAddEstimate);
            }
        }
    }
}
