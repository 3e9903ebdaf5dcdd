using Mesh.Wire.Dare;

namespace Mesh.Service.Encapsulation;

/// <summary>
/// What the <c>alg</c> of a request envelope's signature may say (docs/encapsulation.md, "alg"). The author's
/// recorded envelopes label an Ed448 signature with the digest it signs, <c>SHA2</c>; the draft's algorithm table
/// names the signature itself <c>ED448</c>. A ticket MAC says <c>HS512</c>. Anything else, or no <c>alg</c>, is refused:
/// a verifier that ignores the label lets one algorithm pass for another.
/// </summary>
public static class SignatureAlgorithms
{
    /// <summary>The labels an Ed448 request signature may carry: the author's (SHA2, its reader alias S512) and the draft's (ED448).</summary>
    public static readonly IReadOnlySet<string> Ed448 = new HashSet<string>(StringComparer.Ordinal) { DareAlgorithms.Sha2, "S512", "ED448" };

    /// <summary>The labels the reference profile accepts: only what the author writes.</summary>
    public static readonly IReadOnlySet<string> ReferenceEd448 = new HashSet<string>(StringComparer.Ordinal) { DareAlgorithms.Sha2, "S512" };

    public static bool IsTicket(DareSignature signature) => signature.Algorithm == DareAlgorithms.TicketMac;

    /// <summary>Whether every signature's <c>alg</c> is one the profile allows; <paramref name="refused"/> names the first that is not.</summary>
    public static bool AllAllowed(IReadOnlyList<DareSignature> signatures, bool reference, out string? refused)
    {
        var allowed = reference ? ReferenceEd448 : Ed448;
        foreach (var signature in signatures)
        {
            if (IsTicket(signature) || signature.Algorithm is { } alg && allowed.Contains(alg)) continue;
            refused = signature.Algorithm;
            return false;
        }
        refused = null;
        return true;
    }
}
