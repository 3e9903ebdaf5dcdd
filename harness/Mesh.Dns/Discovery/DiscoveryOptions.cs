namespace Mesh.Dns.Discovery;

/// <summary>
/// How <see cref="ServiceLocator"/> turns DNS answers into URLs: the scheme (https by default, http for
/// reference interop, spec digest A3), the path used when no TXT <c>path</c> applies (A1), and whether the
/// bare domain is tried after <c>mmm.&lt;domain&gt;</c> (A3's optional second fallback).
/// </summary>
public sealed record DiscoveryOptions
{
    /// <summary>The well-known path of the Mesh service (spec digest A1).</summary>
    public const string WellKnownPath = "/.well-known/mmm/";

    /// <summary>The defaults: https, <see cref="WellKnownPath"/>, both fallbacks.</summary>
    public static DiscoveryOptions Https { get; } = new();

    /// <summary>As <see cref="Https"/> but plain http, as the reference implementation serves.</summary>
    public static DiscoveryOptions Http { get; } = new() { Scheme = "http" };

    /// <summary>"https" or "http".</summary>
    public string Scheme { get; init; } = "https";

    /// <summary>The path when no TXT <c>path</c> applies; absolute.</summary>
    public string DefaultPath { get; init; } = WellKnownPath;

    /// <summary>Whether <c>&lt;domain&gt;</c> itself is offered after <c>mmm.&lt;domain&gt;</c> when there is no SRV.</summary>
    public bool BareDomainFallback { get; init; } = true;

    internal DiscoveryOptions Validated()
    {
        var scheme = Scheme.ToLowerInvariant();
        if (scheme is not ("https" or "http"))
            throw new ArgumentException($"Scheme must be https or http, not '{Scheme}'.", nameof(Scheme));
        if (!DefaultPath.StartsWith('/'))
            throw new ArgumentException($"DefaultPath must be absolute, not '{DefaultPath}'.", nameof(DefaultPath));
        return this with { Scheme = scheme };
    }
}
