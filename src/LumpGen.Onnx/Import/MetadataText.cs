namespace LumpGen.Onnx.Import;

/// <summary>Makes imported names fit the .lump format's rules (<see cref="LumpGen.Format.LumpNames"/>), so imported metadata can always be written back.</summary>
internal static class MetadataText
{
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
