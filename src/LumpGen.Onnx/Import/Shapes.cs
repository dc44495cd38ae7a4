using System.Globalization;

namespace LumpGen.Onnx.Import;

/// <summary>Shape arithmetic with the guards an untrusted file needs (no overflow, no giant allocations).</summary>
internal static class Shapes
{
    /// <summary>Largest tensor the importer materialises (64 Mi values = 512 MiB as double): far above any MLP layer.</summary>
    public const long MaxElements = 1L << 26;

    /// <summary>Largest rank accepted; ONNX models of MLPs use 1–4.</summary>
    public const int MaxRank = 16;

    /// <summary>Σ-free product of the dimensions, or −1 when a dimension is negative or the product exceeds <see cref="MaxElements"/>.</summary>
    public static long Product(ReadOnlySpan<long> dims)
    {
        long product = 1;
        foreach (long d in dims)
        {
            if (d < 0 || d > MaxElements)
            {
                return -1;
            }

            product *= d;
            if (product > MaxElements)
            {
                return -1;
            }
        }

        return product;
    }

    /// <summary>NumPy-style multidirectional broadcast of two shapes, or null when they are incompatible.</summary>
    public static long[]? Broadcast(long[] a, long[] b)
    {
        int rank = Math.Max(a.Length, b.Length);
        var result = new long[rank];
        for (int i = 0; i < rank; i++)
        {
            long da = i < rank - a.Length ? 1 : a[i - (rank - a.Length)];
            long db = i < rank - b.Length ? 1 : b[i - (rank - b.Length)];
            if (da == db || db == 1)
            {
                result[i] = da;
            }
            else if (da == 1)
            {
                result[i] = db;
            }
            else
            {
                return null;
            }
        }

        return Product(result) < 0 ? null : result;
    }

    /// <summary>True when <paramref name="from"/> broadcasts to exactly <paramref name="to"/> (unidirectional).</summary>
    public static bool BroadcastsTo(long[] from, long[] to)
    {
        if (from.Length > to.Length)
        {
            return false;
        }

        for (int i = 0; i < from.Length; i++)
        {
            long d = from[i];
            long t = to[to.Length - from.Length + i];
            if (d != t && d != 1)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// For each element of a tensor of shape <paramref name="to"/> (row-major), the flat index of the
    /// element of a tensor of shape <paramref name="from"/> that broadcasting places there.
    /// <paramref name="from"/> must broadcast to <paramref name="to"/>.
    /// </summary>
    public static int[] BroadcastIndex(long[] from, long[] to)
    {
        int rank = to.Length;
        int count = checked((int)Product(to));
        var index = new int[count];

        // Stride of each target axis in the source (0 where the source has size 1 or lacks the axis).
        var sourceStride = new long[rank];
        long stride = 1;
        for (int i = from.Length - 1; i >= 0; i--)
        {
            int axis = rank - from.Length + i;
            sourceStride[axis] = from[i] == 1 ? 0 : stride;
            stride *= from[i];
        }

        var position = new long[rank];
        long source = 0;
        for (int flat = 0; flat < count; flat++)
        {
            index[flat] = (int)source;

            // Odometer increment over the target shape, updating the source offset incrementally.
            for (int axis = rank - 1; axis >= 0; axis--)
            {
                position[axis]++;
                source += sourceStride[axis];
                if (position[axis] < to[axis])
                {
                    break;
                }

                source -= sourceStride[axis] * position[axis];
                position[axis] = 0;
            }
        }

        return index;
    }

    /// <summary>Row-major strides of <paramref name="dims"/>.</summary>
    public static long[] Strides(long[] dims)
    {
        var strides = new long[dims.Length];
        long s = 1;
        for (int i = dims.Length - 1; i >= 0; i--)
        {
            strides[i] = s;
            s *= dims[i];
        }

        return strides;
    }

    /// <summary>Normalises a possibly negative axis against <paramref name="rank"/> (<paramref name="allowEnd"/>: rank itself is valid too); −1 when out of range.</summary>
    public static int NormalizeAxis(long axis, int rank, bool allowEnd = false)
    {
        int limit = allowEnd ? rank + 1 : rank;
        if (axis < 0)
        {
            axis += limit;
        }

        return axis >= 0 && axis < limit ? (int)axis : -1;
    }

    /// <summary><c>[1,784]</c>.</summary>
    public static string Format(ReadOnlySpan<long> dims)
    {
        var parts = new string[dims.Length];
        for (int i = 0; i < dims.Length; i++)
        {
            parts[i] = dims[i].ToString(CultureInfo.InvariantCulture);
        }

        return "[" + string.Join(",", parts) + "]";
    }

    /// <summary>A shape with one axis marked as the batch: <c>[N,784]</c>.</summary>
    public static string Format(ReadOnlySpan<long> dims, int batchAxis)
    {
        var parts = new string[dims.Length];
        for (int i = 0; i < dims.Length; i++)
        {
            parts[i] = i == batchAxis ? "N" : dims[i].ToString(CultureInfo.InvariantCulture);
        }

        return "[" + string.Join(",", parts) + "]";
    }
}
