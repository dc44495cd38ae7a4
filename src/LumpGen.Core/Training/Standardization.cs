using LumpGen.Data;
using LumpGen.Model;

namespace LumpGen.Training;

/// <summary>
/// Column statistics folded into a network's transforms: inputs become x' = (x − mean)/std, outputs
/// y = y'·std + mean, so the trained layers see zero-mean, unit-variance data while the network still
/// maps raw features to raw targets. A constant column (std = 0) gets scale 1.
/// </summary>
public static class Standardization
{
    /// <summary>The input transform from the feature columns of <paramref name="data"/>.</summary>
    public static InputTransform Inputs(RegressionData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var (mean, std) = Moments(data.Features, data.FeatureCount);
        return new InputTransform(mean, std);
    }

    /// <summary>The output transform from the target columns of <paramref name="data"/>.</summary>
    public static OutputTransform Outputs(RegressionData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var (mean, std) = Moments(data.Targets, data.TargetCount);
        return new OutputTransform(std, mean);
    }

    /// <summary>Per column mean and population standard deviation (1 where it is 0), computed in double.</summary>
    public static (float[] Mean, float[] Std) Moments(ReadOnlySpan<float> values, int columns)
    {
        var sum = new double[columns];
        var sumSq = new double[columns];
        int rows = values.Length / columns;
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                double v = values[(r * columns) + c];
                sum[c] += v;
            }
        }

        var mean = new float[columns];
        for (int c = 0; c < columns; c++)
        {
            mean[c] = (float)(sum[c] / rows);
        }

        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                double d = values[(r * columns) + c] - (double)mean[c];
                sumSq[c] += d * d;
            }
        }

        var std = new float[columns];
        for (int c = 0; c < columns; c++)
        {
            float s = (float)Math.Sqrt(sumSq[c] / rows);
            std[c] = s > 0 && float.IsFinite(s) ? s : 1f;
        }

        return (mean, std);
    }
}
