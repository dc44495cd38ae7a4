namespace LumpGen.Dynamics;

/// <summary>
/// An autonomous ODE system x' = f(x) used to make synthetic regression data: its variables, its
/// right-hand side, and how to draw the initial states the data set starts its trajectories from.
/// Implementations are stateless and thread-safe.
/// </summary>
public abstract class DynamicalSystem
{
    /// <summary>Short lower-case name (<c>polymerization</c>).</summary>
    public abstract string Name { get; }

    /// <summary>One name per state variable, in state order.</summary>
    public abstract IReadOnlyList<string> VariableNames { get; }

    /// <summary>Number of state variables.</summary>
    public int Dimension => VariableNames.Count;

    /// <summary>Time span each sampled trajectory is integrated over.</summary>
    public abstract double Horizon { get; }

    /// <summary>A fixed RK4 step that is stable and accurate for this system (well inside the stability limit of its fastest rate).</summary>
    public abstract double StepSize { get; }

    /// <summary>Variables whose derivative is identically zero (parameters carried as state); they are inputs but not regression targets.</summary>
    public virtual IReadOnlyList<int> ConstantVariables => [];

    /// <summary>Writes f(<paramref name="state"/>) into <paramref name="derivative"/> (both of length <see cref="Dimension"/>). No allocation.</summary>
    public abstract void Derivative(ReadOnlySpan<double> state, Span<double> derivative);

    /// <summary>Draws a random initial state around the published one (see each system's remarks).</summary>
    public abstract void SampleInitialState(Random random, Span<double> state);

    /// <summary>f(x) as a new array (convenience for tests).</summary>
    public double[] Derivative(ReadOnlySpan<double> state)
    {
        var d = new double[Dimension];
        Derivative(state, d);
        return d;
    }

    /// <summary>A uniform draw in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    protected static double Uniform(Random random, double low, double high)
    {
        ArgumentNullException.ThrowIfNull(random);
        return low + ((high - low) * random.NextDouble());
    }
}
