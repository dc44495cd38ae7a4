using LumpGen.Format;

namespace LumpGen.Evaluation;

/// <summary>Activations in double precision: the reference every faster kernel is checked against.</summary>
public static class ActivationMath
{
    private static readonly double s_geluScale = Math.Sqrt(2.0 / Math.PI);

    /// <summary>
    /// Applies <paramref name="activation"/> in place. Elementwise kinds map each value on its own;
    /// softmax normalises the whole span (shifted by its maximum, so large inputs do not overflow).
    /// NaN propagates; ±∞ inputs give the function's limits (e.g. sigmoid(−∞) = 0).
    /// </summary>
    public static void Apply(Activation activation, Span<double> values)
    {
        switch (activation.Kind)
        {
            case ActivationKind.Identity:
                return;
            case ActivationKind.Softmax:
                Softmax(values);
                return;
            default:
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = Apply(activation, values[i]);
                }

                return;
        }
    }

    /// <summary>One elementwise activation value (softmax is not elementwise: use the span overload).</summary>
    public static double Apply(Activation activation, double x) => activation.Kind switch
    {
        ActivationKind.Identity => x,
        ActivationKind.Relu => x > 0 ? x : 0.0,
        ActivationKind.LeakyRelu => x >= 0 ? x : activation.Alpha * x,
        ActivationKind.Tanh => Math.Tanh(x),
        ActivationKind.Sigmoid => 1.0 / (1.0 + Math.Exp(-x)),

        // ln(1 + e^x) = max(x, 0) + ln(1 + e^−|x|): exact form that neither overflows nor loses small values.
        ActivationKind.Softplus => Math.Max(x, 0.0) + Math.Log(1.0 + Math.Exp(-Math.Abs(x))),
        ActivationKind.Elu => x >= 0 ? x : activation.Alpha * (Math.Exp(x) - 1.0),
        ActivationKind.Gelu => 0.5 * x * (1.0 + Math.Tanh(s_geluScale * (x + (0.044715 * x * x * x)))),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation.Kind, "Softmax is not elementwise; use Apply(Activation, Span<double>)."),
    };

    private static void Softmax(Span<double> values)
    {
        double max = double.NegativeInfinity;
        foreach (double v in values)
        {
            max = Math.Max(max, v);
        }

        double sum = 0;
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = Math.Exp(values[i] - max);
            sum += values[i];
        }

        for (int i = 0; i < values.Length; i++)
        {
            values[i] /= sum;
        }
    }
}
