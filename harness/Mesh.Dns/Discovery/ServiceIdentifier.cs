using System.Globalization;

namespace Mesh.Dns.Discovery;

/// <summary>The domain a Mesh service identifier names: the part after '@' of an account address, or a bare domain.</summary>
public static class ServiceIdentifier
{
    static readonly IdnMapping Idn = new();

    /// <summary>
    /// <c>alice@Example.COM</c> → <c>example.com</c>; <c>example.com.</c> → <c>example.com</c>. Internationalized
    /// names become their A-label form (RFC 5891), which is what DNS holds.
    /// </summary>
    /// <exception cref="ArgumentException">Nothing usable as a domain name.</exception>
    public static string DomainOf(string serviceIdentifier)
    {
        ArgumentNullException.ThrowIfNull(serviceIdentifier);
        var text = serviceIdentifier.Trim();
        var at = text.LastIndexOf('@');
        var domain = (at >= 0 ? text[(at + 1)..] : text).TrimEnd('.');
        if (domain.Length == 0)
            throw new ArgumentException($"'{serviceIdentifier}' names no domain.", nameof(serviceIdentifier));
        try
        {
            domain = Idn.GetAscii(domain).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            throw new ArgumentException($"'{serviceIdentifier}' does not end in a domain name.", nameof(serviceIdentifier));
        }
        if (!domain.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_') || domain.Contains(".."))
            throw new ArgumentException($"'{serviceIdentifier}' does not end in a domain name.", nameof(serviceIdentifier));
        return DnsName.Normalize(domain);
    }
}
