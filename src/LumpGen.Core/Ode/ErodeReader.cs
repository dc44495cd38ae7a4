namespace LumpGen.Ode;

/// <summary>
/// Reads ERODE <c>.ode</c> models: <c>begin model NAME … end model</c> holding the sections
/// <c>parameters</c> (name = constant expression), <c>init</c> (species = constant expression; declares
/// the species), <c>partition</c> (<c>{a,b},{c}</c>; species not listed form one more block),
/// <c>ODE</c> (<c>d(x) = polynomial</c>) and mass-action <c>reactions</c> (<c>a + b -&gt; 2*c , rate</c>).
/// <c>views</c> sections are skipped; <c>//</c> starts a comment. Errors name the line, the token and
/// what was expected (<see cref="OdeFormatException"/>); nothing is returned half-read.
/// </summary>
public static class ErodeReader
{
    private static readonly string[] s_sections = ["parameters", "init", "partition", "ODE", "reactions", "views"];

    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    public static OdeSystem ReadFile(string path) => Parse(File.ReadAllText(path), Path.GetFileName(path));

    /// <summary>Parses <paramref name="text"/>; <paramref name="source"/> names it in error messages.</summary>
    public static OdeSystem Parse(string text, string source = "model.ode")
    {
        ArgumentNullException.ThrowIfNull(text);
        var state = new State(source);
        string[] lines = text.Split('\n');
        string? section = null;
        bool inModel = false, ended = false;
        for (int n = 1; n <= lines.Length; n++)
        {
            string line = StripComment(lines[n - 1]).Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var p = state.Line(line, n);
            if (ended)
            {
                throw p.Error("nothing after 'end model'");
            }

            if (!inModel)
            {
                p.Expect("begin", "'begin model NAME'");
                p.Expect("model", "'model' (files start with 'begin model NAME')");
                state.Name = p.AtEnd ? null : p.Next();
                inModel = true;
                continue;
            }

            if (p.Peek() == "begin" && section is null)
            {
                p.Next();
                string word = p.Peek();
                if (!s_sections.Contains(word, StringComparer.Ordinal))
                {
                    throw p.Error("a section: " + string.Join(", ", s_sections));
                }

                section = p.Next();
                p.ExpectEnd();
                continue;
            }

            if (p.Peek() == "end" && !line.StartsWith("end(", StringComparison.Ordinal))
            {
                p.Next();
                string expected = section ?? "model";
                p.Expect(expected, $"'end {expected}'");
                p.ExpectEnd();
                if (section is null)
                {
                    ended = true;
                }

                section = null;
                continue;
            }

            switch (section)
            {
                case "parameters": state.Parameter(p); break;
                case "init": state.Init(p); break;
                case "partition": state.PartitionLine(p); break;
                case "ODE": state.Ode(p); break;
                case "reactions": state.Reaction(p); break;
                case "views": break;
                default: throw p.Error("'begin <section>' or 'end model'");
            }
        }

        if (!ended)
        {
            throw new OdeFormatException(source, lines.Length, "", inModel ? $"'end {section ?? "model"}'" : "'begin model NAME'");
        }

        return state.Build();
    }

    private static string StripComment(string line)
    {
        int comment = line.IndexOf("//", StringComparison.Ordinal);
        return comment >= 0 ? line[..comment] : line;
    }

    private sealed class State(string source)
    {
        private readonly Dictionary<string, double> _parameters = new(StringComparer.Ordinal);
        private readonly List<KeyValuePair<string, double>> _parameterList = [];
        private readonly List<string> _species = [];
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        private readonly List<double> _init = [];
        private readonly List<Polynomial> _drifts = [];
        private readonly List<List<int>> _blocks = [];
        private readonly HashSet<int> _odeDeclared = [];
        private int _line;
        private string _statement = "";

        public string? Name { get; set; }

        public ErodeExpressionParser Line(string text, int line)
        {
            _line = line;
            _statement = text;
            return Constants(text);
        }

        public void Parameter(ErodeExpressionParser p)
        {
            string name = p.ExpectName("a parameter name");
            if (_parameters.ContainsKey(name))
            {
                throw new OdeFormatException(source, _line, name, "a parameter name not declared before");
            }

            p.Expect("=", "'=' after the parameter name");
            double value = p.ConstantExpression();
            p.ExpectEnd();
            _parameters.Add(name, value);
            _parameterList.Add(new(name, value));
        }

        public void Init(ErodeExpressionParser p)
        {
            string name = p.ExpectName("a species name");
            if (_index.ContainsKey(name) || _parameters.ContainsKey(name))
            {
                throw new OdeFormatException(source, _line, name, "a new species name (this one is already declared)");
            }

            double value = 0;
            if (!p.AtEnd)
            {
                p.Expect("=", "'=' and the initial value");
                value = p.ConstantExpression();
                p.ExpectEnd();
            }

            _index.Add(name, _species.Count);
            _species.Add(name);
            _init.Add(value);
            _drifts.Add(new Polynomial());
        }

        public void PartitionLine(ErodeExpressionParser p)
        {
            while (!p.AtEnd)
            {
                if (p.Peek() == ",")
                {
                    p.Next();
                }

                p.Expect("{", "'{' starting a block");
                var block = new List<int> { SpeciesIndex(p) };
                while (p.Peek() == ",")
                {
                    p.Next();
                    block.Add(SpeciesIndex(p));
                }

                p.Expect("}", "',' or '}'");
                _blocks.Add(block);
            }
        }

        public void Ode(ErodeExpressionParser _)
        {
            var p = Polynomials(StatementText());
            p.Expect("d", "'d(species) = expression'");
            p.Expect("(", "'(' after 'd'");
            int v = SpeciesIndex(p);
            p.Expect(")", "')'");
            p.Expect("=", "'='");
            if (!_odeDeclared.Add(v))
            {
                throw new OdeFormatException(source, _line, _species[v], "one equation per species");
            }

            _drifts[v].AddScaled(p.Expression(), 1.0);
            p.ExpectEnd();
        }

        public void Reaction(ErodeExpressionParser _)
        {
            string text = StatementText();
            int arrow = text.IndexOf("->", StringComparison.Ordinal);
            int comma = text.LastIndexOf(',');
            if (arrow < 0 || comma < arrow)
            {
                throw new OdeFormatException(source, _line, text, "a reaction 'reactants -> products , rate'");
            }

            var reactants = Complex(text[..arrow]);
            var products = Complex(text[(arrow + 2)..comma]);
            var rate = Constants(text[(comma + 1)..]);
            double k = rate.ConstantExpression();
            rate.ExpectEnd();

            // Mass action: the reaction fires at k·Π x_r^{s_r} and changes each species by (products − reactants).
            var monomial = Monomial.Of([.. reactants.SelectMany(r => Enumerable.Repeat(r.Key, r.Value))]);
            foreach (int v in reactants.Keys.Union(products.Keys))
            {
                int change = products.GetValueOrDefault(v) - reactants.GetValueOrDefault(v);
                _drifts[v].Add(monomial, change * k);
            }
        }

        public OdeSystem Build()
        {
            var partition = _blocks.Count == 0 ? null : Partition.FromBlocks(_species.Count, _blocks);
            return new OdeSystem(_species, _drifts, _init, partition, _parameterList, Name);
        }

        private string StatementText() => _statement;

        private Dictionary<int, int> Complex(string text)
        {
            var counts = new Dictionary<int, int>();
            var p = Constants(text);
            if (p.AtEnd)
            {
                return counts;
            }

            if (p.Peek() == "0")
            {
                p.Next();
                p.ExpectEnd();
                return counts;
            }

            while (true)
            {
                int multiplicity = 1;
                if (p.Peek() is { Length: > 0 } first && char.IsDigit(first[0]))
                {
                    string number = p.Next();
                    if (!int.TryParse(number, out multiplicity) || multiplicity < 1)
                    {
                        throw new OdeFormatException(source, _line, number, "a positive integer stoichiometry");
                    }

                    if (p.Peek() == "*")
                    {
                        p.Next();
                    }
                }

                int v = SpeciesIndex(p);
                counts[v] = counts.GetValueOrDefault(v) + multiplicity;
                if (p.AtEnd)
                {
                    return counts;
                }

                p.Expect("+", "'+' or '->' between species");
            }
        }

        private int SpeciesIndex(ErodeExpressionParser p)
        {
            string token = p.Peek();
            if (!_index.TryGetValue(token, out int v))
            {
                throw p.Error("a species declared in the init section");
            }

            p.Next();
            return v;
        }

        private ErodeExpressionParser Constants(string text) => new(text, source, _line)
        {
            Resolve = name => _parameters.TryGetValue(name, out double value) ? Polynomial.Constant(value) : null,
            NameKinds = "a parameter",
        };

        private ErodeExpressionParser Polynomials(string text) => new(text, source, _line)
        {
            Resolve = name => _parameters.TryGetValue(name, out double value) ? Polynomial.Constant(value)
                : _index.TryGetValue(name, out int v) ? Polynomial.Variable(v) : null,
            NameKinds = "a parameter or species",
        };
    }
}
