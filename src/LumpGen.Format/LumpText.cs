using System.Text;

namespace LumpGen.Format;

/// <summary>The escaping of metadata values, shared by the reader and the writer.</summary>
internal static class LumpText
{
    /// <summary>Escapes a metadata value so it fits on one line: <c>\\</c>, <c>\n</c>, <c>\r</c>, <c>\t</c>, other control characters and a leading space as <c>\uXXXX</c>.</summary>
    public static string Escape(string value)
    {
        var sb = new StringBuilder(value.Length + 8);
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];

            // A leading space would be taken for the separator after the key, so it is escaped.
            if (c == ' ' && i == 0)
            {
                sb.Append("\\u0020");
                continue;
            }

            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (char.IsControl(c))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>Reverses <see cref="Escape"/>; returns null on a malformed escape.</summary>
    public static string? Unescape(string text)
    {
        if (text.IndexOf('\\') < 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }

            if (++i >= text.Length)
            {
                return null;
            }

            switch (text[i])
            {
                case '\\': sb.Append('\\'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'u':
                    if (i + 4 >= text.Length)
                    {
                        return null;
                    }

                    if (!int.TryParse(text.Substring(i + 1, 4), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out int code))
                    {
                        return null;
                    }

                    sb.Append((char)code);
                    i += 4;
                    break;
                default:
                    return null;
            }
        }

        return sb.ToString();
    }
}
