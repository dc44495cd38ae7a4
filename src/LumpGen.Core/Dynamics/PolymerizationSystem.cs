namespace LumpGen.Dynamics;

/// <summary>
/// The HACA-style ring-growth polymerization network of ERODE/CLUE (<c>perturbedpolymers2.ode</c>;
/// <c>../shared/data/ode/ODE_MODELS.md</c> §1), mass action, 10 species
/// A1, A2, A1p, A2p, H, H2, C2H2, A1CHCHp, A2CHCHp, I, with its published rate constants (the
/// ±0.01/2 perturbations included). I is a constant source (I' = 0), so it is an input but not a target.
/// </summary>
/// <remarks>
/// Invariants used by the tests: d/dt(A1 + A2 + A1p + A2p + A1CHCHp + A2CHCHp) = r0·I (aromatic count
/// grows only from the source) and H + H2 + (C2H2 + A1CHCHp + A2CHCHp)/2 is conserved.
/// Initial states: A1, H, H2, C2H2 ~ U(5, 15) around the published 10; A2, radicals ~ U(0, 2); I ~ U(0.5, 1.5);
/// horizon 0.8 (published tEnd).
/// </remarks>
public sealed class PolymerizationSystem : DynamicalSystem
{
    /// <summary>Source rate r0.</summary>
    public const double R0 = 10;
    private const double A1 = 1 - (0.01 / 2), A2 = 1 + (0.01 / 2), ARev = 0.1;
    private const double B1 = 2 - (0.01 / 2), B2 = 2 + (0.01 / 2), BRev = 0.2;
    private const double G1 = 3 - (0.01 / 2), G2 = 3 + (0.01 / 2);

    /// <inheritdoc/>
    public override string Name => "polymerization";

    /// <inheritdoc/>
    public override IReadOnlyList<string> VariableNames { get; } =
        ["A1", "A2", "A1p", "A2p", "H", "H2", "C2H2", "A1CHCHp", "A2CHCHp", "I"];

    /// <inheritdoc/>
    public override double Horizon => 0.8;

    /// <inheritdoc/>
    public override double StepSize => 1e-3;

    /// <inheritdoc/>
    public override IReadOnlyList<int> ConstantVariables { get; } = [9];

    /// <inheritdoc/>
    public override void Derivative(ReadOnlySpan<double> s, Span<double> d)
    {
        double a1 = s[0], a2 = s[1], a1p = s[2], a2p = s[3], h = s[4], h2 = s[5], c = s[6], a1c = s[7], a2c = s[8], i = s[9];
        double abs1 = A1 * a1 * h, abs2 = A2 * a2 * h;           // Ai + H -> Aip + H2
        double back1 = ARev * a1p * h2, back2 = ARev * a2p * h2;  // Aip + H2 -> Ai + H
        double add1 = B1 * a1p * c, add2 = B2 * a2p * c;          // Aip + C2H2 -> AiCHCHp
        double rem1 = BRev * a1c, rem2 = BRev * a2c;              // AiCHCHp -> Aip + C2H2
        double ring1 = G1 * c * a1c, ring2 = G2 * c * a2c;        // A1CHCHp + C2H2 -> A2 + H; A2CHCHp + C2H2 -> A1 + H
        d[0] = (R0 * i) - abs1 + back1 + ring2;
        d[1] = -abs2 + back2 + ring1;
        d[2] = abs1 - back1 - add1 + rem1;
        d[3] = abs2 - back2 - add2 + rem2;
        d[4] = -abs1 - abs2 + back1 + back2 + ring1 + ring2;
        d[5] = abs1 + abs2 - back1 - back2;
        d[6] = -add1 - add2 + rem1 + rem2 - ring1 - ring2;
        d[7] = add1 - rem1 - ring1;
        d[8] = add2 - rem2 - ring2;
        d[9] = 0;
    }

    /// <inheritdoc/>
    public override void SampleInitialState(Random random, Span<double> state)
    {
        state[0] = Uniform(random, 5, 15);
        state[1] = Uniform(random, 0, 2);
        state[2] = Uniform(random, 0, 2);
        state[3] = Uniform(random, 0, 2);
        state[4] = Uniform(random, 5, 15);
        state[5] = Uniform(random, 5, 15);
        state[6] = Uniform(random, 5, 15);
        state[7] = Uniform(random, 0, 2);
        state[8] = Uniform(random, 0, 2);
        state[9] = Uniform(random, 0.5, 1.5);
    }
}
