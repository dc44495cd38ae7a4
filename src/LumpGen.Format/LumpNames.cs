namespace LumpGen.Format;

/// <summary>
/// What the <c>.lump</c> format accepts as names, keys and hashes. Public so that importers can check
/// metadata against the same rules the writer enforces, and always produce a model that can be written.
/// </summary>
public static class LumpNames
{
    /// <summary>A metadata key or a one-word value (quotient): 1–100 characters of A–Z, a–z, 0–9, '_', '-', '.'.</summary>
    public static bool IsValidKey(string? key)
    {
        if (string.IsNullOrEmpty(key) || key!.Length > 100)
        {
            return false;
        }

        foreach (char c in key)
        {
            bool ok = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '-' or '.';
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A model name: 1–200 characters, no control characters, no leading or trailing white space.</summary>
    public static bool IsValidName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name!.Length > 200 || name.Trim().Length != name.Length)
        {
            return false;
        }

        foreach (char c in name)
        {
            if (char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A source hash: exactly 64 lower-case hex digits.</summary>
    public static bool IsSha256(string? text)
    {
        if (text is null || text.Length != 64)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        return true;
    }
}
