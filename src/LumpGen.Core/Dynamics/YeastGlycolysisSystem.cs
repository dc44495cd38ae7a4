namespace LumpGen.Dynamics;

/// <summary>
/// The paper's "Glycolytic" set: the 7-state yeast glycolytic oscillator of Ruoff et al. (2003) as used
/// by Daniels &amp; Nemenman (2015) and SINDy-PI (<c>../shared/data/ode/ODE_MODELS.md</c> §3a), state
/// S1 (glucose), S2, S3, S4, S5 (extracellular), A3 (ATP), N2 (NADH), with A_tot = 4, N_tot = 1 and
/// the published constants (k = 1.8 from the supplement, not the 18 of one script).
/// </summary>
/// <remarks>
/// Not polynomial (v1 has a Hill-type inhibition); the network only has to learn it. Identity used by
/// the tests (carbon balance): d/dt(2·S1 + S2 + S3 + S4 + S5/φ) = 2·J0 − v4 − v6 − v7.
/// Initial states: the published state scaled per species by U(0.5, 1.5), A3 kept below A_tot and N2
/// below N_tot; horizon 5 (as in the SINDy data).
/// </remarks>
public sealed class YeastGlycolysisSystem : DynamicalSystem
{
    /// <summary>Glucose influx J0.</summary>
    public const double J0 = 2.5;

    /// <summary>Total adenosine pool A_tot = A2 + A3.</summary>
    public const double ATotal = 4;

    /// <summary>Total NAD pool N_tot = N1 + N2.</summary>
    public const double NTotal = 1;

    /// <summary>Ratio φ of cell to extracellular volume in S5' = φ·(J − v7).</summary>
    public const double Phi = 0.1;

    private const double K1 = 100, KI = 0.52, K2 = 6, K3 = 16, K4 = 100, K5 = 1.28, K6 = 12, K = 1.8, Kappa = 13;
    private static readonly double[] s_published = [1.187, 0.193, 0.050, 0.115, 0.077, 2.475, 0.077];

    /// <inheritdoc/>
    public override string Name => "glycolytic";

    /// <inheritdoc/>
    public override IReadOnlyList<string> VariableNames { get; } = ["S1", "S2", "S3", "S4", "S5", "A3", "N2"];

    /// <inheritdoc/>
    public override double Horizon => 5;

    /// <inheritdoc/>
    public override double StepSize => 2e-3;

    /// <summary>The published initial state.</summary>
    public static ReadOnlySpan<double> PublishedState => s_published;

    /// <summary>The reaction rates v1..v7 and J at <paramref name="s"/> (index 0 = v1, …, 6 = v7, 7 = J).</summary>
    public static void Rates(ReadOnlySpan<double> s, Span<double> v)
    {
        double s1 = s[0], s2 = s[1], s3 = s[2], s4 = s[3], s5 = s[4], a3 = s[5], n2 = s[6];
        double a2 = ATotal - a3, n1 = NTotal - n2;
        double inhibition = a3 / KI;
        inhibition *= inhibition;
        inhibition *= inhibition; // (A3/K_I)^q with q = 4
        v[0] = K1 * s1 * a3 / (1 + inhibition);
        v[1] = K2 * s2 * n1;
        v[2] = K3 * s3 * a2;
        v[3] = K4 * s4 * n2;
        v[4] = K5 * a3;
        v[5] = K6 * s2 * n2;
        v[6] = K * s5;
        v[7] = Kappa * (s4 - s5);
    }

    /// <inheritdoc/>
    public override void Derivative(ReadOnlySpan<double> s, Span<double> d)
    {
        Span<double> v = stackalloc double[8];
        Rates(s, v);
        d[0] = J0 - v[0];
        d[1] = (2 * v[0]) - v[1] - v[5];
        d[2] = v[1] - v[2];
        d[3] = v[2] - v[3] - v[7];
        d[4] = Phi * (v[7] - v[6]);
        d[5] = (-2 * v[0]) + (2 * v[2]) - v[4];
        d[6] = v[1] - v[3] - v[5];
    }

    /// <inheritdoc/>
    public override void SampleInitialState(Random random, Span<double> state)
    {
        for (int i = 0; i < state.Length; i++)
        {
            state[i] = s_published[i] * Uniform(random, 0.5, 1.5);
        }

        state[5] = Math.Min(state[5], 0.95 * ATotal);
        state[6] = Math.Min(state[6], 0.95 * NTotal);
    }
}
