using System.Collections.Generic;
using LumpGen.Format;

namespace LumpGen.Generators.Emit;

/// <summary>
/// Activation helpers. Scalar versions compute in double and round once (they serve the scalar tier and
/// the few-neuron kernels). Vector versions are float polynomials per tier, as overloads, so kernels
/// write <c>Tanh(a0)</c> whatever the vector type. Accuracy against the double reference is listed in
/// docs/generated-code.md and checked by the integration tests.
/// </summary>
internal static class ActivationEmitter
{
    /// <summary>The expression applying <paramref name="kind"/> to <paramref name="value"/> (scalar or vector), or the value itself for identity.</summary>
    public static string Apply(ActivationKind kind, float alpha, string value) => kind switch
    {
        ActivationKind.Identity or ActivationKind.Softmax => value,
        ActivationKind.LeakyRelu => $"LeakyRelu({value}, {Literals.Float(alpha)})",
        ActivationKind.Elu => $"Elu({value}, {Literals.Float(alpha)})",
        _ => $"{Name(kind)}({value})",
    };

    public static void EmitScalar(SourceWriter w, ISet<ActivationKind> kinds)
    {
        if (kinds.Contains(ActivationKind.Relu))
        {
            w.Line("/// <summary>max(0, x); NaN gives 0, as in the reference.</summary>");
            w.Line(Names.Inline);
            w.Line("private static float Relu(float x) => x > 0f ? x : 0f;");
            w.Line();
        }

        if (kinds.Contains(ActivationKind.LeakyRelu))
        {
            w.Line("/// <summary>x ≥ 0 ? x : α·x (exact: the product of two floats rounds once either way).</summary>");
            w.Line(Names.Inline);
            w.Line("private static float LeakyRelu(float x, float alpha) => x >= 0f ? x : alpha * x;");
            w.Line();
        }

        if (kinds.Contains(ActivationKind.Tanh))
        {
            w.Line("/// <summary>tanh(x), computed in double and rounded once.</summary>");
            w.Line($"private static float Tanh(float x) => (float){Names.Math}.Tanh(x);");
            w.Line();
        }

        if (kinds.Contains(ActivationKind.Sigmoid))
        {
            w.Line("/// <summary>1 / (1 + e^−x), computed in double and rounded once.</summary>");
            w.Line($"private static float Sigmoid(float x) => (float)(1.0 / (1.0 + {Names.Math}.Exp(-(double)x)));");
            w.Line();
        }

        if (kinds.Contains(ActivationKind.Softplus))
        {
            w.Line("/// <summary>ln(1 + e^x) = max(x, 0) + ln(1 + e^−|x|), in double (neither overflows nor loses small values).</summary>");
            w.Line($"private static float Softplus(float x) => (float)({Names.Math}.Max((double)x, 0.0) + {Names.Math}.Log(1.0 + {Names.Math}.Exp(-{Names.Math}.Abs((double)x))));");
            w.Line();
        }

        if (kinds.Contains(ActivationKind.Elu))
        {
            w.Line("/// <summary>x ≥ 0 ? x : α·(e^x − 1), the exponential in double.</summary>");
            w.Line($"private static float Elu(float x, float alpha) => x >= 0f ? x : (float)(alpha * ({Names.Math}.Exp(x) - 1.0));");
            w.Line();
        }

        if (kinds.Contains(ActivationKind.Gelu))
        {
            w.Line("/// <summary>GELU (tanh approximation) x/2·(1 + tanh(√(2/π)·(x + 0.044715·x³))), in double.</summary>");
            w.Line($"private static float Gelu(float x) => (float)(0.5 * x * (1.0 + {Names.Math}.Tanh(0.79788456080286541 * (x + (0.044715 * x * x * x)))));");
            w.Line();
        }
    }

    public static void EmitVector(SourceWriter w, Tier tier, ISet<ActivationKind> kinds, bool fma)
    {
        bool exp = kinds.Contains(ActivationKind.Tanh) || kinds.Contains(ActivationKind.Sigmoid)
            || kinds.Contains(ActivationKind.Softplus) || kinds.Contains(ActivationKind.Elu) || kinds.Contains(ActivationKind.Gelu);

        if (kinds.Contains(ActivationKind.Relu))
        {
            Template(w, tier, fma, """
                /// <summary>max(0, x) lane-wise as x AND (x &gt; 0): one compare and one AND; NaN gives 0, as in the reference.</summary>
                $INLINE
                private static $F Relu($F x) => x & $V.GreaterThan(x, $F.Zero);
                """);
        }

        if (kinds.Contains(ActivationKind.LeakyRelu))
        {
            Template(w, tier, fma, """
                /// <summary>x ≥ 0 ? x : α·x lane-wise.</summary>
                $INLINE
                private static $F LeakyRelu($F x, float alpha) => $V.ConditionalSelect($V.GreaterThanOrEqual(x, $F.Zero), x, x * alpha);
                """);
        }

        if (exp)
        {
            Template(w, tier, fma, """
                /// <summary>
                /// e^x: Cody–Waite reduction x = n·ln 2 + r (|r| ≤ ln 2 / 2), the Cephes expf polynomial for e^r,
                /// then 2^n built directly in the exponent bits. About 1 ulp. Inputs are clamped to [−87.34, 88]
                /// (so results stay normal floats: about 1.2e-38 at the low end instead of a denormal).
                /// </summary>
                $INLINE
                private static $F Exp($F x)
                {
                    x = $V.Min($V.Max(x, $V.Create(-87.3365448f)), $V.Create(88f));
                    // Adding 1.5·2^23 rounds x·log2(e) to an integer n held in the low mantissa bits.
                    $F k = (x * 1.44269504f) + $V.Create(12582912f);
                    $I n = $V.AsInt32(k) - $V.Create(0x4B400000);
                    k -= $V.Create(12582912f);
                    // ln 2 split in two so k·ln2_hi is exact.
                    $F r = x - (k * 0.693359375f) - (k * -2.12194440e-4f);
                    $F p = $V.Create(1.9875691500e-4f);
                    p = $FMA(p, r, $V.Create(1.3981999507e-3f));
                    p = $FMA(p, r, $V.Create(8.3334519073e-3f));
                    p = $FMA(p, r, $V.Create(4.1665795894e-2f));
                    p = $FMA(p, r, $V.Create(1.6666665459e-1f));
                    p = $FMA(p, r, $V.Create(5.0000001201e-1f));
                    p = $FMA(p, r * r, r) + $V.Create(1f);
                    return p * $V.AsSingle($V.ShiftLeft(n + $V.Create(127), 23));
                }
                """);
        }

        if (kinds.Contains(ActivationKind.Tanh))
        {
            Template(w, tier, fma, """
                /// <summary>
                /// tanh(x): for |x| &lt; 0.4 the odd Taylor series to x^15 (truncation below 1e-8 relative); otherwise
                /// 1 − 2/(e^{2|x|} + 1) with |x| capped at 9 (tanh(9) rounds to 1), sign copied from x. About 2 ulp.
                /// </summary>
                $INLINE
                private static $F Tanh($F x)
                {
                    $F a = $V.Abs(x);
                    $F z = x * x;
                    $F p = $V.Create(-1.45583438705e-3f);
                    p = $FMA(p, z, $V.Create(3.59212803657e-3f));
                    p = $FMA(p, z, $V.Create(-8.86323552990e-3f));
                    p = $FMA(p, z, $V.Create(2.18694885362e-2f));
                    p = $FMA(p, z, $V.Create(-5.39682539683e-2f));
                    p = $FMA(p, z, $V.Create(1.33333333333e-1f));
                    p = $FMA(p, z, $V.Create(-3.33333333333e-1f));
                    $F small = $FMA(x * z, p, x);
                    $F e = Exp($V.Min(a, $V.Create(9f)) * 2f);
                    $F large = $V.Create(1f) - ($V.Create(2f) / (e + $V.Create(1f)));
                    large |= x & $V.Create(-0f);
                    return $V.ConditionalSelect($V.LessThan(a, $V.Create(0.4f)), small, large);
                }
                """);
        }

        if (kinds.Contains(ActivationKind.Sigmoid))
        {
            Template(w, tier, fma, """
                /// <summary>1 / (1 + e^−x); about 2 ulp (relative, also for the tiny values at very negative x).</summary>
                $INLINE
                private static $F Sigmoid($F x) => $V.Create(1f) / ($V.Create(1f) + Exp(-x));
                """);
        }

        if (kinds.Contains(ActivationKind.Softplus))
        {
            Template(w, tier, fma, """
                /// <summary>
                /// ln(1 + e^x) = max(x, 0) + log1p(e^−|x|), with log1p(t) = ln(u)·t/(u − 1), u = 1 + t (Goldberg's
                /// trick, accurate even where 1 + t rounds), ln(u) for u ∈ [1, 2] by the Cephes logf polynomial.
                /// </summary>
                $INLINE
                private static $F Softplus($F x)
                {
                    $F t = Exp(-$V.Abs(x));
                    $F u = $V.Create(1f) + t;
                    $F d = u - $V.Create(1f);
                    $F big = $V.GreaterThan(u, $V.Create(1.41421356f));
                    $F m = $V.ConditionalSelect(big, u * 0.5f, u);
                    $F e = big & $V.Create(1f);
                    $F f = m - $V.Create(1f);
                    $F z = f * f;
                    $F y = $V.Create(7.0376836292e-2f);
                    y = $FMA(y, f, $V.Create(-1.1514610310e-1f));
                    y = $FMA(y, f, $V.Create(1.1676998740e-1f));
                    y = $FMA(y, f, $V.Create(-1.2420140846e-1f));
                    y = $FMA(y, f, $V.Create(1.4249322787e-1f));
                    y = $FMA(y, f, $V.Create(-1.6668057665e-1f));
                    y = $FMA(y, f, $V.Create(2.0000714765e-1f));
                    y = $FMA(y, f, $V.Create(-2.4999993993e-1f));
                    y = $FMA(y, f, $V.Create(3.3333331174e-1f));
                    y = (y * f * z) + (e * -2.12194440e-4f) - (z * 0.5f);
                    $F ln = f + y + (e * 0.693359375f);
                    $F log1p = $V.ConditionalSelect($V.Equals(d, $F.Zero), t, ln * t / d);
                    return $V.Max(x, $F.Zero) + log1p;
                }
                """);
        }

        if (kinds.Contains(ActivationKind.Elu))
        {
            Template(w, tier, fma, """
                /// <summary>
                /// x ≥ 0 ? x : α·(e^x − 1). e^x − 1 uses its Taylor series to x^8 for |x| &lt; 0.5 (no cancellation
                /// near 0; truncation below 2e-8 relative), e^x − 1 below that.
                /// </summary>
                $INLINE
                private static $F Elu($F x, float alpha)
                {
                    $F n = $V.Min(x, $F.Zero);
                    $F p = $V.Create(2.48015873e-5f);
                    p = $FMA(p, n, $V.Create(1.98412698e-4f));
                    p = $FMA(p, n, $V.Create(1.38888889e-3f));
                    p = $FMA(p, n, $V.Create(8.33333333e-3f));
                    p = $FMA(p, n, $V.Create(4.16666667e-2f));
                    p = $FMA(p, n, $V.Create(1.66666667e-1f));
                    p = $FMA(p, n, $V.Create(0.5f));
                    $F small = $FMA(n * n, p, n);
                    $F expm1 = $V.ConditionalSelect($V.LessThan(n, $V.Create(-0.5f)), Exp(n) - $V.Create(1f), small);
                    return $V.ConditionalSelect($V.GreaterThanOrEqual(x, $F.Zero), x, expm1 * alpha);
                }
                """);
        }

        if (kinds.Contains(ActivationKind.Gelu))
        {
            Template(w, tier, fma, """
                /// <summary>
                /// GELU, tanh approximation, as x·σ(2z) = x / (1 + e^−2z) with z = √(2/π)·(x + 0.044715·x³): the same
                /// function as x/2·(1 + tanh z) without its cancellation for negative x.
                /// </summary>
                $INLINE
                private static $F Gelu($F x)
                {
                    $F s = x * $FMA(x * x, $V.Create(7.13548162e-2f), $V.Create(1.59576912f));
                    return x / ($V.Create(1f) + Exp(-s));
                }
                """);
        }
    }

    /// <summary>The fused multiply-add expression a·b + c for the tier (MultiplyAddEstimate on net9+: FMA where the CPU has it).</summary>
    public static string Fma(Tier tier, bool fma, string a, string b, string c) =>
        fma ? $"{tier.Type}.MultiplyAddEstimate({a}, {b}, {c})" : $"({a} * {b}) + {c}";

    private static string Name(ActivationKind kind) => kind switch
    {
        ActivationKind.Relu => "Relu",
        ActivationKind.LeakyRelu => "LeakyRelu",
        ActivationKind.Tanh => "Tanh",
        ActivationKind.Sigmoid => "Sigmoid",
        ActivationKind.Softplus => "Softplus",
        ActivationKind.Elu => "Elu",
        ActivationKind.Gelu => "Gelu",
        _ => kind.ToString(),
    };

    private static void Template(SourceWriter w, Tier tier, bool fma, string template)
    {
        foreach (string raw in template.Split('\n'))
        {
            // $FMA first: "$F" is a prefix of it.
            string line = ExpandFma(raw.TrimEnd('\r'), tier, fma)
                .Replace("$INLINE", Names.Inline)
                .Replace("$F", tier.VectorOfFloat)
                .Replace("$I", tier.Type + "<int>")
                .Replace("$V", tier.Type);
            w.Line(line);
        }

        w.Line();
    }

    /// <summary>Rewrites <c>$FMA(a, b, c)</c> (arguments without nested commas at top level) into the tier's multiply-add.</summary>
    private static string ExpandFma(string line, Tier tier, bool fma)
    {
        while (true)
        {
            int at = line.IndexOf("$FMA(", System.StringComparison.Ordinal);
            if (at < 0)
            {
                return line;
            }

            int start = at + 5;
            int depth = 0;
            var args = new List<string>();
            int argStart = start;
            int end = start;
            for (; end < line.Length; end++)
            {
                char c = line[end];
                if (c == '(')
                {
                    depth++;
                }
                else if (c == ')')
                {
                    if (depth == 0)
                    {
                        args.Add(line.Substring(argStart, end - argStart).Trim());
                        break;
                    }

                    depth--;
                }
                else if (c == ',' && depth == 0)
                {
                    args.Add(line.Substring(argStart, end - argStart).Trim());
                    argStart = end + 1;
                }
            }

            line = line.Substring(0, at) + Fma(tier, fma, args[0], args[1], args[2]) + line.Substring(end + 1);
        }
    }
}
