namespace Mesh.Dns;

/// <summary>A scripted misbehaviour of <see cref="MockDnsServer"/> for one name (and optionally one query type).</summary>
public enum DnsFault
{
    /// <summary>Never answer: the client must give up after its own timeout.</summary>
    Timeout,

    /// <summary>Answer RCODE 2, SERVFAIL (RFC 1035 §4.1.1).</summary>
    ServFail,

    /// <summary>Answer RCODE 5, REFUSED (RFC 1035 §4.1.1).</summary>
    Refused,

    /// <summary>
    /// Over UDP answer with TC set and no records, so the client must retry over TCP (RFC 7766 §5);
    /// over TCP answer in full.
    /// </summary>
    Truncated,

    /// <summary>Answer normally, after <see cref="ScriptedFault.Delay"/>.</summary>
    Delay,
}
