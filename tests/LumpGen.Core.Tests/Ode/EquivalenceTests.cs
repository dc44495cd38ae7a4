using LumpGen.Ode;

namespace LumpGen.Core.Tests.Ode;

public sealed class EquivalenceTests
{
    // dx0 = −x0 + x1·x2, dx1 = −x1 + x0·x2, dx2 = −x2: x0 and x1 are symmetric (exact FE and BE).
    private static OdeSystem Symmetric() => ErodeReader.Parse("""
        begin model sym
         begin init
          x0 = 1
          x1 = 1
          x2 = 3
         end init
         begin ODE
          d(x0) = -x0 + x1*x2
          d(x1) = -x1 + x0*x2
          d(x2) = -x2
         end ODE
        end model
        """);

    [Theory]
    [InlineData(DifferentialEquivalence.Forward)]
    [InlineData(DifferentialEquivalence.Backward)]
    public void Symmetric_variables_are_lumped_exactly(DifferentialEquivalence equivalence)
    {
        var reduction = OdeReducer.Reduce(Symmetric(), equivalence);
        Assert.Equal("{x0,x1},{x2}", reduction.Partition.ToString(reduction.Original.Names));
    }

    [Fact]
    public void Forward_quotient_drives_the_block_sums()
    {
        var system = Symmetric();
        var reduction = OdeReducer.Reduce(system, DifferentialEquivalence.Forward);
        double[] x = [0.3, 1.7, 2.2];
        double[] dx = new double[3];
        system.EvaluateDrift(x, dx);
        double[] y = [x[0] + x[1], x[2]];
        double[] dy = new double[2];
        reduction.Reduced.EvaluateDrift(y, dy);

        // d(x0 + x1)/dt = x2·(x0 + x1) − (x0 + x1): exact FE, so only rounding separates the two sides.
        Assert.Equal(dx[0] + dx[1], dy[0], 1e-12);
        Assert.Equal(dx[2], dy[1], 1e-12);
        Assert.Equal([2.0, 3.0], reduction.Reduced.InitialValues);
    }

    [Fact]
    public void Forward_distance_of_linear_drifts_is_three_times_the_l1_gap()
    {
        // f_z = 2·x + 0.5·y: α_{z,x} = 2, α_{z,y} = 0.5 → d(x, y) = 3·|2 − 0.5| = 4.5 (ERODE's factor 3).
        var system = new OdeSystem(["x", "y", "z"], [new Polynomial(), new Polynomial(), Linear((0, 2.0), (1, 0.5))]);
        var fde = new EpsilonForwardEquivalence(system);
        fde.Prepare(Partition.FromLabels([0, 0, 1]));
        Assert.Equal(4.5, fde.Distance(0, 1, double.PositiveInfinity), 1e-12); // small exact binary fractions
    }

    [Fact]
    public void Refinement_takes_the_transitive_closure()
    {
        // f_w = 0·a + 1·b + 2·c: d(a,b) = d(b,c) = 3 and d(a,c) = 6. At ε = 3 all three are one block.
        var system = new OdeSystem(["a", "b", "c", "w"], [new Polynomial(), new Polynomial(), new Polynomial(), Linear((1, 1.0), (2, 2.0))]);
        var initial = Partition.FromLabels([0, 0, 0, 1]);
        var chained = PartitionRefiner.Refine(new EpsilonForwardEquivalence(system), initial, 3);
        var tight = PartitionRefiner.Refine(new EpsilonForwardEquivalence(system), initial, 2.9);
        Assert.Equal(2, chained.Partition.BlockCount);
        Assert.Equal(4, tight.Partition.BlockCount);
    }

    [Fact]
    public void Backward_distance_compares_drifts_on_the_block_subspace()
    {
        // f_a = b, f_b = 1.2·a: with {a,b} one block both become (·)·a; d = |1 − 1.2| = 0.2.
        var system = new OdeSystem(["a", "b"], [Linear((1, 1.0)), Linear((0, 1.2))]);
        var bde = new EpsilonBackwardEquivalence(system);
        bde.Prepare(Partition.Single(2));
        Assert.Equal(0.2, bde.Distance(0, 1, double.PositiveInfinity), 1e-12); // 1.2 − 1 in double
        Assert.Equal(1, OdeReducer.Reduce(system, DifferentialEquivalence.Backward, 0.25).Partition.BlockCount);
        Assert.Equal(2, OdeReducer.Reduce(system, DifferentialEquivalence.Backward, 0.15).Partition.BlockCount);
    }

    private static Polynomial Linear(params (int Variable, double Coefficient)[] terms)
    {
        var p = new Polynomial();
        foreach (var (v, c) in terms)
        {
            p.Add(Monomial.Of(v), c);
        }

        return p;
    }
}
