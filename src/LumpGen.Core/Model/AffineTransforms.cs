namespace LumpGen.Model;

/// <summary>Input normalisation applied before the first layer: x'[j] = (x[j] − Mean[j]) / Scale[j].</summary>
public sealed class InputTransform
{
    private readonly float[] _mean;
    private readonly float[] _scale;

    /// <summary>Creates the transform. Means finite; scales finite and non-zero; equal non-zero lengths.</summary>
    /// <exception cref="ArgumentException">The message says which value is wrong.</exception>
    public InputTransform(float[] mean, float[] scale)
    {
        _ = new Format.LumpInputTransform(mean, scale); // the shared validation rules
        _mean = mean;
        _scale = scale;
    }

    /// <summary>Number of inputs.</summary>
    public int Length => _mean.Length;

    /// <summary>Subtracted from each input.</summary>
    public ReadOnlySpan<float> Mean => _mean;

    /// <summary>Each centred input is divided by this.</summary>
    public ReadOnlySpan<float> Scale => _scale;
}

/// <summary>Output de-normalisation applied after the last layer: y'[i] = y[i]·Scale[i] + Offset[i].</summary>
public sealed class OutputTransform
{
    private readonly float[] _scale;
    private readonly float[] _offset;

    /// <summary>Creates the transform. Offsets finite; scales finite and non-zero; equal non-zero lengths.</summary>
    /// <exception cref="ArgumentException">The message says which value is wrong.</exception>
    public OutputTransform(float[] scale, float[] offset)
    {
        _ = new Format.LumpOutputTransform(scale, offset);
        _scale = scale;
        _offset = offset;
    }

    /// <summary>Number of outputs.</summary>
    public int Length => _scale.Length;

    /// <summary>Each output is multiplied by this.</summary>
    public ReadOnlySpan<float> Scale => _scale;

    /// <summary>Then this is added.</summary>
    public ReadOnlySpan<float> Offset => _offset;
}
