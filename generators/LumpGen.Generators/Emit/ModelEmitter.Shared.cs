using System;
using System.Text;

namespace LumpGen.Generators.Emit;

/// <content>Span-based pieces every tier shares: staging, finishing, tiny-layer kernels, runtime-size loops and the data.</content>
internal sealed partial class ModelEmitter
{
    private void EmitStageAndFinish()
    {
        int n = _model.InputLength;
        int m = _model.OutputLength;
        if (_plan.StagesInput)
        {
            int padded = KernelPlan.RoundUp(n);
            _w.Line(_plan.HasInputTransform
                ? "// Input normalisation x'[j] = (x[j] − mean[j])·(1/scale[j]) into a zero-padded buffer (the padding meets zero weights)."
                : "// Copies the input into a zero-padded buffer so the row kernels read whole vectors.");
            _w.Line(Names.Inline);
            _w.Line($"private static void Stage({Names.ReadOnlySpan} x, {Names.Span} d)");
            using (_w.Block())
            {
                if (_plan.HasInputTransform)
                {
                    _w.Line($"{Names.ReadOnlySpan} mean = InputMean;");
                    _w.Line($"{Names.ReadOnlySpan} inverseScale = InputInverseScale;");
                    _w.Line("for (int j = 0; j < InputLength; j++)");
                    using (_w.Block())
                    {
                        _w.Line("d[j] = (x[j] - mean[j]) * inverseScale[j];");
                    }
                }
                else
                {
                    _w.Line("x.CopyTo(d);");
                }

                if (padded > n)
                {
                    _w.Line($"d.Slice(InputLength, {padded - n}).Clear();");
                }
            }

            _w.Line();
        }

        _w.Line(_plan.SoftmaxLast
            ? "// Softmax over the last layer (shifted by the maximum, in double), then the output transform if any."
            : _plan.AppliesOutputTransform
                ? "// Output de-normalisation y'[i] = y[i]·scale[i] + offset[i] (computed in double, rounded once)."
                : "// Copies the last layer's values to the caller's span (any output transform was folded into the last layer).");
        _w.Line(Names.Inline);
        _w.Line($"private static void Finish({Names.ReadOnlySpan} y, {Names.Span} output)");
        using (_w.Block())
        {
            if (_plan.SoftmaxLast)
            {
                _w.Line("float max = y[0];");
                _w.Line("for (int i = 1; i < OutputLength; i++)");
                using (_w.Block())
                {
                    _w.Line("max = y[i] > max ? y[i] : max;");
                }

                _w.Line();
                _w.Line("double sum = 0;");
                _w.Line("for (int i = 0; i < OutputLength; i++)");
                using (_w.Block())
                {
                    _w.Line($"sum += {Names.Math}.Exp(y[i] - (double)max);");
                }

                _w.Line();
                _w.Line("double inverse = 1.0 / sum;");
                if (_plan.AppliesOutputTransform)
                {
                    _w.Line($"{Names.ReadOnlySpan} scale = OutputScale;");
                    _w.Line($"{Names.ReadOnlySpan} offset = OutputOffset;");
                }

                _w.Line("for (int i = 0; i < OutputLength; i++)");
                using (_w.Block())
                {
                    string p = $"{Names.Math}.Exp(y[i] - (double)max) * inverse";
                    _w.Line(_plan.AppliesOutputTransform
                        ? $"output[i] = (float)(({p} * scale[i]) + offset[i]);"
                        : $"output[i] = (float)({p});");
                }
            }
            else if (_plan.AppliesOutputTransform)
            {
                _w.Line($"{Names.ReadOnlySpan} scale = OutputScale;");
                _w.Line($"{Names.ReadOnlySpan} offset = OutputOffset;");
                _w.Line("for (int i = 0; i < OutputLength; i++)");
                using (_w.Block())
                {
                    _w.Line("output[i] = (float)(((double)y[i] * scale[i]) + offset[i]);");
                }
            }
            else
            {
                _w.Line(m == 1 ? "output[0] = y[0];" : "y.Slice(0, OutputLength).CopyTo(output);");
            }
        }

        _w.Line();
    }

    private void EmitSharedKernels()
    {
        bool columns = false, rows = false;
        foreach (var layer in _plan.Layers)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            columns |= layer.Kernel == LayerKernel.Columns;
            rows |= layer.Kernel == LayerKernel.Rows;
            if (layer.Kernel == LayerKernel.Unrolled)
            {
                EmitUnrolled(layer);
            }
        }

        bool portableVector = !_intrinsics && _facts.HasVectorT;
        if (columns)
        {
            _w.Line("// y[0..outPadded) = b + W·x over the column-block layout: for each block and input j, the block's weights are contiguous.");
            _w.Line($"private static void ColumnsScalar({Names.ReadOnlySpan} x, {Names.Span} y, {Names.ReadOnlySpan} w, {Names.ReadOnlySpan} b, int inputs, int outPadded)");
            using (_w.Block())
            {
                _w.Line("b.Slice(0, outPadded).CopyTo(y);");
                _w.Line($"for (int start = 0; start < outPadded; start += {KernelPlan.BlockWidth})");
                using (_w.Block())
                {
                    _w.Line($"int width = outPadded - start < {KernelPlan.BlockWidth} ? outPadded - start : {KernelPlan.BlockWidth};");
                    _w.Line("int offset = start * inputs;");
                    _w.Line("for (int j = 0; j < inputs; j++)");
                    using (_w.Block())
                    {
                        _w.Line("float xj = x[j];");
                        _w.Line($"{Names.ReadOnlySpan} column = w.Slice(offset + (j * width), width);");
                        _w.Line($"{Names.Span} target = y.Slice(start, width);");
                        _w.Line("for (int t = 0; t < width; t++)");
                        using (_w.Block())
                        {
                            _w.Line("target[t] += column[t] * xj;");
                        }
                    }
                }
            }

            _w.Line();
            if (portableVector)
            {
                _w.Line("// As ColumnsScalar, Vector<float>.Count neurons at a time (16 divides every block width, so any Count ≤ 16 fits).");
                _w.Line($"private static void ColumnsVector({Names.ReadOnlySpan} x, {Names.Span} y, {Names.ReadOnlySpan} w, {Names.ReadOnlySpan} b, int inputs, int outPadded)");
                using (_w.Block())
                {
                    _w.Line($"int count = {Names.VectorT}.Count;");
                    _w.Line($"for (int start = 0; start < outPadded; start += {KernelPlan.BlockWidth})");
                    using (_w.Block())
                    {
                        _w.Line($"int width = outPadded - start < {KernelPlan.BlockWidth} ? outPadded - start : {KernelPlan.BlockWidth};");
                        _w.Line("int offset = start * inputs;");
                        _w.Line("for (int t = 0; t < width; t += count)");
                        using (_w.Block())
                        {
                            _w.Line($"{Names.VectorT} acc = {Names.MemoryMarshal}.Cast<float, {Names.VectorT}>(b.Slice(start + t))[0];");
                            _w.Line("for (int j = 0; j < inputs; j++)");
                            using (_w.Block())
                            {
                                _w.Line($"acc += {Names.MemoryMarshal}.Cast<float, {Names.VectorT}>(w.Slice(offset + (j * width) + t))[0] * new {Names.VectorT}(x[j]);");
                            }

                            _w.Line($"{Names.MemoryMarshal}.Cast<float, {Names.VectorT}>(y.Slice(start + t))[0] = acc;");
                        }
                    }
                }

                _w.Line();
            }
        }

        if (rows)
        {
            _w.Line("// y[i] = b[i] + Σ_j W[i,j]·x[j] with rows stored at a padded stride; the padding of y is zeroed.");
            _w.Line($"private static void RowsScalar({Names.ReadOnlySpan} x, {Names.Span} y, {Names.ReadOnlySpan} w, {Names.ReadOnlySpan} b, int inputs, int stride, int outputs, int outPadded)");
            using (_w.Block())
            {
                _w.Line("for (int i = 0; i < outputs; i++)");
                using (_w.Block())
                {
                    _w.Line($"{Names.ReadOnlySpan} row = w.Slice(i * stride, inputs);");
                    _w.Line("float sum = b[i];");
                    _w.Line("for (int j = 0; j < inputs; j++)");
                    using (_w.Block())
                    {
                        _w.Line("sum += row[j] * x[j];");
                    }

                    _w.Line();
                    _w.Line("y[i] = sum;");
                }

                _w.Line();
                _w.Line("y.Slice(outputs, outPadded - outputs).Clear();");
            }

            _w.Line();
            if (portableVector)
            {
                _w.Line("// As RowsScalar over whole vectors (rows and x are zero-padded to the stride).");
                _w.Line($"private static void RowsVector({Names.ReadOnlySpan} x, {Names.Span} y, {Names.ReadOnlySpan} w, {Names.ReadOnlySpan} b, int inputs, int stride, int outputs, int outPadded)");
                using (_w.Block())
                {
                    _w.Line($"int count = {Names.VectorT}.Count;");
                    _w.Line("for (int i = 0; i < outputs; i++)");
                    using (_w.Block())
                    {
                        _w.Line($"{Names.VectorT} acc = {Names.VectorT}.Zero;");
                        _w.Line("for (int c = 0; c < stride; c += count)");
                        using (_w.Block())
                        {
                            _w.Line($"acc += {Names.MemoryMarshal}.Cast<float, {Names.VectorT}>(w.Slice((i * stride) + c))[0] * {Names.MemoryMarshal}.Cast<float, {Names.VectorT}>(x.Slice(c))[0];");
                        }

                        _w.Line();
                        _w.Line($"y[i] = {Names.Vector}.Dot(acc, {Names.VectorT}.One) + b[i];");
                    }

                    _w.Line();
                    _w.Line("y.Slice(outputs, outPadded - outputs).Clear();");
                }

                _w.Line();
            }
        }
    }

    private void EmitUnrolled(LayerPlan layer)
    {
        int n = layer.In;
        _w.Line("// " + LayerComment(layer));
        _w.Line(Names.Inline);
        _w.Line($"private static void Dense{layer.Index}_Unrolled({Names.ReadOnlySpan} x, {Names.Span} y)");
        using (_w.Block())
        {
            // Reading the last element first lets the JIT drop the other bounds checks.
            for (int j = n - 1; j >= 0; j--)
            {
                _w.Line($"float x{j} = x[{j}];");
            }

            for (int i = 0; i < layer.Out; i++)
            {
                var sum = new StringBuilder(Literals.Float(layer.Bias[i]));
                for (int j = 0; j < n; j++)
                {
                    sum.Append(" + (").Append(Literals.Float(layer.RowMajorWeights[(i * n) + j])).Append(" * x").Append(j).Append(')');
                }

                _w.Line($"y[{i}] = {ActivationEmitter.Apply(layer.Activation, layer.Alpha, sum.ToString())};");
            }

            if (layer.OutPadded > layer.Out)
            {
                _w.Line($"y.Slice({layer.Out}, {layer.OutPadded - layer.Out}).Clear();");
            }
        }

        _w.Line();
    }

    private void EmitData()
    {
        foreach (var layer in _plan.Layers)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (!layer.HasWeightArray)
            {
                continue;
            }

            string layout = layer.Kernel == LayerKernel.Columns
                ? $"transposed in column blocks [block][input][neuron] ({layer.Blocks.Count} block(s), padded to {layer.OutPadded} neurons)"
                : $"row-major, rows padded to {layer.InPadded}";
            FloatArray($"W{layer.Index}", $"Layer {layer.Index} weights ({layer.Out}×{layer.In}), {layout}.", layer.LaidOutWeights);
            FloatArray($"B{layer.Index}", $"Layer {layer.Index} biases{(layer.Kernel == LayerKernel.Columns ? $", zero-padded to {layer.OutPadded}" : "")}.", layer.LaidOutBias);
        }

        if (_plan.HasInputTransform)
        {
            var inverse = new float[_model.InputLength];
            for (int j = 0; j < inverse.Length; j++)
            {
                inverse[j] = (float)(1.0 / _model.InputScale[j]);
            }

            FloatArray("InputMean", "Input normalisation: mean.", _model.InputMean.AsSpan());
            FloatArray("InputInverseScale", "Input normalisation: 1/scale (a multiply instead of a divide per input).", inverse);
        }

        if (_plan.AppliesOutputTransform)
        {
            FloatArray("OutputScale", "Output de-normalisation: scale.", _model.OutputScale.AsSpan());
            FloatArray("OutputOffset", "Output de-normalisation: offset.", _model.OutputOffset.AsSpan());
        }

        if (AlignsWeights)
        {
            EmitAlignedWeights();
        }
    }

    /// <summary>
    /// RVA data is only aligned to 4 bytes, so most Vector512 weight loads straddle two cache lines (two
    /// load operations each); the vector kernels read copies aligned to 64 bytes instead, made once per
    /// process in native memory (not the GC heap: no allocation is ever counted against a call).
    /// </summary>
    private void EmitAlignedWeights()
    {
        _w.Line("// The weights as read by the vector kernels: copies aligned to 64 bytes (a cache line), so no vector load");
        _w.Line("// straddles two lines (RVA data is only 4-byte aligned). Made once per process in native memory, never freed.");
        _w.Line("private static unsafe class AlignedWeights");
        using (_w.Block())
        {
            foreach (var layer in _plan.Layers)
            {
                if (layer.Kernel != LayerKernel.Unrolled)
                {
                    _w.Line($"internal static readonly float* W{layer.Index} = Copy({ImplementationName}.W{layer.Index});");
                }
            }

            _w.Line();
            _w.Line($"private static float* Copy({Names.ReadOnlySpan} source)");
            using (_w.Block())
            {
                _w.Line("float* copy = (float*)NativeMemory.AlignedAlloc((nuint)source.Length * sizeof(float), 64);");
                _w.Line("source.CopyTo(new Span<float>(copy, source.Length));");
                _w.Line("return copy;");
            }
        }

        _w.Line();
    }

    private void FloatArray(string name, string comment, ReadOnlySpan<float> values)
    {
        _w.Line($"// {comment} {Literals.Grouped(values.Length)} floats.");
        if (_facts.HasCreateSpan)
        {
            // On net7+ the compiler turns this into a span over constant data in the assembly (RVA): no allocation, ever.
            _w.Line($"private static {Names.ReadOnlySpan} {name} => new float[]");
            using (_w.Block("};"))
            {
                Literals.FloatList(_w, values);
            }
        }
        else
        {
            // Without RuntimeHelpers.CreateSpan the property form would allocate on every access: keep one array.
            string field = "s_" + char.ToLowerInvariant(name[0]) + name.Substring(1);
            _w.Line($"private static readonly float[] {field} = new float[]");
            using (_w.Block("};"))
            {
                Literals.FloatList(_w, values);
            }

            _w.Line();
            _w.Line($"private static {Names.ReadOnlySpan} {name} => {field};");
        }

        _w.Line();
    }
}
