using System.Security.Cryptography;
using System.Text;
using Mesh.Wire.Text;

namespace Mesh.Conformance.Scenarios;

/// <summary>
/// The harness's own computation of the connection witness (draft §8.1; A33: the author's MakeWitnessString), kept apart
/// from the reference service's so that a wrong witness on either side shows:
/// <c>SHA-512(SHA-512(F_mesh ‖ ServerNonce) ‖ SHA-512(F_device ‖ ClientNonce))</c>, its first 140 bits in dashed Base32.
/// F is a key's binary UDF at 512 bits: the type byte of its UDF, then the first 63 bytes of
/// <c>SHA-512("application/x509-keyinfo:" ‖ SHA-512(SubjectPublicKeyInfo))</c>.
/// </summary>
public static class ConnectionWitness
{
    const string KeyInfoType = "application/x509-keyinfo";

    /// <summary>
    /// The witness from each offline signature key's SubjectPublicKeyInfo and UDF (any precision: only its type byte is
    /// used) and the two nonces.
    /// </summary>
    public static string Of(byte[] meshKeyInfo, string meshUdf, byte[] serverNonce, byte[] deviceKeyInfo, string deviceUdf, byte[] clientNonce)
    {
        var first = SHA512.HashData([.. Fingerprint(meshKeyInfo, meshUdf), .. serverNonce]);
        var second = SHA512.HashData([.. Fingerprint(deviceKeyInfo, deviceUdf), .. clientNonce]);
        var witness = SHA512.HashData([.. first, .. second]);
        return Base32.Dashed(Base32.Encode(witness.AsSpan(0, 18), 28));
    }

    /// <summary>The 64-byte binary UDF of a key: type byte, then 63 bytes of the outer digest.</summary>
    public static byte[] Fingerprint(byte[] keyInfo, string udf)
    {
        var inner = SHA512.HashData(keyInfo);
        var outer = SHA512.HashData([.. Encoding.ASCII.GetBytes(KeyInfoType + ":"), .. inner]);
        return [Base32.Decode(udf)[0], .. outer.AsSpan(0, 63)];
    }
}
