namespace LumpGen.Ode;

/// <summary>An ERODE <c>.ode</c> file could not be read; says where, what was found and what was expected.</summary>
public sealed class OdeFormatException : FormatException
{
    /// <summary>Creates the exception; the message reads <c>model.ode:12: found 'x', expected a species name.</c></summary>
    public OdeFormatException(string source, int line, string token, string expected)
        : base($"{source}:{line}: found {(token.Length == 0 ? "end of line" : "'" + token + "'")}, expected {expected}.")
    {
        Source = source;
        Line = line;
        Token = token;
        Expected = expected;
    }

    /// <summary>Creates the exception with a plain message (required by the analyzers; prefer the other constructor).</summary>
    public OdeFormatException(string message)
        : base(message)
    {
        Source = "";
        Token = "";
        Expected = "";
    }

    /// <summary>Creates the exception with a plain message and an inner exception.</summary>
    public OdeFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Source = "";
        Token = "";
        Expected = "";
    }

    /// <summary>Creates an empty exception.</summary>
    public OdeFormatException()
        : this("The .ode input is malformed.")
    {
    }

    /// <summary>The file name (or the name the text was given), without folders.</summary>
    public new string Source { get; }

    /// <summary>1-based line number; 0 when the whole file is at fault.</summary>
    public int Line { get; }

    /// <summary>The offending token; empty at the end of a line or file.</summary>
    public string Token { get; }

    /// <summary>What the reader expected instead.</summary>
    public string Expected { get; }
}
