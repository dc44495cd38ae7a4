using System.Globalization;

namespace LumpGen.Ode;

/// <summary>
/// Tokens and arithmetic of one <c>.ode</c> line: numbers, names, <c>+ - * / ^ ( ) , { } -&gt;</c>.
/// Expressions evaluate to <see cref="Polynomial"/>s: parameters are constants, species are variables;
/// division and powers are allowed where they keep the result polynomial (constant divisor,
/// non-negative integer exponent).
/// </summary>
internal sealed class ErodeExpressionParser
{
    private readonly string _text;
    private readonly string _source;
    private readonly int _line;
    private int _pos;

    public ErodeExpressionParser(string text, string source, int line)
    {
        _text = text;
        _source = source;
        _line = line;
        Skip();
    }

    /// <summary>Resolves a name to a polynomial, or null when the name is unknown here.</summary>
    public Func<string, Polynomial?> Resolve { get; init; } = _ => null;

    /// <summary>What a name may be, for error messages ("a parameter", "a parameter or species").</summary>
    public string NameKinds { get; init; } = "a parameter";

    public bool AtEnd => _pos >= _text.Length;

    /// <summary>The next token without consuming it ("" at the end).</summary>
    public string Peek()
    {
        if (AtEnd)
        {
            return "";
        }

        char c = _text[_pos];
        if (char.IsLetter(c) || c == '_')
        {
            int end = _pos;
            while (end < _text.Length && (char.IsLetterOrDigit(_text[end]) || _text[end] == '_'))
            {
                end++;
            }

            return _text[_pos..end];
        }

        if (char.IsDigit(c) || (c == '.' && _pos + 1 < _text.Length && char.IsDigit(_text[_pos + 1])))
        {
            int end = _pos;
            while (end < _text.Length && (char.IsDigit(_text[end]) || _text[end] == '.'))
            {
                end++;
            }

            if (end < _text.Length && (_text[end] == 'e' || _text[end] == 'E'))
            {
                int exp = end + 1;
                if (exp < _text.Length && (_text[exp] == '+' || _text[exp] == '-'))
                {
                    exp++;
                }

                if (exp < _text.Length && char.IsDigit(_text[exp]))
                {
                    end = exp;
                    while (end < _text.Length && char.IsDigit(_text[end]))
                    {
                        end++;
                    }
                }
            }

            return _text[_pos..end];
        }

        return c == '-' && _pos + 1 < _text.Length && _text[_pos + 1] == '>' ? "->" : c.ToString();
    }

    public string Next()
    {
        string token = Peek();
        _pos += token.Length;
        Skip();
        return token;
    }

    public void Expect(string token, string expected)
    {
        if (Peek() != token)
        {
            throw Error(expected);
        }

        Next();
    }

    public string ExpectName(string expected)
    {
        string token = Peek();
        if (token.Length == 0 || !(char.IsLetter(token[0]) || token[0] == '_'))
        {
            throw Error(expected);
        }

        return Next();
    }

    public void ExpectEnd()
    {
        if (!AtEnd)
        {
            throw Error("the end of the line");
        }
    }

    public OdeFormatException Error(string expected) => new(_source, _line, Peek(), expected);

    /// <summary>expr := term (('+' | '-') term)*.</summary>
    public Polynomial Expression()
    {
        var sum = Term();
        while (Peek() is "+" or "-")
        {
            double sign = Next() == "+" ? 1 : -1;
            sum.AddScaled(Term(), sign);
        }

        return sum;
    }

    /// <summary>A constant expression (no species).</summary>
    public double ConstantExpression()
    {
        var p = Expression();
        if (!p.IsConstant)
        {
            throw new OdeFormatException(_source, _line, _text.Trim(), "a constant expression (no species)");
        }

        return p.ConstantValue;
    }

    private Polynomial Term()
    {
        var product = Unary();
        while (Peek() is "*" or "/")
        {
            bool divide = Next() == "/";
            int start = _pos;
            var right = Unary();
            if (!divide)
            {
                product = product.Multiply(right);
                continue;
            }

            if (!right.IsConstant || right.ConstantValue == 0)
            {
                throw new OdeFormatException(_source, _line, _text[start.._pos].Trim(), "a non-zero constant divisor");
            }

            var quotient = new Polynomial();
            quotient.AddScaled(product, 1.0 / right.ConstantValue);
            product = quotient;
        }

        return product;
    }

    private Polynomial Unary()
    {
        if (Peek() is "-" or "+")
        {
            double sign = Next() == "-" ? -1 : 1;
            var operand = Unary();
            var result = new Polynomial();
            result.AddScaled(operand, sign);
            return result;
        }

        var value = Primary();
        if (Peek() == "^")
        {
            Next();
            int start = _pos;
            var exponent = Unary();
            double e = exponent.ConstantValue;
            if (!exponent.IsConstant || e < 0 || e != Math.Floor(e) || e > 64)
            {
                throw new OdeFormatException(_source, _line, _text[start.._pos].Trim(), "a non-negative integer exponent");
            }

            value = value.Power((int)e);
        }

        return value;
    }

    private Polynomial Primary()
    {
        string token = Peek();
        if (token == "(")
        {
            Next();
            var inner = Expression();
            Expect(")", "')'");
            return inner;
        }

        if (token.Length > 0 && (char.IsDigit(token[0]) || token[0] == '.'))
        {
            if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double number))
            {
                throw Error("a number");
            }

            Next();
            return Polynomial.Constant(number);
        }

        if (token.Length > 0 && (char.IsLetter(token[0]) || token[0] == '_'))
        {
            var resolved = Resolve(token) ?? throw Error(NameKinds + " declared earlier");
            Next();
            return resolved;
        }

        throw Error("a number, a name or '('");
    }

    private void Skip()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
        {
            _pos++;
        }
    }
}
