namespace Mesh.Dns.Discovery;

/// <summary>
/// RFC 6763 §6 key=value strings of a TXT record, as Mesh discovery reads them (spec digest A2): keys are
/// case-insensitive (§6.4), the first occurrence of a key wins (§6.4), a string without '=' is a boolean
/// attribute and one starting with '=' is ignored (§6.4).
/// </summary>
public static class TxtAttributes
{
    /// <summary>The key whose value is the service path; the only key Mesh discovery uses.</summary>
    public const string PathKey = "path";

    /// <summary>The attributes of <paramref name="strings"/>; a boolean attribute maps to null.</summary>
    public static IReadOnlyDictionary<string, string?> Parse(IEnumerable<string> strings)
    {
        var attributes = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var s in strings)
        {
            if (s.Length == 0 || s[0] == '=') continue;
            var equals = s.IndexOf('=');
            var key = equals < 0 ? s : s[..equals];
            var value = equals < 0 ? null : s[(equals + 1)..];
            attributes.TryAdd(key, value);
        }
        return attributes;
    }
}
