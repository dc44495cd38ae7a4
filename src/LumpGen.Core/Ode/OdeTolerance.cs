namespace LumpGen.Ode;

/// <summary>Tolerances shared by every equivalence test, so the general engine and the fast path decide alike.</summary>
public static class OdeTolerance
{
    /// <summary>
    /// 1e-12: the absolute slack in "d(i, j) ≤ ε" (DESIGN §3.1). Coefficients are doubles computed from
    /// float32 weights or decimal rates; sums of a few hundred such terms carry rounding near 1e-15, so
    /// 1e-12 absorbs rounding at ε = 0 while staying far below any ε a user would choose.
    /// </summary>
    public const double Absolute = 1e-12;

    /// <summary>Whether a pair at distance <paramref name="distance"/> is related at tolerance <paramref name="epsilon"/>: d ≤ ε + <see cref="Absolute"/>.</summary>
    public static bool IsWithin(double distance, double epsilon) => distance <= epsilon + Absolute;
}
