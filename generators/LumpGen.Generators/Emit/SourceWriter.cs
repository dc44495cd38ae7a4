using System;
using System.Text;

namespace LumpGen.Generators.Emit;

/// <summary>An indented text writer for generated C# (a StringBuilder with <c>using (w.Block())</c>); '\n' line ends everywhere.</summary>
internal sealed class SourceWriter
{
    private const int IndentSize = 4;
    private readonly StringBuilder _sb;
    private int _indent;

    public SourceWriter(int capacity = 16 * 1024)
    {
        _sb = new StringBuilder(capacity);
    }

    public int Length => _sb.Length;

    /// <summary>Writes one line at the current indentation (an empty line has no trailing spaces).</summary>
    public SourceWriter Line(string text = "")
    {
        if (text.Length > 0)
        {
            _sb.Append(' ', _indent * IndentSize);
            _sb.Append(text);
        }

        _sb.Append('\n');
        return this;
    }

    /// <summary>Starts a line and leaves it open for <see cref="Append(string)"/> calls; finish with <see cref="EndLine"/>.</summary>
    public SourceWriter StartLine()
    {
        _sb.Append(' ', _indent * IndentSize);
        return this;
    }

    public SourceWriter Append(string text)
    {
        _sb.Append(text);
        return this;
    }

    public SourceWriter EndLine()
    {
        _sb.Append('\n');
        return this;
    }

    /// <summary>Writes <c>{</c>, indents until the returned scope is disposed, then writes <paramref name="close"/>.</summary>
    public Scope Block(string close = "}")
    {
        Line("{");
        _indent++;
        return new Scope(this, close);
    }

    /// <summary>Indents without braces.</summary>
    public Scope Indent()
    {
        _indent++;
        return new Scope(this, null);
    }

    public override string ToString() => _sb.ToString();

    public readonly struct Scope : IDisposable
    {
        private readonly SourceWriter _writer;
        private readonly string? _close;

        public Scope(SourceWriter writer, string? close)
        {
            _writer = writer;
            _close = close;
        }

        public void Dispose()
        {
            _writer._indent--;
            if (_close is not null)
            {
                _writer.Line(_close);
            }
        }
    }
}
