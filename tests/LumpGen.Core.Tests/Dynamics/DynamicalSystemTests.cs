using LumpGen.Data;
using LumpGen.Dynamics;

namespace LumpGen.Core.Tests.Dynamics;

public class DynamicalSystemTests
{
    // Invariants of exact ODEs hold along RK4 trajectories up to the integrator's error; with the
    // systems' step sizes that error is ~1e-9 relative, so 1e-6 relative leaves room without hiding a wrong term.
    private const double Tolerance = 1e-6;

    [Fact]
    public void Polymerization_conserves_hydrogen_and_grows_aromatics_at_the_source_rate()
    {
        var system = new PolymerizationSystem();
        var state = new double[10];
        system.SampleInitialState(new Random(1), state);
        static double Hydrogen(ReadOnlySpan<double> s) => s[4] + s[5] + ((s[6] + s[7] + s[8]) / 2);
        static double Aromatics(ReadOnlySpan<double> s) => s[0] + s[1] + s[2] + s[3] + s[7] + s[8];
        double h0 = Hydrogen(state), a0 = Aromatics(state), source = state[9];
        new RungeKutta4(system).Integrate(state, system.Horizon, system.StepSize);
        Assert.Equal(h0, Hydrogen(state), h0 * Tolerance);
        Assert.Equal(a0 + (PolymerizationSystem.R0 * source * system.Horizon), Aromatics(state), a0 * Tolerance);
        Assert.Equal(source, state[9]); // I' = 0
        Assert.All(state, v => Assert.True(v >= 0, "mass action keeps amounts non-negative"));
    }

    [Fact]
    public void Electrical_network_has_every_node_at_the_source_voltage_as_fixed_point()
    {
        var system = new HTreeCircuitSystem();
        var atSource = Enumerable.Repeat(HTreeCircuitSystem.SourceVoltage, 7).ToArray();
        Assert.All(system.Derivative(atSource), d => Assert.Equal(0, d, 1e-15));
        var state = new double[7];
        system.SampleInitialState(new Random(2), state);
        new RungeKutta4(system).Integrate(state, 150, system.StepSize); // many times the slowest time constant
        Assert.All(state, v => Assert.Equal(HTreeCircuitSystem.SourceVoltage, v, 1e-6));
    }

    [Fact]
    public void Glycolysis_satisfies_the_carbon_balance_and_stays_in_its_pools()
    {
        var system = new YeastGlycolysisSystem();
        var random = new Random(3);
        var state = new double[7];
        var v = new double[8];
        for (int trial = 0; trial < 20; trial++)
        {
            system.SampleInitialState(random, state);
            var d = system.Derivative(state);
            YeastGlycolysisSystem.Rates(state, v);
            double lhs = (2 * d[0]) + d[1] + d[2] + d[3] + (d[4] / YeastGlycolysisSystem.Phi);
            double rhs = (2 * YeastGlycolysisSystem.J0) - v[3] - v[5] - v[6];
            Assert.Equal(rhs, lhs, 1e-9 * Math.Max(1, Math.Abs(rhs)));
        }

        YeastGlycolysisSystem.PublishedState.CopyTo(state);
        new RungeKutta4(system).Integrate(state, 20, system.StepSize);
        Assert.All(state, x => Assert.True(x > 0, "concentrations stay positive"));
        Assert.InRange(state[5], 0, YeastGlycolysisSystem.ATotal); // ATP within the adenosine pool
        Assert.InRange(state[6], 0, YeastGlycolysisSystem.NTotal); // NADH within the NAD pool
    }

    [Fact]
    public void Approximate_majority_conserves_molecules_and_has_consensus_fixed_points()
    {
        var system = new ApproximateMajoritySystem();
        Assert.All(system.Derivative([300, 0, 0, 0]), d => Assert.Equal(0, d));
        Assert.All(system.Derivative([0, 0, 0, 300]), d => Assert.Equal(0, d));
        var state = new double[] { 100, 0, 0, 200 }; // kaic.ode's initial state
        new RungeKutta4(system).Integrate(state, 0.2, system.StepSize);
        Assert.Equal(ApproximateMajoritySystem.Total, state.Sum(), ApproximateMajoritySystem.Total * Tolerance);
        Assert.True(state[3] > 0.99 * ApproximateMajoritySystem.Total, $"the majority (PP) wins: {string.Join(", ", state)}");
        Assert.Equal(state[1], state[2], 1e-9); // OP and PO are symmetric
    }

    [Fact]
    public void Rk4_is_fourth_order_on_exponential_decay()
    {
        // x' = −x from x(0) = 1 has x(2) = e^−2; halving h divides the global error by ≈ 2⁴ = 16.
        var system = new Decay();
        double Error(double h)
        {
            var s = new double[] { 1 };
            new RungeKutta4(system).Integrate(s, 2, h);
            return Math.Abs(s[0] - Math.Exp(-2));
        }

        Assert.InRange(Error(0.1) / Error(0.05), 15, 17.5); // 17.4 at h = 0.2: the asymptotic regime starts below it
        Assert.True(Error(0.1) < 1e-6);
    }

    private sealed class Decay : DynamicalSystem
    {
        public override string Name => "decay";

        public override IReadOnlyList<string> VariableNames => ["x"];

        public override double Horizon => 1;

        public override double StepSize => 0.1;

        public override void Derivative(ReadOnlySpan<double> state, Span<double> derivative) => derivative[0] = -state[0];

        public override void SampleInitialState(Random random, Span<double> state) => state[0] = 1;
    }

    [Theory]
    [InlineData("polymerization", 10, 9)]
    [InlineData("electrical", 7, 7)]
    [InlineData("glycolytic", 7, 7)]
    [InlineData("rn", 4, 4)]
    public void Vector_field_data_has_states_as_features_and_derivatives_as_targets(string name, int features, int targets)
    {
        var data = BuiltInDatasets.Load(name, syntheticRows: 200);
        Assert.Equal(200, data.Rows);
        Assert.Equal(features, data.FeatureCount);
        Assert.Equal(targets, data.TargetCount);
        var system = BuiltInDatasets.System(name)!;
        var x = data.FeatureRow(57).ToArray().Select(v => (double)v).ToArray();
        var d = system.Derivative(x);
        // Targets were computed from the double state before it was rounded to float features, so compare loosely.
        Assert.Equal(d[0], data.TargetRow(57)[0], 1e-3 * Math.Max(1, Math.Abs(d[0])));
        Assert.Equal(data.Features, BuiltInDatasets.Load(name, syntheticRows: 200).Features); // deterministic
    }
}
