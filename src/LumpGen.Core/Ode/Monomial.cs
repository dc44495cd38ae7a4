using System.Text;

namespace LumpGen.Ode;

/// <summary>
/// A monomial x_{v1}·x_{v2}·…·x_{vk}: a multiset of variable indices, stored sorted so that equal
/// multisets compare equal. The empty monomial is the constant 1. Immutable; value equality.
/// </summary>
/// <remarks>
/// Monomials of network encodings and mass-action models have degree 0–3, so a small sorted array is
/// both the simplest and the fastest representation (hashing a few ints beats any tree of exponents).
/// </remarks>
public readonly struct Monomial : IEquatable<Monomial>, IComparable<Monomial>
{
    private static readonly int[] s_empty = [];
    private readonly int[]? _variables;
    private readonly int _hash;

    private Monomial(int[] sortedVariables)
    {
        _variables = sortedVariables;
        var hash = new HashCode();
        foreach (int v in sortedVariables)
        {
            hash.Add(v);
        }

        _hash = hash.ToHashCode();
    }

    /// <summary>The constant monomial 1.</summary>
    public static Monomial One => new(s_empty);

    /// <summary>The monomial of one variable, x_v.</summary>
    public static Monomial Of(int variable)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(variable);
        return new Monomial([variable]);
    }

    /// <summary>The product of the given variables (repeats are powers; order does not matter).</summary>
    public static Monomial Of(params ReadOnlySpan<int> variables)
    {
        int[] copy = variables.ToArray();
        foreach (int v in copy)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(v);
        }

        Array.Sort(copy);
        return new Monomial(copy);
    }

    /// <summary>The variable indices with repetition, ascending.</summary>
    public ReadOnlySpan<int> Variables => _variables ?? s_empty;

    /// <summary>Total degree (number of factors).</summary>
    public int Degree => Variables.Length;

    /// <summary>The exponent of <paramref name="variable"/>.</summary>
    public int Exponent(int variable)
    {
        int count = 0;
        foreach (int v in Variables)
        {
            if (v == variable)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Whether x_<paramref name="variable"/> divides this monomial.</summary>
    public bool Contains(int variable) => Variables.BinarySearch(variable) >= 0;

    /// <summary>The product of two monomials (multiset union).</summary>
    public Monomial Multiply(Monomial other)
    {
        var a = Variables;
        var b = other.Variables;
        if (b.IsEmpty)
        {
            return this;
        }

        if (a.IsEmpty)
        {
            return other;
        }

        var merged = new int[a.Length + b.Length];
        int i = 0, j = 0, k = 0;
        while (i < a.Length && j < b.Length)
        {
            merged[k++] = a[i] <= b[j] ? a[i++] : b[j++];
        }

        while (i < a.Length)
        {
            merged[k++] = a[i++];
        }

        while (j < b.Length)
        {
            merged[k++] = b[j++];
        }

        return new Monomial(merged);
    }

    /// <summary>This monomial with every variable v replaced by <paramref name="map"/>[v] (re-sorted).</summary>
    public Monomial Rename(ReadOnlySpan<int> map)
    {
        var vars = Variables;
        if (vars.IsEmpty)
        {
            return this;
        }

        var renamed = new int[vars.Length];
        for (int i = 0; i < vars.Length; i++)
        {
            renamed[i] = map[vars[i]];
        }

        Array.Sort(renamed);
        return new Monomial(renamed);
    }

    /// <summary>Splits off every factor x_a and x_b: returns the rest and the two exponents.</summary>
    internal Monomial Without(int a, int b, out int exponentA, out int exponentB)
    {
        exponentA = 0;
        exponentB = 0;
        var vars = Variables;
        int kept = 0;
        foreach (int v in vars)
        {
            if (v == a)
            {
                exponentA++;
            }
            else if (v == b)
            {
                exponentB++;
            }
            else
            {
                kept++;
            }
        }

        if (kept == vars.Length)
        {
            return this;
        }

        var rest = new int[kept];
        int k = 0;
        foreach (int v in vars)
        {
            if (v != a && v != b)
            {
                rest[k++] = v;
            }
        }

        return new Monomial(rest);
    }

    /// <summary>x_a^<paramref name="powerA"/>·x_b^<paramref name="powerB"/> times this monomial.</summary>
    internal Monomial Times(int a, int powerA, int b, int powerB)
    {
        if (powerA + powerB == 0)
        {
            return this;
        }

        var factors = new int[powerA + powerB];
        factors.AsSpan(0, powerA).Fill(a);
        factors.AsSpan(powerA).Fill(b);
        Array.Sort(factors);
        return Multiply(new Monomial(factors));
    }

    /// <summary>Writes the monomial as <c>x*y*y</c> (or <c>1</c>) using <paramref name="names"/>.</summary>
    public string ToString(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (Variables.IsEmpty)
        {
            return "1";
        }

        var sb = new StringBuilder();
        foreach (int v in Variables)
        {
            if (sb.Length > 0)
            {
                sb.Append('*');
            }

            sb.Append(v < names.Count ? names[v] : "x" + v.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    /// <inheritdoc/>
    public override string ToString() => ToString([]);

    /// <inheritdoc/>
    public bool Equals(Monomial other) => _hash == other._hash && Variables.SequenceEqual(other.Variables);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Monomial other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _hash;

    /// <summary>Graded lexicographic order: lower degree first, then by variable indices.</summary>
    public int CompareTo(Monomial other)
    {
        int c = Degree.CompareTo(other.Degree);
        return c != 0 ? c : Variables.SequenceCompareTo(other.Variables);
    }

    /// <summary>Value equality.</summary>
    public static bool operator ==(Monomial left, Monomial right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(Monomial left, Monomial right) => !left.Equals(right);

    /// <summary>Graded lexicographic order.</summary>
    public static bool operator <(Monomial left, Monomial right) => left.CompareTo(right) < 0;

    /// <summary>Graded lexicographic order.</summary>
    public static bool operator >(Monomial left, Monomial right) => left.CompareTo(right) > 0;

    /// <summary>Graded lexicographic order.</summary>
    public static bool operator <=(Monomial left, Monomial right) => left.CompareTo(right) <= 0;

    /// <summary>Graded lexicographic order.</summary>
    public static bool operator >=(Monomial left, Monomial right) => left.CompareTo(right) >= 0;
}
