using LumpGen.Ode;
using LumpGen.Testing;

namespace LumpGen.Core.Tests.Ode;

public sealed class ErodeReaderTests
{
    private const string Small = """
        // a comment
        begin model tiny
         begin parameters
          k = 2
          half = k / 4
         end parameters
         begin init
          a = 1
          b = 2 * half
          c
         end init
         begin partition
          {a,b},{c}
         end partition
         begin reactions
          a + b -> c , k
          c -> 2*a , half   // trailing comment
          c -> 0 , 1
         end reactions
        end model
        """;

    [Fact]
    public void Reads_parameters_init_partition_and_mass_action_reactions()
    {
        var system = ErodeReader.Parse(Small);
        Assert.Equal("tiny", system.Name);
        Assert.Equal(["a", "b", "c"], system.Names);
        Assert.Equal([1.0, 1.0, 0.0], system.InitialValues);
        Assert.Equal(2, system.InitialPartition!.BlockCount);

        // da/dt = −k·a·b + 2·half·c, db/dt = −k·a·b, dc/dt = k·a·b − half·c − c  (k = 2, half = 0.5)
        Assert.Equal("c - 2*a*b", system.Drifts[0].ToString(system.Names));
        Assert.Equal("-2*a*b", system.Drifts[1].ToString(system.Names));
        Assert.Equal("-1.5*c + 2*a*b", system.Drifts[2].ToString(system.Names));
    }

    [Fact]
    public void Reads_an_ode_section()
    {
        var system = ErodeReader.Parse("""
            begin model m
             begin init
              x = 1
              y
             end init
             begin ODE
              d(x) = -(x - y)^2 + 3
              d(y) = x*y/2
             end ODE
            end model
            """);
        double[] point = [2, 5];
        Assert.Equal(-9 + 3, system.Drifts[0].Evaluate(point), 1e-12); // exact small integers: only rounding-free arithmetic
        Assert.Equal(5, system.Drifts[1].Evaluate(point), 1e-12);
    }

    [Theory]
    [InlineData("begin model m\n begin init\n  x = 1\n end init\n begin reactions\n  x -> z , 1\n end reactions\nend model", 6, "z", "a species declared in the init section")]
    [InlineData("begin model m\n begin init\n  x = 1 +\n end init\nend model", 3, "", "a number, a name or '('")]
    [InlineData("begin model m\n begin stuff\n end stuff\nend model", 2, "stuff", "a section: parameters, init, partition, ODE, reactions, views")]
    [InlineData("begin model m\n begin parameters\n  k = x\n end parameters\nend model", 3, "x", "a parameter declared earlier")]
    [InlineData("begin model m\n begin init\n  x = 1\n end init\n begin ODE\n  d(x) = x / x\n end ODE\nend model", 6, "x", "a non-zero constant divisor")]
    [InlineData("begin model m\n begin init\n  x = 1\n end init\n begin partition\n  {x,\n end partition\nend model", 6, "", "a species declared in the init section")]
    [InlineData("begin model m\n begin init\n  x = 1\n end init", 4, "", "'end model'")]
    [InlineData("model m", 1, "model", "'begin model NAME'")]
    public void Bad_input_names_line_token_and_expectation(string text, int line, string token, string expected)
    {
        var error = Assert.Throws<OdeFormatException>(() => ErodeReader.Parse(text, "bad.ode"));
        Assert.Equal(line, error.Line);
        Assert.Equal(token, error.Token);
        Assert.Equal(expected, error.Expected);
        Assert.StartsWith($"bad.ode:{line}: found ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Writer_round_trips_a_model_exactly()
    {
        var system = ErodeReader.ReadFile(RepoPaths.Data("ode", "erode-mln", "out_arenasPLsynth2_100_0._ode"));
        var again = ErodeReader.Parse(ErodeWriter.WriteToString(system));
        Assert.Equal(system.Names, again.Names);
        Assert.Equal(system.InitialValues, again.InitialValues);
        Assert.Equal(system.InitialPartition, again.InitialPartition);
        for (int v = 0; v < system.VariableCount; v++)
        {
            Assert.Equal(0.0, Polynomial.Distance(system.Drifts[v], again.Drifts[v])); // "R" formatting round-trips doubles exactly
        }
    }

    [Fact]
    public void Reads_erodes_own_reduced_files()
    {
        // ERODE's output has a views section and initial values like "1+1+1"; both must be accepted.
        var reduced = ErodeReader.ReadFile(RepoPaths.Data("ode", "erode-mln", "fe_out_arenasPLsynth2_100_0._ode"));
        Assert.Equal(258, reduced.VariableCount);
        Assert.Equal(8.0, reduced.InitialValues[reduced.IndexOf("ai4")]);
    }
}
