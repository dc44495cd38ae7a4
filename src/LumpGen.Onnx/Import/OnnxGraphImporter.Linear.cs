namespace LumpGen.Onnx.Import;

/// <summary>Gemm and MatMul: a linear map applied to the per-sample features.</summary>
internal sealed partial class OnnxGraphImporter
{
    private object MatMul(OnnxNode node, object?[] inputs)
    {
        RequireLatest(node, inputs);
        if (inputs.Length < 2 || inputs[0] is null || inputs[1] is null)
        {
            throw node.Fail(OnnxErrorKind.InvalidValue, "MatMul needs two inputs.");
        }

        if (inputs[0] is DynamicValue && inputs[1] is DynamicValue)
        {
            throw DynamicWeights(node);
        }

        return inputs[0] is DynamicValue left
            ? LeftProduct(node, left, Constant(node, inputs, 1, "weight matrix")!)
            : RightProduct(node, Constant(node, inputs, 0, "weight matrix")!, (DynamicValue)inputs[1]!);
    }

    private static OnnxImportException DynamicWeights(OnnxNode node) => node.Fail(
        OnnxErrorKind.DynamicWeights,
        $"both operands ('{node.Input(0)}' and '{node.Input(1)}') are computed from the graph input: this is a product with dynamic weights, not a dense layer. " +
        "Weights must be constants (initializers or Constant nodes).");

    private static OnnxImportException MixesSamples(OnnxNode node, DynamicValue x, string why) => node.Fail(
        OnnxErrorKind.UnsupportedUsage,
        $"the product would combine different samples: {why} (input shape {x.ShapeText}, N = batch).");

    /// <summary>MatMul(X, W): X viewed as rows of length K (leading axes stacked), W [K, N] or [K].</summary>
    private DynamicValue LeftProduct(OnnxNode node, DynamicValue x, ConstantTensor w)
    {
        if (w.Rank is < 1 or > 2)
        {
            throw node.Fail(OnnxErrorKind.UnsupportedUsage, $"the weight has shape {Shapes.Format(w.Dims)}; only 1-D or 2-D weights are supported (no batched MatMul).");
        }

        if (x.Rank == 0)
        {
            throw node.Fail(OnnxErrorKind.InvalidValue, "MatMul of a scalar.");
        }

        if (x.BatchAxis == x.Rank - 1)
        {
            throw MixesSamples(node, x, "the batch is the contracted (last) dimension");
        }

        int k = (int)w.Dims[0];
        int n = w.Rank == 2 ? (int)w.Dims[1] : 1;
        int kx = (int)x.Shape[^1];
        if (kx != k)
        {
            throw node.Fail(OnnxErrorKind.InvalidValue, $"shapes do not fit: {x.ShapeText} times {Shapes.Format(w.Dims)} (inner dimensions {kx} and {k}).");
        }

        int rows = x.FeatureCount / k;
        long[] outShape = w.Rank == 2 ? [.. x.Shape[..^1], n] : x.Shape[..^1];
        var step = Product(rows, n, k, (i, l) => (i * k) + l, (l, j) => w.Values[(l * n) + j], 1.0, x.FeatureCount);
        return ApplyLinear(node, x, step, outShape, x.BatchAxis);
    }

    /// <summary>MatMul(A, X): A [M, R] or [R] times X viewed as R×C matrices (leading axes stacked).</summary>
    private DynamicValue RightProduct(OnnxNode node, ConstantTensor a, DynamicValue x)
    {
        if (a.Rank is < 1 or > 2)
        {
            throw node.Fail(OnnxErrorKind.UnsupportedUsage, $"the constant left operand has shape {Shapes.Format(a.Dims)}; only 1-D or 2-D is supported.");
        }

        bool vector = x.Rank == 1;
        if (x.Rank == 0 || (vector && x.BatchAxis == 0) || (!vector && x.BatchAxis == x.Rank - 2))
        {
            throw MixesSamples(node, x, "the batch is the contracted dimension of the right operand");
        }

        int m = a.Rank == 2 ? (int)a.Dims[0] : 1;
        int r = (int)a.Dims[^1];
        int rx = (int)(vector ? x.Shape[0] : x.Shape[^2]);
        int c = vector ? 1 : (int)x.Shape[^1];
        if (rx != r)
        {
            throw node.Fail(OnnxErrorKind.InvalidValue, $"shapes do not fit: {Shapes.Format(a.Dims)} times {x.ShapeText} (inner dimensions {r} and {rx}).");
        }

        int stacks = x.FeatureCount / (r * c);
        long[] lead = vector ? [] : x.Shape[..^2];
        long[] outShape = [.. lead, .. (a.Rank == 2 ? new long[] { m } : []), .. (vector ? Array.Empty<long>() : [c])];
        int outBatch = x.BatchAxis < 0 ? -1 : x.BatchAxis < lead.Length ? x.BatchAxis : outShape.Length - 1;

        // Output (s, i, j) = Σ_l A[i, l] · X[s, l, j]; rows enumerate s, i, j in row-major order.
        var columns = new int[stacks * m * c][];
        var coefficients = new double[columns.Length][];
        int row = 0;
        for (int s = 0; s < stacks; s++)
        {
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < c; j++, row++)
                {
                    var cols = new List<int>(r);
                    var coefs = new List<double>(r);
                    for (int l = 0; l < r; l++)
                    {
                        double value = a.Values[(i * r) + l];
                        if (value != 0)
                        {
                            cols.Add((s * r * c) + (l * c) + j);
                            coefs.Add(value);
                        }
                    }

                    columns[row] = [.. cols];
                    coefficients[row] = [.. coefs];
                }
            }
        }

        var step = new AffineMap(x.FeatureCount, columns, coefficients, new double[columns.Length]);
        return ApplyLinear(node, x, step, outShape, outBatch);
    }

    /// <summary>Y = α·op(A)·op(B) + β·C with one of A, B computed from the input and the other constant.</summary>
    private object Gemm(OnnxNode node, object?[] inputs)
    {
        RequireLatest(node, inputs);
        if (inputs.Length < 2 || inputs[0] is null || inputs[1] is null)
        {
            throw node.Fail(OnnxErrorKind.InvalidValue, "Gemm needs at least the inputs A and B.");
        }

        if (inputs[0] is DynamicValue && inputs[1] is DynamicValue)
        {
            throw DynamicWeights(node);
        }

        var bias = Constant(node, inputs, 2, "bias C");
        double alpha = node.GetFloat("alpha", 1f);
        double beta = node.GetFloat("beta", 1f);
        bool transA = node.GetInt("transA", 0) != 0;
        bool transB = node.GetInt("transB", 0) != 0;
        DynamicValue result;
        if (inputs[0] is DynamicValue x)
        {
            var b = Constant(node, inputs, 1, "weight B")!;
            Require2D(node, x.Shape, x.ShapeText, "A");
            Require2D(node, b.Dims, Shapes.Format(b.Dims), "B");
            int d1 = (int)x.Shape[1];
            int m = (int)(transA ? x.Shape[1] : x.Shape[0]);
            int k = (int)(transA ? x.Shape[0] : x.Shape[1]);
            int viewBatch = x.BatchAxis < 0 ? -1 : transA ? 1 - x.BatchAxis : x.BatchAxis;
            if (viewBatch == 1)
            {
                throw MixesSamples(node, x, "with transA the batch becomes the contracted dimension");
            }

            int kb = (int)(transB ? b.Dims[1] : b.Dims[0]);
            int n = (int)(transB ? b.Dims[0] : b.Dims[1]);
            CheckInner(node, k, kb, x.ShapeText, b.Dims);
            var step = Product(
                m, n, k,
                transA ? (i, l) => (l * d1) + i : (i, l) => (i * d1) + l,
                transB ? (l, j) => b.Values[(j * k) + l] : (l, j) => b.Values[(l * n) + j],
                alpha, x.FeatureCount);
            result = ApplyLinear(node, x, step, [m, n], viewBatch);
        }
        else
        {
            var a = Constant(node, inputs, 0, "weight A")!;
            x = (DynamicValue)inputs[1]!;
            Require2D(node, a.Dims, Shapes.Format(a.Dims), "A");
            Require2D(node, x.Shape, x.ShapeText, "B");
            int d1 = (int)x.Shape[1];
            int k = (int)(transB ? x.Shape[1] : x.Shape[0]);
            int n = (int)(transB ? x.Shape[0] : x.Shape[1]);
            int viewBatch = x.BatchAxis < 0 ? -1 : transB ? 1 - x.BatchAxis : x.BatchAxis;
            if (viewBatch == 0)
            {
                throw MixesSamples(node, x, "the batch is the contracted dimension of op(B)");
            }

            int m = (int)(transA ? a.Dims[1] : a.Dims[0]);
            int ka = (int)(transA ? a.Dims[0] : a.Dims[1]);
            CheckInner(node, ka, k, x.ShapeText, a.Dims);

            // Y[i, j] = α Σ_l op(A)[i, l] · op(B)[l, j]; the step is built over (j, i) then reordered to row-major (i, j).
            var transposed = Product(
                n, m, k,
                transB ? (j, l) => (j * d1) + l : (j, l) => (l * d1) + j,
                transA ? (l, i) => a.Values[(l * m) + i] : (l, i) => a.Values[(i * k) + l],
                alpha, x.FeatureCount);
            var order = new int[m * n];
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    order[(i * n) + j] = (j * m) + i;
                }
            }

            result = ApplyLinear(node, x, transposed.Gather(order), [m, n], viewBatch);
        }

        if (bias is null || beta == 0)
        {
            return result;
        }

        double[] c = ExpandConstant(node, bias, result.Shape, result.BatchAxis, "bias C");
        for (int i = 0; i < c.Length; i++)
        {
            c[i] *= beta;
        }

        return result with { Map = result.Map.ScaleShift(null, c) };
    }

    private static void Require2D(OnnxNode node, long[] dims, string text, string which)
    {
        if (dims.Length != 2)
        {
            throw node.Fail(OnnxErrorKind.UnsupportedUsage, $"Gemm input {which} must be 2-D; it has shape {text}.");
        }
    }

    private static void CheckInner(OnnxNode node, int k1, int k2, string xText, long[] wDims)
    {
        if (k1 != k2)
        {
            throw node.Fail(OnnxErrorKind.InvalidValue, $"shapes do not fit: input {xText} and weight {Shapes.Format(wDims)} give inner dimensions {k1} and {k2}.");
        }
    }

    /// <summary>
    /// The map Y[i, j] = α·Σ_l coef(l, j)·x[feature(i, l)] for i &lt; <paramref name="m"/>, j &lt; <paramref name="n"/>,
    /// with Y row-major; zero coefficients are skipped.
    /// </summary>
    private static AffineMap Product(int m, int n, int k, Func<int, int, int> feature, Func<int, int, double> coef, double alpha, int inCount)
    {
        var columns = new int[m * n][];
        var coefficients = new double[m * n][];
        var scratchCols = new int[k];
        var scratchCoefs = new double[k];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                int count = 0;
                for (int l = 0; l < k; l++)
                {
                    double value = alpha * coef(l, j);
                    if (value != 0)
                    {
                        scratchCols[count] = feature(i, l);
                        scratchCoefs[count] = value;
                        count++;
                    }
                }

                columns[(i * n) + j] = scratchCols.AsSpan(0, count).ToArray();
                coefficients[(i * n) + j] = scratchCoefs.AsSpan(0, count).ToArray();
            }
        }

        return new AffineMap(inCount, columns, coefficients, new double[m * n]);
    }

    /// <summary>
    /// Applies a linear step to <paramref name="x"/>. If a linear step is already pending (Gemm → Gemm with no
    /// activation), that one first becomes a layer with the identity activation. Before the first layer,
    /// pending elementwise operations become the input transform.
    /// </summary>
    private DynamicValue ApplyLinear(OnnxNode node, DynamicValue x, AffineMap step, long[] outShape, int outBatch)
    {
        if (_layers.Count > 0 && _layers[^1].Activation.Kind == Format.ActivationKind.Softmax)
        {
            throw node.Fail(
                OnnxErrorKind.UnsupportedUsage,
                $"a dense layer follows the softmax of {_layerNodes[^1].Description}; softmax is supported on the last layer only.");
        }

        if (x.HasLinear)
        {
            x = CloseLayer(node, x, Format.Activation.Identity);
        }

        var map = x.Map;
        if (x.BaseId == 0 && !_inputDecided)
        {
            _inputDecided = true;
            map = DecideInputTransform(node, map);
        }

        long size = Shapes.Product(outShape);
        if (size != step.OutCount)
        {
            throw new InvalidOperationException($"Internal error: {node.Description} built {step.OutCount} features for shape {Shapes.Format(outShape)}.");
        }

        return new DynamicValue(x.BaseId, step.After(map), outShape, outBatch, true, node);
    }
}
