namespace LumpGen.Cli.Infrastructure;

/// <summary>
/// A problem the user can fix (bad file, wrong shape, missing option). The CLI prints its message on one
/// line and exits with code 1; no stack trace unless --verbose.
/// </summary>
internal sealed class UserException(string message, Exception? inner = null) : Exception(message, inner);
