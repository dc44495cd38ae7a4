using System.Collections.Generic;

namespace LumpGen.Format;

/// <summary>Input normalisation applied before the first layer: x'[j] = (x[j] − Mean[j]) / Scale[j].</summary>
public sealed class LumpInputTransform
{
    private readonly float[] _mean;
    private readonly float[] _scale;

    /// <summary>Creates the transform; arrays are taken as they are. Scales must be finite and non-zero, means finite.</summary>
    public LumpInputTransform(float[] mean, float[] scale)
    {
        FloatBlocks.CheckAffine(mean, scale, nameof(mean), nameof(scale), "mean");
        _mean = mean;
        _scale = scale;
    }

    /// <summary>Number of inputs.</summary>
    public int Length => _mean.Length;

    /// <summary>Subtracted from each input.</summary>
    public IReadOnlyList<float> Mean => _mean;

    /// <summary>Each centred input is divided by this.</summary>
    public IReadOnlyList<float> Scale => _scale;

    internal float[] MeanArray => _mean;

    internal float[] ScaleArray => _scale;
}

/// <summary>Output de-normalisation applied after the last layer: y'[i] = y[i]·Scale[i] + Offset[i].</summary>
public sealed class LumpOutputTransform
{
    private readonly float[] _scale;
    private readonly float[] _offset;

    /// <summary>Creates the transform; arrays are taken as they are. Scales must be finite and non-zero, offsets finite.</summary>
    public LumpOutputTransform(float[] scale, float[] offset)
    {
        FloatBlocks.CheckAffine(offset, scale, nameof(offset), nameof(scale), "offset");
        _scale = scale;
        _offset = offset;
    }

    /// <summary>Number of outputs.</summary>
    public int Length => _scale.Length;

    /// <summary>Each output is multiplied by this.</summary>
    public IReadOnlyList<float> Scale => _scale;

    /// <summary>Then this is added.</summary>
    public IReadOnlyList<float> Offset => _offset;

    internal float[] ScaleArray => _scale;

    internal float[] OffsetArray => _offset;
}
