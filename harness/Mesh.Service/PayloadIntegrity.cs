using Mesh.Wire.Dare;

namespace Mesh.Service;

/// <summary>
/// draft-03: an entry or message whose trailer carries a PayloadDigest must carry the right one (docs/reference-behaviour.md §D3:
/// the digest of the payload as carried, under the header's <c>dig</c>). The service stores what it is given,
/// so a wrong digest stored now would be a broken entry for every device that downloads it later; the request
/// is refused (400) before anything is stored. An envelope without a trailer digest has nothing to check.
/// </summary>
public static class PayloadIntegrity
{
    /// <summary>Throws a 400 <see cref="MeshFailure"/> naming <paramref name="where"/> when the carried digest is wrong.</summary>
    public static void Require(DareEnvelope envelope, string where)
    {
        if (envelope.Trailer?.PayloadDigest is null) return;
        var check = EnvelopeReader.VerifyDigest(envelope);
        if (!check.IsValid) throw MeshFailure.BadRequest($"{where}: {check.Reason}");
    }
}
