using System;
using System.Globalization;

namespace LumpGen.Format;

/// <summary>The elementwise (or, for <see cref="Softmax"/>, row-wise) function applied after a dense layer.</summary>
public enum ActivationKind
{
    /// <summary>y = x.</summary>
    Identity,

    /// <summary>y = max(0, x).</summary>
    Relu,

    /// <summary>y = x for x ≥ 0, α·x otherwise (α = <see cref="Activation.Alpha"/>, default 0.01).</summary>
    LeakyRelu,

    /// <summary>y = tanh(x).</summary>
    Tanh,

    /// <summary>y = 1 / (1 + e^−x).</summary>
    Sigmoid,

    /// <summary>y = ln(1 + e^x).</summary>
    Softplus,

    /// <summary>y = x for x ≥ 0, α·(e^x − 1) otherwise (α = <see cref="Activation.Alpha"/>, default 1).</summary>
    Elu,

    /// <summary>y = x/2 · (1 + tanh(√(2/π)·(x + 0.044715·x³))), the tanh approximation of GELU.</summary>
    Gelu,

    /// <summary>y_i = e^{x_i} / Σ_j e^{x_j}; allowed on the final layer only.</summary>
    Softmax,
}

/// <summary>
/// An activation and its parameter, written in the <c>.lump</c> format as a plain word
/// (<c>tanh</c>) or a word with its parameter (<c>leaky_relu(0.01)</c>, <c>elu(1)</c>).
/// </summary>
public readonly struct Activation : IEquatable<Activation>
{
    /// <summary>Creates an activation; <paramref name="alpha"/> is used by <see cref="ActivationKind.LeakyRelu"/> and <see cref="ActivationKind.Elu"/> only and must be finite.</summary>
    public Activation(ActivationKind kind, float alpha = 0f)
    {
        if (!HasAlpha(kind))
        {
            alpha = 0f;
        }
        else if (float.IsNaN(alpha) || float.IsInfinity(alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "The activation parameter must be finite.");
        }

        Kind = kind;
        Alpha = alpha;
    }

    /// <summary>The function.</summary>
    public ActivationKind Kind { get; }

    /// <summary>The slope (leaky_relu) or scale (elu) for negative inputs; 0 for other kinds.</summary>
    public float Alpha { get; }

    /// <summary>y = x.</summary>
    public static Activation Identity => new(ActivationKind.Identity);

    /// <summary>max(0, x).</summary>
    public static Activation Relu => new(ActivationKind.Relu);

    /// <summary>tanh(x).</summary>
    public static Activation Tanh => new(ActivationKind.Tanh);

    /// <summary>1 / (1 + e^−x).</summary>
    public static Activation Sigmoid => new(ActivationKind.Sigmoid);

    /// <summary>ln(1 + e^x).</summary>
    public static Activation Softplus => new(ActivationKind.Softplus);

    /// <summary>GELU, tanh approximation.</summary>
    public static Activation Gelu => new(ActivationKind.Gelu);

    /// <summary>Softmax over the layer's outputs (final layer only).</summary>
    public static Activation Softmax => new(ActivationKind.Softmax);

    /// <summary>Leaky ReLU with slope <paramref name="alpha"/> for negative inputs.</summary>
    public static Activation LeakyRelu(float alpha = 0.01f) => new(ActivationKind.LeakyRelu, alpha);

    /// <summary>ELU with scale <paramref name="alpha"/> for negative inputs.</summary>
    public static Activation Elu(float alpha = 1f) => new(ActivationKind.Elu, alpha);

    /// <summary>Whether <paramref name="kind"/> takes a parameter.</summary>
    public static bool HasAlpha(ActivationKind kind) => kind is ActivationKind.LeakyRelu or ActivationKind.Elu;

    /// <summary>The format's word for <paramref name="kind"/>.</summary>
    public static string Name(ActivationKind kind) => kind switch
    {
        ActivationKind.Identity => "identity",
        ActivationKind.Relu => "relu",
        ActivationKind.LeakyRelu => "leaky_relu",
        ActivationKind.Tanh => "tanh",
        ActivationKind.Sigmoid => "sigmoid",
        ActivationKind.Softplus => "softplus",
        ActivationKind.Elu => "elu",
        ActivationKind.Gelu => "gelu",
        ActivationKind.Softmax => "softmax",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown activation kind."),
    };

    /// <summary>The words the format accepts, for error messages and help texts.</summary>
    public static string SupportedNames => "identity, relu, leaky_relu(alpha), tanh, sigmoid, softplus, elu(alpha), gelu, softmax";

    /// <summary>
    /// Parses <c>tanh</c>, <c>leaky_relu(0.2)</c>, …; <c>leaky_relu</c> and <c>elu</c> without a
    /// parameter take their defaults (0.01 and 1). Returns false for anything else.
    /// </summary>
    public static bool TryParse(string text, out Activation activation)
    {
        activation = default;
        if (text is null)
        {
            return false;
        }

        string word = text;
        string? argument = null;
        int open = text.IndexOf('(');
        if (open >= 0)
        {
            if (text.Length < open + 3 || text[text.Length - 1] != ')')
            {
                return false;
            }

            word = text.Substring(0, open);
            argument = text.Substring(open + 1, text.Length - open - 2);
        }

        ActivationKind kind;
        switch (word)
        {
            case "identity": kind = ActivationKind.Identity; break;
            case "relu": kind = ActivationKind.Relu; break;
            case "leaky_relu": kind = ActivationKind.LeakyRelu; break;
            case "tanh": kind = ActivationKind.Tanh; break;
            case "sigmoid": kind = ActivationKind.Sigmoid; break;
            case "softplus": kind = ActivationKind.Softplus; break;
            case "elu": kind = ActivationKind.Elu; break;
            case "gelu": kind = ActivationKind.Gelu; break;
            case "softmax": kind = ActivationKind.Softmax; break;
            default: return false;
        }

        if (argument is null)
        {
            activation = kind switch
            {
                ActivationKind.LeakyRelu => LeakyRelu(),
                ActivationKind.Elu => Elu(),
                _ => new Activation(kind),
            };
            return true;
        }

        if (!HasAlpha(kind)
            || !float.TryParse(argument, NumberStyles.Float, CultureInfo.InvariantCulture, out float alpha)
            || float.IsNaN(alpha) || float.IsInfinity(alpha))
        {
            return false;
        }

        activation = new Activation(kind, alpha);
        return true;
    }

    /// <summary>The format's text: <c>tanh</c>, <c>leaky_relu(0.01)</c>; parameters round-trip exactly.</summary>
    public override string ToString() => HasAlpha(Kind)
        ? Name(Kind) + "(" + Alpha.ToString("R", CultureInfo.InvariantCulture) + ")"
        : Name(Kind);

    /// <inheritdoc/>
    public bool Equals(Activation other) => Kind == other.Kind && Alpha.Equals(other.Alpha);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Activation other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => ((int)Kind * 397) ^ Alpha.GetHashCode();

    /// <summary>Value equality.</summary>
    public static bool operator ==(Activation left, Activation right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(Activation left, Activation right) => !left.Equals(right);
}
