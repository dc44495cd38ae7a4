using LumpGen.Data;

namespace LumpGen.Dynamics;

/// <summary>
/// Turns a <see cref="DynamicalSystem"/> into a regression task <b>state → vector field</b>: inputs are
/// states x visited by trajectories from random initial states, targets are f(x) (without the
/// <see cref="DynamicalSystem.ConstantVariables"/>).
/// </summary>
/// <remarks>
/// Why this task and not (initial state, t) → state: a network that computes f is exactly the object
/// the paper's ODE view is about (the trained network stands in for the system's drift); the targets
/// are exact (no integrator error in them, the integrator only decides where to sample); every sample
/// is an independent, equally weighted evaluation; and sampling along trajectories keeps the inputs
/// on the physically reachable part of state space rather than a box. Each trajectory is integrated
/// with <see cref="RungeKutta4"/> at <see cref="DynamicalSystem.StepSize"/> and sampled at
/// <c>samplesPerTrajectory</c> evenly spaced times in [0, horizon). Deterministic for a given seed.
/// </remarks>
public static class VectorFieldDataset
{
    /// <summary>Generates <paramref name="trajectories"/> × <paramref name="samplesPerTrajectory"/> rows.</summary>
    public static RegressionData Generate(DynamicalSystem system, int trajectories, int samplesPerTrajectory, int seed)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentOutOfRangeException.ThrowIfLessThan(trajectories, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(samplesPerTrajectory, 1);
        int n = system.Dimension;
        var outputs = Enumerable.Range(0, n).Where(i => !system.ConstantVariables.Contains(i)).ToArray();
        int rows = trajectories * samplesPerTrajectory;
        var features = new float[rows * n];
        var targets = new float[rows * outputs.Length];
        var random = new Random(seed);
        var integrator = new RungeKutta4(system);
        var state = new double[n];
        var derivative = new double[n];
        double interval = system.Horizon / samplesPerTrajectory;
        int row = 0;
        for (int t = 0; t < trajectories; t++)
        {
            system.SampleInitialState(random, state);
            for (int s = 0; s < samplesPerTrajectory; s++)
            {
                if (s > 0)
                {
                    integrator.Integrate(state, interval, system.StepSize);
                }

                system.Derivative(state, derivative);
                for (int i = 0; i < n; i++)
                {
                    features[(row * n) + i] = (float)state[i];
                }

                for (int o = 0; o < outputs.Length; o++)
                {
                    targets[(row * outputs.Length) + o] = (float)derivative[outputs[o]];
                }

                row++;
            }
        }

        return new RegressionData(
            system.Name,
            features,
            targets,
            system.VariableNames,
            [.. outputs.Select(i => "d" + system.VariableNames[i] + "/dt")]);
    }
}
