namespace LumpGen.Data;

/// <summary>
/// A data file is missing a column, has a malformed row, or holds a value that is not allowed. The
/// message names the file, the line (1-based, counting the header) and the column. Derives from
/// <see cref="FormatException"/>, which the CLI reports as a user error.
/// </summary>
public sealed class DatasetFormatException : FormatException
{
    /// <summary>Creates the exception; <paramref name="line"/> is 0 when the problem is not on one line.</summary>
    public DatasetFormatException(string file, int line, string problem)
        : base(line > 0 ? $"{file}: line {line}: {problem}" : $"{file}: {problem}")
    {
        File = file;
        Line = line;
    }

    /// <summary>Creates the exception with a plain message.</summary>
    public DatasetFormatException()
        : base("A data file is malformed.")
    {
        File = "";
    }

    /// <summary>Creates the exception with a plain message.</summary>
    public DatasetFormatException(string message)
        : base(message)
    {
        File = "";
    }

    /// <summary>Creates the exception with a plain message and a cause.</summary>
    public DatasetFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        File = "";
    }

    /// <summary>The file (as given by the caller, never made absolute).</summary>
    public string File { get; }

    /// <summary>The 1-based line, or 0.</summary>
    public int Line { get; }
}
