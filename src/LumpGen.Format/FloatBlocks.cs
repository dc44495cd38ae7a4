using System;
using System.Globalization;

namespace LumpGen.Format;

/// <summary>float32 blocks as base64 of little-endian bytes, plus the finiteness checks every block gets.</summary>
internal static class FloatBlocks
{
    /// <summary>Base64 characters for <paramref name="count"/> floats (4 bytes each, padded to 4-character groups).</summary>
    public static long Base64Length(long count) => (count * 4 + 2) / 3 * 4;

    public static string Encode(float[] values)
    {
        var bytes = new byte[values.Length * 4];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        if (!BitConverter.IsLittleEndian)
        {
            // The format is little-endian on every machine; swap each 4-byte group on big-endian hosts.
            for (int i = 0; i < bytes.Length; i += 4)
            {
                Array.Reverse(bytes, i, 4);
            }
        }

        return Convert.ToBase64String(bytes);
    }

    /// <summary>Decodes exactly <paramref name="count"/> floats or returns null with the reason in <paramref name="error"/>.</summary>
    public static float[]? TryDecode(string text, int count, out string? error)
    {
        long expected = Base64Length(count);
        if (text.Length != expected)
        {
            long found = text.Length % 4 == 0 ? text.Length / 4 * 3 / 4 : -1;
            error = found >= 0 && text.Length > 0 && found != count
                ? $"expected {count} float32 values ({expected} base64 characters), found {text.Length} characters (about {found} values)"
                : $"expected {count} float32 values ({expected} base64 characters), found {text.Length} characters";
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            error = $"expected base64 text (A–Z, a–z, 0–9, '+', '/', '=') for {count} float32 values";
            return null;
        }

        if (bytes.Length != count * 4)
        {
            error = $"expected {count} float32 values ({count * 4} bytes), the base64 text holds {bytes.Length} bytes";
            return null;
        }

        if (!BitConverter.IsLittleEndian)
        {
            for (int i = 0; i < bytes.Length; i += 4)
            {
                Array.Reverse(bytes, i, 4);
            }
        }

        var values = new float[count];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        error = null;
        return values;
    }

    public static int IndexOfNonFinite(float[] values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (float.IsNaN(values[i]) || float.IsInfinity(values[i]))
            {
                return i;
            }
        }

        return -1;
    }

    public static string Describe(float value) => float.IsNaN(value) ? "NaN" : value.ToString("R", CultureInfo.InvariantCulture);

    public static void CheckAffine(float[] shift, float[] scale, string shiftName, string scaleName, string shiftWord)
    {
        if (shift is null)
        {
            throw new ArgumentNullException(shiftName);
        }

        if (scale is null)
        {
            throw new ArgumentNullException(scaleName);
        }

        if (shift.Length == 0 || shift.Length != scale.Length)
        {
            throw new ArgumentException($"The transform's {shiftWord} ({shift.Length} values) and scale ({scale.Length} values) must have the same, non-zero length.", scaleName);
        }

        int bad = IndexOfNonFinite(shift);
        if (bad >= 0)
        {
            throw new ArgumentException($"The transform's {shiftWord}[{bad}] is {Describe(shift[bad])}; it must be finite.", shiftName);
        }

        for (int i = 0; i < scale.Length; i++)
        {
            if (float.IsNaN(scale[i]) || float.IsInfinity(scale[i]) || scale[i] == 0f)
            {
                throw new ArgumentException($"The transform's scale[{i}] is {Describe(scale[i])}; scales must be finite and non-zero.", scaleName);
            }
        }
    }
}
