namespace Mesh.Dns;

/// <summary>A zone file line that <see cref="DnsZone.Parse"/> cannot read; the message names source, line and reason.</summary>
public sealed class ZoneFileFormatException : FormatException
{
    public ZoneFileFormatException(string sourceName, int lineNumber, string line, string reason)
        : base($"{sourceName} line {lineNumber}: {reason} (in \"{line.Trim()}\")")
    {
        SourceName = sourceName;
        LineNumber = lineNumber;
        Line = line;
        Reason = reason;
    }

    /// <summary>The file path, or the name given to <see cref="DnsZone.Parse"/>.</summary>
    public string SourceName { get; }

    /// <summary>1-based line number.</summary>
    public int LineNumber { get; }

    /// <summary>The offending line as written.</summary>
    public string Line { get; }

    /// <summary>What is wrong with it.</summary>
    public string Reason { get; }
}
