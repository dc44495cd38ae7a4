namespace LumpGen.Onnx.Import;

/// <summary>The .lump format's rules for names and keys, so imported metadata can always be written back.</summary>
internal static class MetadataText
{
    public static bool IsKey(string? key) =>
        !string.IsNullOrEmpty(key) && key.Length <= 100 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');

    public static bool IsSha256(string? text) =>
        text is { Length: 64 } && text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    /// <summary>A valid .lump name made from <paramref name="text"/> (control characters dropped, trimmed, at most 200 characters), or null.</summary>
    public static string? CleanName(string? text)
    {
        if (text is null)
        {
            return null;
        }

        string clean = new string([.. text.Where(c => !char.IsControl(c))]).Trim();
        if (clean.Length > 200)
        {
            clean = clean[..200].TrimEnd();
        }

        return clean.Length == 0 ? null : clean;
    }
}
