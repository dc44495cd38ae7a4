namespace LumpGen.Dynamics;

/// <summary>
/// The classical fixed-step fourth-order Runge–Kutta integrator:
/// x(t+h) = x + h/6·(k1 + 2k2 + 2k3 + k4), k1 = f(x), k2 = f(x + h/2·k1), k3 = f(x + h/2·k2), k4 = f(x + h·k3).
/// Local error O(h⁵). Scratch buffers are allocated once per instance; <see cref="Step"/> does not allocate.
/// Not thread-safe (one instance per thread).
/// </summary>
public sealed class RungeKutta4
{
    private readonly DynamicalSystem _system;
    private readonly double[] _k1, _k2, _k3, _k4, _tmp;

    /// <summary>Creates an integrator for <paramref name="system"/>.</summary>
    public RungeKutta4(DynamicalSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        _system = system;
        int n = system.Dimension;
        _k1 = new double[n];
        _k2 = new double[n];
        _k3 = new double[n];
        _k4 = new double[n];
        _tmp = new double[n];
    }

    /// <summary>Advances <paramref name="state"/> by one step of size <paramref name="h"/>, in place.</summary>
    public void Step(Span<double> state, double h)
    {
        int n = _system.Dimension;
        if (state.Length != n)
        {
            throw new ArgumentException($"The system has {n} variables; the state has {state.Length}.", nameof(state));
        }

        _system.Derivative(state, _k1);
        for (int i = 0; i < n; i++)
        {
            _tmp[i] = state[i] + (0.5 * h * _k1[i]);
        }

        _system.Derivative(_tmp, _k2);
        for (int i = 0; i < n; i++)
        {
            _tmp[i] = state[i] + (0.5 * h * _k2[i]);
        }

        _system.Derivative(_tmp, _k3);
        for (int i = 0; i < n; i++)
        {
            _tmp[i] = state[i] + (h * _k3[i]);
        }

        _system.Derivative(_tmp, _k4);
        for (int i = 0; i < n; i++)
        {
            state[i] += h / 6.0 * (_k1[i] + (2 * _k2[i]) + (2 * _k3[i]) + _k4[i]);
        }
    }

    /// <summary>Integrates over <paramref name="duration"/> with steps of at most <paramref name="maxStep"/> (the last interval is split evenly so the end time is hit exactly).</summary>
    public void Integrate(Span<double> state, double duration, double maxStep)
    {
        if (!(duration >= 0) || !(maxStep > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(duration), "The duration must be ≥ 0 and the step > 0.");
        }

        int steps = (int)Math.Ceiling(duration / maxStep);
        if (steps == 0)
        {
            return;
        }

        double h = duration / steps;
        for (int s = 0; s < steps; s++)
        {
            Step(state, h);
        }
    }
}
