using System;

namespace LumpGen.Format;

/// <summary>What kind of problem a <see cref="LumpFormatException"/> reports (the generator maps each to a diagnostic).</summary>
public enum LumpErrorKind
{
    /// <summary>The text does not follow the grammar (unexpected or missing line, bad token).</summary>
    Syntax,

    /// <summary>The first line names a format version this reader does not support.</summary>
    UnsupportedVersion,

    /// <summary>A layer names an activation the format does not define.</summary>
    UnknownActivation,

    /// <summary>A value is out of range or inconsistent (NaN weight, shape mismatch, bad partition).</summary>
    InvalidValue,

    /// <summary>The file claims more than <see cref="LumpReaderOptions"/> allows (a guard against resource bombs).</summary>
    LimitExceeded,
}

/// <summary>A <c>.lump</c> file could not be read. The message names the line and what was expected.</summary>
[Serializable]
public sealed class LumpFormatException : FormatException
{
    /// <summary>Creates the exception; <paramref name="lineNumber"/> is 1-based, 0 when no line applies.</summary>
    public LumpFormatException(LumpErrorKind kind, int lineNumber, string detail)
        : base(lineNumber > 0 ? $"line {lineNumber}: {detail}" : detail)
    {
        Kind = kind;
        LineNumber = lineNumber;
        Detail = detail;
    }

    /// <summary>The class of problem.</summary>
    public LumpErrorKind Kind { get; }

    /// <summary>1-based line of the problem; 0 when it concerns the file as a whole.</summary>
    public int LineNumber { get; }

    /// <summary>The message without the line prefix.</summary>
    public string Detail { get; }
}
