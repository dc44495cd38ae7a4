using System;
using System.Collections.Generic;
using System.Threading;
using LumpGen.Format;
using LumpGen.Generators.Model;

namespace LumpGen.Generators.Emit;

/// <summary>How one layer's matrix-vector product is computed.</summary>
internal enum LayerKernel
{
    /// <summary>Tiny layer (≤ 7 neurons, ≤ 8 inputs): straight-line scalar code with the weights as literals.</summary>
    Unrolled,

    /// <summary>Few neurons (≤ 7), many inputs: one SIMD dot product per neuron over a zero-padded input.</summary>
    Rows,

    /// <summary>
    /// Many neurons: W is stored transposed in column blocks of up to 64 neurons, so for each input j the
    /// block's weights are contiguous; each x[j] is broadcast once per block and multiplied into
    /// accumulators that stay in registers. No horizontal sums.
    /// </summary>
    Columns,
}

/// <summary>A run of output neurons [Start, Start + Width) of a Columns layer, stored at Offset in the weight array.</summary>
internal readonly struct ColumnBlock
{
    public ColumnBlock(int start, int width, int offset)
    {
        Start = start;
        Width = width;
        Offset = offset;
    }

    public int Start { get; }

    public int Width { get; }

    public int Offset { get; }
}

/// <summary>A layer's kernel choice and its weights laid out for that kernel.</summary>
internal sealed class LayerPlan
{
    public LayerPlan(int index, LayerSpec spec, LayerKernel kernel, ActivationKind activation, float alpha, float[] rowMajorWeights, float[] bias)
    {
        Index = index;
        Spec = spec;
        Kernel = kernel;
        Activation = activation;
        Alpha = alpha;
        In = spec.InputLength;
        Out = spec.OutputLength;
        OutPadded = KernelPlan.RoundUp(Out);
        InPadded = KernelPlan.RoundUp(In);
        RowMajorWeights = rowMajorWeights;
        Bias = bias;

        var blocks = new List<ColumnBlock>();
        switch (kernel)
        {
            case LayerKernel.Columns:
                // Transposed blocks: for block [s, s+bw) and input j the bw weights W[s..s+bw, j] are contiguous.
                LaidOutWeights = new float[(long)OutPadded * In];
                LaidOutBias = new float[OutPadded];
                Array.Copy(bias, LaidOutBias, Out);
                for (int s = 0; s < OutPadded; s += KernelPlan.BlockWidth)
                {
                    int bw = Math.Min(KernelPlan.BlockWidth, OutPadded - s);
                    int offset = s * In;
                    blocks.Add(new ColumnBlock(s, bw, offset));
                    for (int t = 0; t < bw && s + t < Out; t++)
                    {
                        for (int j = 0; j < In; j++)
                        {
                            LaidOutWeights[offset + (j * bw) + t] = rowMajorWeights[((s + t) * In) + j];
                        }
                    }
                }

                break;

            case LayerKernel.Rows:
                // Row-major with each row zero-padded to a multiple of 16, so every SIMD width reads whole vectors.
                LaidOutWeights = new float[(long)Out * InPadded];
                for (int i = 0; i < Out; i++)
                {
                    Array.Copy(rowMajorWeights, i * In, LaidOutWeights, i * InPadded, In);
                }

                LaidOutBias = bias;
                break;

            default:
                LaidOutWeights = rowMajorWeights;
                LaidOutBias = bias;
                break;
        }

        Blocks = blocks;
    }

    public int Index { get; }

    public LayerSpec Spec { get; }

    public LayerKernel Kernel { get; }

    /// <summary>The activation applied inside the layer (softmax is applied by the finishing step, so it shows up here as identity).</summary>
    public ActivationKind Activation { get; }

    public float Alpha { get; }

    public int In { get; }

    public int Out { get; }

    /// <summary>Out rounded up to a multiple of 16: the stride of the scratch buffer the layer writes.</summary>
    public int OutPadded { get; }

    /// <summary>In rounded up to a multiple of 16: the row stride of a Rows layer.</summary>
    public int InPadded { get; }

    /// <summary>W after folding (row-major), for the Unrolled kernel and comments.</summary>
    public float[] RowMajorWeights { get; }

    public float[] Bias { get; }

    /// <summary>The weight array as emitted (layout depends on <see cref="Kernel"/>).</summary>
    public float[] LaidOutWeights { get; }

    /// <summary>The bias array as emitted (padded with zeros for Columns).</summary>
    public float[] LaidOutBias { get; }

    public IReadOnlyList<ColumnBlock> Blocks { get; }

    /// <summary>Column blocks of the full width (64 neurons).</summary>
    public int FullBlocks
    {
        get
        {
            int full = 0;
            foreach (var block in Blocks)
            {
                if (block.Width == KernelPlan.BlockWidth)
                {
                    full++;
                }
            }

            return full;
        }
    }

    /// <summary>Whether the weights are emitted as an array (the Unrolled kernel inlines them as literals).</summary>
    public bool HasWeightArray => Kernel != LayerKernel.Unrolled;
}

/// <summary>
/// The generator's decisions for one model: a kernel per layer, weight layouts, folded transforms and
/// scratch sizes. Shared by every emitted variant so all tiers compute the same function.
/// </summary>
internal sealed class KernelPlan
{
    /// <summary>Padding granule: the widest vector (Vector512 = 16 floats); 8 and 4 divide it, so one layout serves every tier.</summary>
    public const int Granule = 16;

    /// <summary>Neurons per column block: 4 Vector512 / 8 Vector256 accumulators, within the register file.</summary>
    public const int BlockWidth = 64;

    private KernelPlan(ModelSpec model, IReadOnlyList<LayerPlan> layers, bool outputTransformFolded)
    {
        Model = model;
        Layers = layers;
        OutputTransformFolded = outputTransformFolded;
        var last = layers[layers.Count - 1];
        SoftmaxLast = last.Spec.Activation == ActivationKind.Softmax;
        HasInputTransform = !model.InputMean.IsEmpty;
        StagesInput = HasInputTransform || layers[0].Kernel == LayerKernel.Rows;

        int width = StagesInput ? RoundUp(model.InputLength) : Granule;
        foreach (var layer in layers)
        {
            width = Math.Max(width, layer.OutPadded);
        }

        BufferStride = width;
    }

    public ModelSpec Model { get; }

    public IReadOnlyList<LayerPlan> Layers { get; }

    public bool HasInputTransform { get; }

    /// <summary>True when the input is copied (and normalised) into a zero-padded scratch buffer before layer 0.</summary>
    public bool StagesInput { get; }

    /// <summary>True when the output transform was folded into the last layer's weights (identity activation).</summary>
    public bool OutputTransformFolded { get; }

    /// <summary>The output transform still has to be applied by the finishing step.</summary>
    public bool AppliesOutputTransform => !Model.OutputScale.IsEmpty && !OutputTransformFolded;

    public bool SoftmaxLast { get; }

    /// <summary>Floats in one of the two ping-pong scratch buffers of one sample.</summary>
    public int BufferStride { get; }

    /// <summary>Floats of scratch one sample needs (two buffers).</summary>
    public int SampleScratch => 2 * BufferStride;

    /// <summary>True when any layer uses the Columns kernel (then PredictBatch gets register-blocked 4-sample kernels).</summary>
    public bool HasColumns
    {
        get
        {
            foreach (var layer in Layers)
            {
                if (layer.Kernel == LayerKernel.Columns)
                {
                    return true;
                }
            }

            return false;
        }
    }

    public static int RoundUp(int n) => (n + Granule - 1) / Granule * Granule;

    public static KernelPlan Create(ModelSpec model, CancellationToken cancellationToken)
    {
        var layers = new List<LayerPlan>(model.Layers.Count);
        bool folded = false;
        for (int l = 0; l < model.Layers.Count; l++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var spec = model.Layers[l];
            float[] weights = spec.Weights.AsSpan().ToArray();
            float[] bias = spec.Bias.AsSpan().ToArray();
            bool last = l == model.Layers.Count - 1;

            // y' = y·scale + offset folds exactly into an identity last layer: W' = diag(scale)·W,
            // b' = scale·b + offset (computed in double, rounded once).
            if (last && !model.OutputScale.IsEmpty && spec.Activation == ActivationKind.Identity)
            {
                for (int i = 0; i < spec.OutputLength; i++)
                {
                    double scale = model.OutputScale[i];
                    for (int j = 0; j < spec.InputLength; j++)
                    {
                        weights[(i * spec.InputLength) + j] = (float)(weights[(i * spec.InputLength) + j] * scale);
                    }

                    bias[i] = (float)((bias[i] * scale) + model.OutputOffset[i]);
                }

                folded = true;
            }

            var activation = spec.Activation == ActivationKind.Softmax ? ActivationKind.Identity : spec.Activation;
            layers.Add(new LayerPlan(l, spec, Choose(spec), activation, spec.Alpha, weights, bias));
        }

        return new KernelPlan(model, layers, folded);
    }

    private static LayerKernel Choose(LayerSpec layer)
    {
        if (layer.OutputLength < 8)
        {
            return layer.InputLength <= 8 ? LayerKernel.Unrolled : LayerKernel.Rows;
        }

        return LayerKernel.Columns;
    }
}
