namespace LumpGen.Dynamics;

/// <summary>
/// The paper's "RN" (reaction network) set — its model is not public, so this is our choice: the KaiC
/// approximate-majority chemical reaction network of ERODE's <c>kaic.ode</c>
/// (<c>../shared/data/ode/ODE_MODELS.md</c> §4), mass action, species OO, OP, PO, PP:
/// OO+PP→OO+OP (k1 = 0.5), OO+PP→OP+PP (k2 = 0.5), OO+OP→2 OO (k3 = 1), PP+OP→2 PP (k4 = 1), and the
/// same four reactions with PO in place of OP.
/// </summary>
/// <remarks>
/// Chosen because it is a genuinely nonlinear (bimolecular) mass-action network from the same tool
/// chain, small enough to train on quickly, with checkable facts: the total OO + OP + PO + PP is
/// conserved and the consensus states (all OO, all PP) are fixed points (tested). OP and PO play
/// symmetric roles, so the ODE itself is exactly lumpable. Initial states: a random composition of
/// the published total of 300 molecules (PP = 200, OO = 100 at t = 0 there); horizon 0.05, by which
/// most trajectories have reached near-consensus.
/// </remarks>
public sealed class ApproximateMajoritySystem : DynamicalSystem
{
    /// <summary>Total amount OO + OP + PO + PP of the published initial state.</summary>
    public const double Total = 300;
    private const double K1 = 0.5, K2 = 0.5, K3 = 1, K4 = 1;

    /// <inheritdoc/>
    public override string Name => "rn";

    /// <inheritdoc/>
    public override IReadOnlyList<string> VariableNames { get; } = ["OO", "OP", "PO", "PP"];

    /// <inheritdoc/>
    public override double Horizon => 0.05;

    /// <inheritdoc/>
    public override double StepSize => 1e-4;

    /// <inheritdoc/>
    public override void Derivative(ReadOnlySpan<double> s, Span<double> d)
    {
        double oo = s[0], op = s[1], po = s[2], pp = s[3];
        double mixed = oo * pp;
        // For X in {OP, PO}: OO+PP -> OO+X (k1) and OO+PP -> X+PP (k2) each make one X; OO+X -> 2 OO (k3), PP+X -> 2 PP (k4) use one.
        double makeOp = (K1 + K2) * mixed, makePo = (K1 + K2) * mixed;
        double ooFromOp = K3 * oo * op, ppFromOp = K4 * pp * op;
        double ooFromPo = K3 * oo * po, ppFromPo = K4 * pp * po;
        d[0] = (-K2 * mixed * 2) + ooFromOp + ooFromPo;
        d[1] = makeOp - ooFromOp - ppFromOp;
        d[2] = makePo - ooFromPo - ppFromPo;
        d[3] = (-K1 * mixed * 2) + ppFromOp + ppFromPo;
    }

    /// <inheritdoc/>
    public override void SampleInitialState(Random random, Span<double> state)
    {
        double sum = 0;
        for (int i = 0; i < state.Length; i++)
        {
            state[i] = -Math.Log(1 - random.NextDouble()); // exponential draws, normalised: uniform on the simplex
            sum += state[i];
        }

        for (int i = 0; i < state.Length; i++)
        {
            state[i] *= Total / sum;
        }
    }
}
