namespace LumpGen.Ode;

/// <summary>
/// A polynomial ODE system dx_v/dt = f_v(x), v = 0..n−1 (DESIGN §3.1), with initial values, the
/// named constants it was written with, and optionally the initial partition the reductions must
/// refine (ERODE's <c>partition</c> section).
/// </summary>
/// <remarks>The drifts are owned by the system after construction; do not change them.</remarks>
public sealed class OdeSystem
{
    private readonly string[] _names;
    private readonly Polynomial[] _drifts;
    private readonly double[] _initialValues;
    private readonly Dictionary<string, int> _index;

    /// <summary>Creates a system and checks that every drift only mentions variables 0..n−1.</summary>
    /// <param name="names">Distinct variable names.</param>
    /// <param name="drifts">f_v for each variable.</param>
    /// <param name="initialValues">x_v(0) (zeros when null).</param>
    /// <param name="initialPartition">The partition reductions start from (null: one block for everything).</param>
    /// <param name="parameters">Named constants, in declaration order (kept for writing the model back).</param>
    /// <param name="name">The model's name.</param>
    /// <exception cref="ArgumentException">Lengths differ, a name repeats, or a drift mentions an unknown variable.</exception>
    public OdeSystem(
        IReadOnlyList<string> names,
        IReadOnlyList<Polynomial> drifts,
        IReadOnlyList<double>? initialValues = null,
        Partition? initialPartition = null,
        IReadOnlyList<KeyValuePair<string, double>>? parameters = null,
        string? name = null)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(drifts);
        _names = [.. names];
        _drifts = [.. drifts];
        if (_drifts.Length != _names.Length)
        {
            throw new ArgumentException($"{_names.Length} variables but {_drifts.Length} drifts.", nameof(drifts));
        }

        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int v = 0; v < _names.Length; v++)
        {
            if (!_index.TryAdd(_names[v], v))
            {
                throw new ArgumentException($"The variable name '{_names[v]}' is used twice.", nameof(names));
            }
        }

        for (int v = 0; v < _drifts.Length; v++)
        {
            foreach (var (m, _) in _drifts[v].Terms)
            {
                foreach (int u in m.Variables)
                {
                    if ((uint)u >= (uint)_names.Length)
                    {
                        throw new ArgumentException($"The drift of '{_names[v]}' mentions variable {u}, outside 0..{_names.Length - 1}.", nameof(drifts));
                    }
                }
            }
        }

        _initialValues = initialValues is null ? new double[_names.Length] : [.. initialValues];
        if (_initialValues.Length != _names.Length)
        {
            throw new ArgumentException($"{_names.Length} variables but {_initialValues.Length} initial values.", nameof(initialValues));
        }

        if (initialPartition is not null && initialPartition.VariableCount != _names.Length)
        {
            throw new ArgumentException($"The initial partition covers {initialPartition.VariableCount} variables, not {_names.Length}.", nameof(initialPartition));
        }

        InitialPartition = initialPartition;
        Parameters = parameters ?? [];
        Name = name;
    }

    /// <summary>n, the number of variables.</summary>
    public int VariableCount => _names.Length;

    /// <summary>Variable names, by index.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>f_v, by variable index.</summary>
    public IReadOnlyList<Polynomial> Drifts => _drifts;

    /// <summary>x_v(0), by variable index.</summary>
    public IReadOnlyList<double> InitialValues => _initialValues;

    /// <summary>The partition a reduction starts from, or null (one block).</summary>
    public Partition? InitialPartition { get; }

    /// <summary>The initial partition, or one block holding every variable.</summary>
    public Partition InitialPartitionOrSingle => InitialPartition ?? Partition.Single(VariableCount);

    /// <summary>Named constants in declaration order.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Parameters { get; }

    /// <summary>The model's name, or null.</summary>
    public string? Name { get; }

    /// <summary>Number of terms over all drifts.</summary>
    public int TermCount => _drifts.Sum(d => d.Count);

    /// <summary>The index of the variable called <paramref name="name"/>, or −1.</summary>
    public int IndexOf(string name) => _index.TryGetValue(name, out int v) ? v : -1;

    /// <summary>f(x) at the point <paramref name="x"/>, written into <paramref name="derivative"/>.</summary>
    public void EvaluateDrift(ReadOnlySpan<double> x, Span<double> derivative)
    {
        for (int v = 0; v < _drifts.Length; v++)
        {
            derivative[v] = _drifts[v].Evaluate(x);
        }
    }

    /// <summary>The same equations with another initial partition.</summary>
    public OdeSystem WithInitialPartition(Partition? partition) =>
        new(_names, _drifts, _initialValues, partition, Parameters, Name);
}
