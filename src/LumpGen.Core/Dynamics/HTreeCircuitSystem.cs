namespace LumpGen.Dynamics;

/// <summary>
/// The paper's "Electrical Network": the H-tree RC clock-distribution circuit of ERODE's generator, in
/// the concrete 3-level, 7-node instance published with CLUE (<c>hTreeCircuit3_1.ode</c>;
/// <c>../shared/data/ode/ODE_MODELS.md</c> §2): source voltage vs = 2,
/// v11' = a11·(vs − v11) − b2·(v11 − v21) − b3·(v11 − v22), and v(i,k)' = a(i,k)·(v(i−1,⌈k/2⌉) − v(i,k)).
/// </summary>
/// <remarks>
/// Linear; its unique fixed point is every node at vs (tested). Initial voltages ~ U(0, vs) per node
/// (the published run starts from 0, which would give one trajectory only); horizon 7 (published tEnd).
/// </remarks>
public sealed class HTreeCircuitSystem : DynamicalSystem
{
    /// <summary>Source voltage vs (b1).</summary>
    public const double SourceVoltage = 2;
    private const double B2 = 0.5606494502496796, B3 = 0.5606494502496796, A11 = 1.1195700850873262;
    private static readonly double[] s_level2 = [0.5233235724597057, 0.5232821916287071];
    private static readonly double[] s_level3 = [0.603301590244999, 0.6033785530926093, 0.603325178373297, 0.6033616699243862];

    /// <inheritdoc/>
    public override string Name => "electrical";

    /// <inheritdoc/>
    public override IReadOnlyList<string> VariableNames { get; } = ["v11", "v21", "v22", "v31", "v32", "v33", "v34"];

    /// <inheritdoc/>
    public override double Horizon => 7;

    /// <inheritdoc/>
    public override double StepSize => 0.01;

    /// <inheritdoc/>
    public override void Derivative(ReadOnlySpan<double> s, Span<double> d)
    {
        d[0] = (A11 * (SourceVoltage - s[0])) - (B2 * (s[0] - s[1])) - (B3 * (s[0] - s[2]));
        d[1] = s_level2[0] * (s[0] - s[1]);
        d[2] = s_level2[1] * (s[0] - s[2]);
        for (int k = 0; k < 4; k++)
        {
            d[3 + k] = s_level3[k] * (s[1 + (k / 2)] - s[3 + k]);
        }
    }

    /// <inheritdoc/>
    public override void SampleInitialState(Random random, Span<double> state)
    {
        for (int i = 0; i < state.Length; i++)
        {
            state[i] = Uniform(random, 0, SourceVoltage);
        }
    }
}
