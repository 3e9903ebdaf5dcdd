namespace Mesh.Dns;

/// <summary>
/// The one spelling of a domain name used across the zone, the server's query log and discovery:
/// lower case (RFC 4343: DNS names compare case-insensitively), no trailing dot, the root as ".".
/// </summary>
public static class DnsName
{
    /// <summary>The root name; as an SRV target it means "decidedly not available" (RFC 2782).</summary>
    public const string Root = ".";

    /// <summary>Lower-cases and drops the trailing dot; "." and "" both become <see cref="Root"/>.</summary>
    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var trimmed = name.Trim().TrimEnd('.');
        if (trimmed.Length == 0) return Root;
        if (trimmed.Contains("..", StringComparison.Ordinal) || trimmed.StartsWith('.') || trimmed.Any(char.IsWhiteSpace))
            throw new ArgumentException($"'{name}' is not a domain name.", nameof(name));
        return trimmed.ToLowerInvariant();
    }

    /// <summary>True when <paramref name="name"/> is <paramref name="ancestor"/> or below it (both normalized).</summary>
    public static bool IsAtOrBelow(string name, string ancestor) =>
        ancestor == Root || name == ancestor || name.EndsWith("." + ancestor, StringComparison.Ordinal);
}
