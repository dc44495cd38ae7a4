using System.Globalization;
using System.Text;

namespace LumpGen.Ode;

/// <summary>
/// A sparse multivariate polynomial with double coefficients: a map monomial → coefficient
/// (DESIGN §3.1). Terms whose coefficient becomes exactly 0 are removed; arithmetic is plain double,
/// so comparisons elsewhere use <see cref="OdeTolerance.Absolute"/>.
/// </summary>
public sealed class Polynomial
{
    private readonly Dictionary<Monomial, double> _terms;

    /// <summary>Creates the zero polynomial.</summary>
    public Polynomial() => _terms = [];

    /// <summary>Creates a copy of <paramref name="other"/>.</summary>
    public Polynomial(Polynomial other)
    {
        ArgumentNullException.ThrowIfNull(other);
        _terms = new Dictionary<Monomial, double>(other._terms);
    }

    /// <summary>The constant polynomial <paramref name="value"/>.</summary>
    public static Polynomial Constant(double value)
    {
        var p = new Polynomial();
        p.Add(Monomial.One, value);
        return p;
    }

    /// <summary>The polynomial x_<paramref name="variable"/>.</summary>
    public static Polynomial Variable(int variable)
    {
        var p = new Polynomial();
        p.Add(Monomial.Of(variable), 1.0);
        return p;
    }

    /// <summary>Number of non-zero terms.</summary>
    public int Count => _terms.Count;

    /// <summary>Whether this is the zero polynomial.</summary>
    public bool IsZero => _terms.Count == 0;

    /// <summary>The non-zero terms in no particular order.</summary>
    public IEnumerable<KeyValuePair<Monomial, double>> Terms => _terms;

    /// <summary>The terms sorted by <see cref="Monomial.CompareTo"/> (deterministic output).</summary>
    public IEnumerable<KeyValuePair<Monomial, double>> SortedTerms => _terms.OrderBy(t => t.Key);

    /// <summary>The coefficient of <paramref name="monomial"/> (0 when absent).</summary>
    public double this[Monomial monomial] => _terms.TryGetValue(monomial, out double c) ? c : 0.0;

    /// <summary>Whether the polynomial is constant (degree ≤ 0).</summary>
    public bool IsConstant => _terms.Keys.All(m => m.Degree == 0);

    /// <summary>The constant value; only meaningful when <see cref="IsConstant"/>.</summary>
    public double ConstantValue => this[Monomial.One];

    /// <summary>Adds c·<paramref name="monomial"/>; a coefficient that cancels to exactly 0 removes the term.</summary>
    public void Add(Monomial monomial, double coefficient)
    {
        if (coefficient == 0)
        {
            return;
        }

        ref double slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_terms, monomial, out _);
        slot += coefficient;
        if (slot == 0)
        {
            _terms.Remove(monomial);
        }
    }

    /// <summary>this += factor·<paramref name="other"/>.</summary>
    public void AddScaled(Polynomial other, double factor)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (m, c) in other._terms)
        {
            Add(m, c * factor);
        }
    }

    /// <summary>The product this·<paramref name="other"/>.</summary>
    public Polynomial Multiply(Polynomial other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var result = new Polynomial();
        foreach (var (m1, c1) in _terms)
        {
            foreach (var (m2, c2) in other._terms)
            {
                result.Add(m1.Multiply(m2), c1 * c2);
            }
        }

        return result;
    }

    /// <summary>this^<paramref name="exponent"/> for a non-negative integer exponent.</summary>
    public Polynomial Power(int exponent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(exponent);
        var result = Constant(1.0);
        for (int i = 0; i < exponent; i++)
        {
            result = result.Multiply(this);
        }

        return result;
    }

    /// <summary>The polynomial with every variable v replaced by <paramref name="map"/>[v]; equal monomials are merged.</summary>
    public Polynomial Rename(ReadOnlySpan<int> map)
    {
        var result = new Polynomial();
        foreach (var (m, c) in _terms)
        {
            result.Add(m.Rename(map), c);
        }

        return result;
    }

    /// <summary>Σ c·Π x[v] at the point <paramref name="x"/>.</summary>
    public double Evaluate(ReadOnlySpan<double> x)
    {
        double sum = 0;
        foreach (var (m, c) in _terms)
        {
            double term = c;
            foreach (int v in m.Variables)
            {
                term *= x[v];
            }

            sum += term;
        }

        return sum;
    }

    /// <summary>
    /// dist(p, q) = Σ over the union of monomials |coef_p − coef_q| (absolute, not normalised; DESIGN §3.1).
    /// Stops early and returns a value &gt; <paramref name="stopAbove"/> once the partial sum exceeds it.
    /// </summary>
    public static double Distance(Polynomial p, Polynomial q, double stopAbove = double.PositiveInfinity)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        double d = 0;
        foreach (var (m, c) in p._terms)
        {
            d += Math.Abs(c - q[m]);
            if (d > stopAbove)
            {
                return d;
            }
        }

        foreach (var (m, c) in q._terms)
        {
            if (!p._terms.ContainsKey(m))
            {
                d += Math.Abs(c);
                if (d > stopAbove)
                {
                    return d;
                }
            }
        }

        return d;
    }

    /// <summary>Human-readable form such as <c>2*x*y - 0.5*z + 1</c> using <paramref name="names"/>.</summary>
    public string ToString(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (_terms.Count == 0)
        {
            return "0";
        }

        var sb = new StringBuilder();
        foreach (var (m, c) in SortedTerms)
        {
            double magnitude = Math.Abs(c);
            sb.Append(sb.Length == 0 ? (c < 0 ? "-" : "") : (c < 0 ? " - " : " + "));
            string number = magnitude.ToString("R", CultureInfo.InvariantCulture);
            if (m.Degree == 0)
            {
                sb.Append(number);
            }
            else if (magnitude == 1)
            {
                sb.Append(m.ToString(names));
            }
            else
            {
                sb.Append(number).Append('*').Append(m.ToString(names));
            }
        }

        return sb.ToString();
    }

    /// <inheritdoc/>
    public override string ToString() => ToString([]);
}
