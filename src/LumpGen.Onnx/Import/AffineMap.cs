namespace LumpGen.Onnx.Import;

/// <summary>
/// An affine map y = A·x + c between feature vectors, with A stored as sparse rows. The importer keeps one
/// such map from the last nonlinearity (or the input) to the tensor being built: elementwise constants
/// make it diagonal, Gemm/MatMul make it dense, and an activation turns it into a <c>DenseLayer</c>.
/// </summary>
/// <remarks>All arithmetic is double; values become float32 only when a layer or transform is built.</remarks>
internal sealed class AffineMap
{
    private readonly int[][] _columns;
    private readonly double[][] _coefficients;
    private readonly double[] _constant;

    public AffineMap(int inCount, int[][] columns, double[][] coefficients, double[] constant)
    {
        InCount = inCount;
        _columns = columns;
        _coefficients = coefficients;
        _constant = constant;
    }

    /// <summary>Length of x.</summary>
    public int InCount { get; }

    /// <summary>Length of y.</summary>
    public int OutCount => _constant.Length;

    /// <summary>c.</summary>
    public ReadOnlySpan<double> Constant => _constant;

    /// <summary>y = x.</summary>
    public static AffineMap Identity(int count)
    {
        var columns = new int[count][];
        var coefficients = new double[count][];
        for (int i = 0; i < count; i++)
        {
            columns[i] = [i];
            coefficients[i] = [1.0];
        }

        return new AffineMap(count, columns, coefficients, new double[count]);
    }

    /// <summary>True when y = x exactly.</summary>
    public bool IsIdentity
    {
        get
        {
            if (OutCount != InCount)
            {
                return false;
            }

            for (int i = 0; i < OutCount; i++)
            {
                if (_constant[i] != 0 || _columns[i].Length != 1 || _columns[i][0] != i || _coefficients[i][0] != 1.0)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>y_i = x_{source[i]} rows (and constants) gathered: broadcasting, concatenation, transposition.</summary>
    public AffineMap Gather(int[] source)
    {
        var columns = new int[source.Length][];
        var coefficients = new double[source.Length][];
        var constant = new double[source.Length];
        for (int i = 0; i < source.Length; i++)
        {
            columns[i] = _columns[source[i]];
            coefficients[i] = _coefficients[source[i]];
            constant[i] = _constant[source[i]];
        }

        return new AffineMap(InCount, columns, coefficients, constant);
    }

    /// <summary>y_i ← a_i·y_i + b_i (elementwise Mul/Div/Add/Sub with constants, folded batch normalisation).</summary>
    public AffineMap ScaleShift(double[]? scale, double[]? shift)
    {
        var columns = new int[OutCount][];
        var coefficients = new double[OutCount][];
        var constant = new double[OutCount];
        for (int i = 0; i < OutCount; i++)
        {
            double a = scale?[i] ?? 1.0;
            columns[i] = _columns[i];
            coefficients[i] = a == 1.0 ? _coefficients[i] : [.. _coefficients[i].Select(v => v * a)];
            constant[i] = (_constant[i] * a) + (shift?[i] ?? 0.0);
        }

        return new AffineMap(InCount, columns, coefficients, constant);
    }

    /// <summary>this ± other, both maps from the same x to equally long y.</summary>
    public AffineMap Combine(AffineMap other, double sign)
    {
        var step = new int[OutCount][];
        var stepCoefficients = new double[OutCount][];
        var both = Concatenate([this, other]);
        for (int i = 0; i < OutCount; i++)
        {
            step[i] = [i, OutCount + i];
            stepCoefficients[i] = [1.0, sign];
        }

        return new AffineMap(both.OutCount, step, stepCoefficients, new double[OutCount]).After(both);
    }

    /// <summary>y = [y_1; y_2; …] for maps from the same x.</summary>
    public static AffineMap Concatenate(IReadOnlyList<AffineMap> parts)
    {
        int inCount = parts[0].InCount;
        var columns = new List<int[]>();
        var coefficients = new List<double[]>();
        var constant = new List<double>();
        foreach (var part in parts)
        {
            columns.AddRange(part._columns);
            coefficients.AddRange(part._coefficients);
            constant.AddRange(part._constant);
        }

        return new AffineMap(inCount, [.. columns], [.. coefficients], [.. constant]);
    }

    /// <summary>A map from <paramref name="inCount"/> inputs that ignores them: y = values.</summary>
    public static AffineMap ConstantOnly(int inCount, double[] values)
    {
        var columns = new int[values.Length][];
        var coefficients = new double[values.Length][];
        for (int i = 0; i < values.Length; i++)
        {
            columns[i] = [];
            coefficients[i] = [];
        }

        return new AffineMap(inCount, columns, coefficients, (double[])values.Clone());
    }

    /// <summary>The composition this ∘ <paramref name="inner"/>: first <paramref name="inner"/>, then this map.</summary>
    public AffineMap After(AffineMap inner)
    {
        if (inner.OutCount != InCount)
        {
            throw new InvalidOperationException($"Cannot compose a map taking {InCount} values after one giving {inner.OutCount}.");
        }

        var columns = new int[OutCount][];
        var coefficients = new double[OutCount][];
        var constant = new double[OutCount];
        var accumulator = new double[inner.InCount];
        var touched = new bool[inner.InCount];
        var used = new List<int>();
        for (int o = 0; o < OutCount; o++)
        {
            double c = _constant[o];
            int[] cols = _columns[o];
            double[] coefs = _coefficients[o];
            for (int e = 0; e < cols.Length; e++)
            {
                int k = cols[e];
                double w = coefs[e];
                c += w * inner._constant[k];
                int[] innerCols = inner._columns[k];
                double[] innerCoefs = inner._coefficients[k];
                for (int f = 0; f < innerCols.Length; f++)
                {
                    int j = innerCols[f];
                    if (!touched[j])
                    {
                        touched[j] = true;
                        used.Add(j);
                    }

                    accumulator[j] += w * innerCoefs[f];
                }
            }

            used.Sort();
            var rowCols = new List<int>(used.Count);
            var rowCoefs = new List<double>(used.Count);
            foreach (int j in used)
            {
                if (accumulator[j] != 0)
                {
                    rowCols.Add(j);
                    rowCoefs.Add(accumulator[j]);
                }

                accumulator[j] = 0;
                touched[j] = false;
            }

            used.Clear();
            columns[o] = [.. rowCols];
            coefficients[o] = [.. rowCoefs];
            constant[o] = c;
        }

        return new AffineMap(inner.InCount, columns, coefficients, constant);
    }

    /// <summary>
    /// If the map is one-to-one and elementwise (y_i = a_i·x_i + c_i with a_i ≠ 0, same length), its a and c.
    /// </summary>
    public bool TryGetDiagonal(out double[] scale, out double[] shift)
    {
        scale = new double[OutCount];
        shift = (double[])_constant.Clone();
        if (OutCount != InCount)
        {
            return false;
        }

        for (int i = 0; i < OutCount; i++)
        {
            if (_columns[i].Length != 1 || _columns[i][0] != i || _coefficients[i][0] == 0)
            {
                return false;
            }

            scale[i] = _coefficients[i][0];
        }

        return true;
    }

    /// <summary>Row <paramref name="i"/>: its input indices and coefficients.</summary>
    public (int[] Columns, double[] Coefficients) Row(int i) => (_columns[i], _coefficients[i]);

    /// <summary>A row-major [OutCount, InCount] copy of A.</summary>
    public double[] ToDense()
    {
        var dense = new double[(long)OutCount * InCount];
        for (int o = 0; o < OutCount; o++)
        {
            int[] cols = _columns[o];
            double[] coefs = _coefficients[o];
            for (int e = 0; e < cols.Length; e++)
            {
                dense[((long)o * InCount) + cols[e]] += coefs[e];
            }
        }

        return dense;
    }
}
