using System.Numerics.Tensors;
using LumpGen.Format;

namespace LumpGen.Training;

/// <summary>
/// Activations in float32 for training, with derivatives written in terms of the activation's output
/// a = act(z) (so the backward pass needs no stored pre-activations): tanh' = 1 − a², sigmoid' = a(1 − a),
/// relu' = [a &gt; 0], leaky' = a &gt; 0 ? 1 : α, elu' = a ≥ 0 ? 1 : a + α, softplus' = 1 − e^−a.
/// </summary>
public static class TrainableActivations
{
    /// <summary>Whether <see cref="MlpTrainer"/> can train layers with this activation (GELU and softmax are not supported).</summary>
    public static bool IsSupported(Activation activation) => activation.Kind is ActivationKind.Identity or ActivationKind.Relu
        or ActivationKind.LeakyRelu or ActivationKind.Tanh or ActivationKind.Sigmoid or ActivationKind.Softplus or ActivationKind.Elu;

    /// <summary>a = act(z) in place, vectorised with TensorPrimitives where it has the function.</summary>
    public static void Apply(Activation activation, Span<float> values)
    {
        switch (activation.Kind)
        {
            case ActivationKind.Identity:
                return;
            case ActivationKind.Tanh:
                TensorPrimitives.Tanh(values, values);
                return;
            case ActivationKind.Sigmoid:
                TensorPrimitives.Sigmoid(values, values);
                return;
            case ActivationKind.Relu:
                TensorPrimitives.Max(values, 0f, values);
                return;
            case ActivationKind.LeakyRelu:
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = values[i] >= 0 ? values[i] : activation.Alpha * values[i];
                }

                return;
            case ActivationKind.Elu:
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = values[i] >= 0 ? values[i] : activation.Alpha * (MathF.Exp(values[i]) - 1f);
                }

                return;
            case ActivationKind.Softplus:
                for (int i = 0; i < values.Length; i++)
                {
                    float x = values[i];
                    values[i] = MathF.Max(x, 0f) + MathF.Log(1f + MathF.Exp(-MathF.Abs(x))); // overflow-free form
                }

                return;
            default:
                throw new NotSupportedException($"Training does not support the activation '{activation}'.");
        }
    }

    /// <summary>delta[i] *= act'(z[i]) given the outputs a = act(z).</summary>
    public static void MultiplyByDerivative(Activation activation, ReadOnlySpan<float> outputs, Span<float> delta)
    {
        switch (activation.Kind)
        {
            case ActivationKind.Identity:
                return;
            case ActivationKind.Tanh:
                for (int i = 0; i < delta.Length; i++)
                {
                    delta[i] *= 1f - (outputs[i] * outputs[i]);
                }

                return;
            case ActivationKind.Sigmoid:
                for (int i = 0; i < delta.Length; i++)
                {
                    delta[i] *= outputs[i] * (1f - outputs[i]);
                }

                return;
            case ActivationKind.Relu:
                for (int i = 0; i < delta.Length; i++)
                {
                    delta[i] = outputs[i] > 0 ? delta[i] : 0f;
                }

                return;
            case ActivationKind.LeakyRelu:
                for (int i = 0; i < delta.Length; i++)
                {
                    delta[i] = outputs[i] > 0 ? delta[i] : activation.Alpha * delta[i];
                }

                return;
            case ActivationKind.Elu:
                for (int i = 0; i < delta.Length; i++)
                {
                    delta[i] = outputs[i] >= 0 ? delta[i] : (outputs[i] + activation.Alpha) * delta[i];
                }

                return;
            case ActivationKind.Softplus:
                for (int i = 0; i < delta.Length; i++)
                {
                    delta[i] *= 1f - MathF.Exp(-outputs[i]);
                }

                return;
            default:
                throw new NotSupportedException($"Training does not support the activation '{activation}'.");
        }
    }
}
