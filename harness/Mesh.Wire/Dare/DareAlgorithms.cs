namespace Mesh.Wire.Dare;

/// <summary>Algorithm identifiers as the reference writes them (docs/reference-behaviour.md §D6); readers also accept the JOSE names.</summary>
public static class DareAlgorithms
{
    public const string Sha2 = "SHA2";
    public const string Sha3 = "SHA3";
    public const string Aes256Cbc = "A256CBC";
    /// <summary>A ticket MAC, HMAC-SHA-512 over the PayloadDigest (docs/encapsulation.md).</summary>
    public const string TicketMac = "HS512";
    /// <summary>The ContentMeta MessageType and key-value name of a ticket carried in an answer's header.</summary>
    public const string TicketMessageType = "MeshTicket";
    public const string TicketExpires = "Expires";

    /// <summary>Whether <paramref name="id"/> names SHA-2-512 (<c>SHA2</c>, or the JOSE-style <c>S512</c>).</summary>
    public static bool IsSha2(string? id) => id is Sha2 or "S512";
}
