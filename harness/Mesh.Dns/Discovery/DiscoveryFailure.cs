namespace Mesh.Dns.Discovery;

/// <summary>Why a discovery query failed, as <see cref="DiscoveryException.Failure"/> reports it.</summary>
public enum DiscoveryFailure
{
    /// <summary>The server answered SERVFAIL (RCODE 2).</summary>
    ServerFailure,

    /// <summary>The server answered REFUSED (RCODE 5).</summary>
    Refused,

    /// <summary>Another error RCODE (FORMERR, NOTIMP, …).</summary>
    ErrorResponse,

    /// <summary>No answer within the resolver's timeout and retries.</summary>
    Timeout,

    /// <summary>The query could not be sent or its answer not read.</summary>
    Transport,
}
