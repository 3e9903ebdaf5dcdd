using Mesh.Wire.Crypto;
using Mesh.Wire.Json;
using Mesh.Wire.Model;
using Mesh.Wire.Objects;

namespace Mesh.Wire.Dare;

/// <summary>Envelopes of tagged objects: a profile or message written with the chosen layout, then signed.</summary>
public static class SignedObjects
{
    public static DareEnvelope Sign(WireRecord payload, KeyPair signer, BinaryLayout layout, ContentMeta? meta = null) =>
        EnvelopeWriter.Signed(WireSerializer.Encode(payload, WireEncoding.Json, layout), signer, meta);

    public static DareEnvelope Plain(WireRecord payload, BinaryLayout layout, ContentMeta? meta = null) =>
        EnvelopeWriter.Plain(WireSerializer.Encode(payload, WireEncoding.Json, layout), meta);

    /// <summary>
    /// Verifies a self-signed profile: it decodes as <typeparamref name="T"/>, and its signature verifies with
    /// one of the profile's own signature keys (offline or online).
    /// </summary>
    public static (T? Profile, Verification Result) OpenProfile<T>(DareEnvelope envelope) where T : Profile
    {
        T profile;
        try { profile = EnvelopeReader.Payload<T>(envelope); }
        catch (Json.WireFormatException e) { return (null, Verification.Invalid($"payload is not a {typeof(T).Name}: {e.Message}")); }
        var keys = ProfileKeys.SignatureKeys(profile);
        return (profile, EnvelopeReader.VerifySignatures(envelope, ProfileKeys.Resolver(keys)));
    }
}

/// <summary>The public keys a profile carries, as a resolver for <c>kid</c>s.</summary>
public static class ProfileKeys
{
    public static IReadOnlyList<PublicKey> SignatureKeys(Profile profile) =>
        new[] { profile.KeyOfflineSignature }.Concat(profile.KeysOnlineSignature ?? []).OfType<PublicKey>().ToList();

    public static KeyResolver Resolver(IEnumerable<PublicKey> keys)
    {
        var byUdf = new Dictionary<string, (Curve, byte[])>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in keys)
        {
            if (key.PublicParameters is PublicKeyECDH { Public: { } raw } parameters && Curves.TryParse(parameters.Curve, out var curve))
                byUdf[KeyInfo.Udf(curve, raw)] = (curve, raw);
        }
        return kid => byUdf.TryGetValue(kid, out var key) ? key : null;
    }

    /// <summary>The UDF of a profile: the UDF of its offline signature key (docs/reference-behaviour.md §U5).</summary>
    public static string? Udf(Profile profile) =>
        profile.KeyOfflineSignature?.PublicParameters is PublicKeyECDH { Public: { } raw } p && Curves.TryParse(p.Curve, out var curve)
            ? KeyInfo.Udf(curve, raw) : null;
}
