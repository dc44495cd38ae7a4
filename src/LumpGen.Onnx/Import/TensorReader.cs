using System.Buffers.Binary;
using System.Globalization;
using Google.Protobuf;
using Onnx;

namespace LumpGen.Onnx.Import;

/// <summary>Decodes a <see cref="TensorProto"/> (float_data/double_data/int*_data or raw_data, little-endian) with every size checked first.</summary>
internal static class TensorReader
{
    /// <summary>Reads <paramref name="tensor"/>; <paramref name="fail"/> builds the exception for a problem (so the caller can attach the node).</summary>
    public static ConstantTensor Read(TensorProto tensor, Func<OnnxErrorKind, string, Exception> fail)
    {
        string name = string.IsNullOrEmpty(tensor.Name) ? "(unnamed tensor)" : "'" + tensor.Name + "'";
        if (tensor.DataLocation == TensorProto.Types.DataLocation.External || tensor.ExternalData.Count > 0)
        {
            string file = tensor.ExternalData.FirstOrDefault(e => e.Key == "location")?.Value ?? "?";
            throw fail(
                OnnxErrorKind.ExternalData,
                $"tensor {name} keeps its data in the external file '{file}'. LumpGen reads self-contained .onnx files only: " +
                "save the model with the weights inside (onnx.save_model(model, path, save_as_external_data=False)).");
        }

        if (tensor.Segment is not null)
        {
            throw fail(OnnxErrorKind.InvalidValue, $"tensor {name} is a segment of a larger tensor, which ONNX no longer supports.");
        }

        if (tensor.Dims.Count > Shapes.MaxRank)
        {
            throw fail(OnnxErrorKind.InvalidValue, $"tensor {name} has rank {tensor.Dims.Count}; at most {Shapes.MaxRank} is supported.");
        }

        long[] dims = [.. tensor.Dims];
        long count = Shapes.Product(dims);
        if (count < 0)
        {
            throw fail(OnnxErrorKind.InvalidValue, $"tensor {name} has shape {Shapes.Format(dims)}, which is negative or larger than {Shapes.MaxElements} values.");
        }

        var type = (TensorProto.Types.DataType)tensor.DataType;
        var values = new double[count];
        ByteString raw = tensor.RawData;
        bool isInteger = true;
        switch (type)
        {
            case TensorProto.Types.DataType.Float:
                isInteger = false;
                if (raw.Length > 0)
                {
                    ReadRaw(raw, 4, values, name, fail, static b => BinaryPrimitives.ReadSingleLittleEndian(b));
                }
                else
                {
                    CheckCount(tensor.FloatData.Count, count, name, "float_data", fail);
                    for (int i = 0; i < values.Length; i++)
                    {
                        values[i] = tensor.FloatData[i];
                    }
                }

                break;
            case TensorProto.Types.DataType.Double:
                isInteger = false;
                if (raw.Length > 0)
                {
                    ReadRaw(raw, 8, values, name, fail, static b => BinaryPrimitives.ReadDoubleLittleEndian(b));
                }
                else
                {
                    CheckCount(tensor.DoubleData.Count, count, name, "double_data", fail);
                    tensor.DoubleData.CopyTo(values, 0);
                }

                break;
            case TensorProto.Types.DataType.Float16:
            case TensorProto.Types.DataType.Bfloat16:
                isInteger = false;
                bool brain = type == TensorProto.Types.DataType.Bfloat16;
                if (raw.Length > 0)
                {
                    ReadRaw(raw, 2, values, name, fail, b => HalfBits(BinaryPrimitives.ReadUInt16LittleEndian(b), brain));
                }
                else
                {
                    CheckCount(tensor.Int32Data.Count, count, name, "int32_data", fail);
                    for (int i = 0; i < values.Length; i++)
                    {
                        values[i] = HalfBits((ushort)tensor.Int32Data[i], brain);
                    }
                }

                break;
            case TensorProto.Types.DataType.Int64:
                if (raw.Length > 0)
                {
                    ReadRaw(raw, 8, values, name, fail, static b => BinaryPrimitives.ReadInt64LittleEndian(b));
                }
                else
                {
                    CheckCount(tensor.Int64Data.Count, count, name, "int64_data", fail);
                    for (int i = 0; i < values.Length; i++)
                    {
                        values[i] = tensor.Int64Data[i];
                    }
                }

                break;
            case TensorProto.Types.DataType.Int32:
            case TensorProto.Types.DataType.Bool:
                int size = type == TensorProto.Types.DataType.Bool ? 1 : 4;
                if (raw.Length > 0)
                {
                    ReadRaw(raw, size, values, name, fail, b => size == 1 ? b[0] : BinaryPrimitives.ReadInt32LittleEndian(b));
                }
                else
                {
                    CheckCount(tensor.Int32Data.Count, count, name, "int32_data", fail);
                    for (int i = 0; i < values.Length; i++)
                    {
                        values[i] = tensor.Int32Data[i];
                    }
                }

                break;
            default:
                throw fail(
                    OnnxErrorKind.InvalidValue,
                    $"tensor {name} has element type {TypeName(tensor.DataType)}; weights must be float32, float64 or float16, shapes int64 or int32.");
        }

        return new ConstantTensor(dims, values, isInteger);
    }

    /// <summary>The ONNX name of an element type code (FLOAT, INT64, …).</summary>
    public static string TypeName(int dataType) =>
        Enum.IsDefined(typeof(TensorProto.Types.DataType), dataType)
            ? ((TensorProto.Types.DataType)dataType).ToString().ToUpperInvariant()
            : "#" + dataType.ToString(CultureInfo.InvariantCulture);

    private static double HalfBits(ushort bits, bool brain) =>
        brain ? BitConverter.Int32BitsToSingle(bits << 16) : (double)BitConverter.UInt16BitsToHalf(bits);

    private static void CheckCount(int actual, long expected, string name, string field, Func<OnnxErrorKind, string, Exception> fail)
    {
        if (actual != expected)
        {
            throw fail(OnnxErrorKind.InvalidValue, $"tensor {name} has {actual} values in {field} but its shape needs {expected}.");
        }
    }

    private delegate double ElementReader(ReadOnlySpan<byte> bytes);

    private static void ReadRaw(ByteString raw, int size, double[] values, string name, Func<OnnxErrorKind, string, Exception> fail, ElementReader read)
    {
        if (raw.Length != (long)values.Length * size)
        {
            throw fail(
                OnnxErrorKind.InvalidValue,
                $"tensor {name} has {raw.Length} bytes of raw_data but its shape needs {values.Length} × {size} = {(long)values.Length * size}.");
        }

        ReadOnlySpan<byte> span = raw.Span;
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = read(span.Slice(i * size, size));
        }
    }
}
