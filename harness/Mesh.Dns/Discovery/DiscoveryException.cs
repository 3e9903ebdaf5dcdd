namespace Mesh.Dns.Discovery;

/// <summary>
/// Discovery could not decide where the service is because a DNS query failed (SERVFAIL, REFUSED, timeout):
/// unlike NXDOMAIN, such a failure says nothing about whether the records exist, so there is no fallback.
/// </summary>
public sealed class DiscoveryException : Exception
{
    public DiscoveryException(string queryName, string queryType, DiscoveryFailure failure, string message, Exception? inner = null)
        : base(message, inner)
    {
        QueryName = queryName;
        QueryType = queryType;
        Failure = failure;
    }

    /// <summary>The name queried, e.g. <c>_mmm._tcp.example.com</c>.</summary>
    public string QueryName { get; }

    /// <summary>The type queried, e.g. "SRV".</summary>
    public string QueryType { get; }

    /// <summary>How it failed.</summary>
    public DiscoveryFailure Failure { get; }
}
