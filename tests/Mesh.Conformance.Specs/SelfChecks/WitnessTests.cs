using Mesh.Client.Accounts;
using Mesh.Conformance.Scenarios;
using Mesh.Service.Handlers;
using Mesh.Wire.Crypto;
using Xunit;

namespace Mesh.Conformance.Specs.SelfChecks;

/// <summary>The harness's own witness (A33, the author's MakeWitnessString) pinned by a known answer, and the service's agreeing with it.</summary>
public class WitnessTests
{
    static byte[] Range(int from, int count) => Enumerable.Range(from, count).Select(i => (byte)i).ToArray();

    /// <summary>
    /// Expected value computed independently (Python hashlib): SPKI of the 57-byte keys 00..38 and 39..72 on Ed448,
    /// F = type byte 0x60 ‖ SHA-512("application/x509-keyinfo:" ‖ SHA-512(SPKI))[0..63], nonces 00..0F and 10..1F.
    /// </summary>
    [Fact]
    public void The_witness_hashes_the_512_bit_UDFs_of_both_keys_with_both_nonces()
    {
        byte[] mesh = KeyInfo.Encode(Curve.Ed448, Range(0, 57)), device = KeyInfo.Encode(Curve.Ed448, Range(57, 57));
        var witness = ConnectionWitness.Of(mesh, KeyInfo.Udf(Curve.Ed448, Range(0, 57)), Range(0, 16), device, KeyInfo.Udf(Curve.Ed448, Range(57, 57)), Range(16, 16));
        Assert.Equal("MWGY-OTA7-DUIA-4QE2-EKLH-R7EV-QUPR", witness);
        Assert.Equal(64, ConnectionWitness.Fingerprint(mesh, KeyInfo.Udf(Curve.Ed448, Range(0, 57))).Length);
    }

    [Fact]
    public void The_reference_service_computes_the_same_witness_as_the_harness()
    {
        var alice = MeshAccountKeys.FromSeed("alice");
        var phone = MeshDeviceKeys.FromSeed("alice's phone");
        byte[] serverNonce = Range(100, 16), clientNonce = Range(200, 16);
        var harness = ConnectionWitness.Of(KeyInfo.Encode(alice.MeshOffline.Curve, alice.MeshOffline.PublicKey), alice.MeshUdf, serverNonce,
            KeyInfo.Encode(phone.Offline.Curve, phone.Offline.PublicKey), phone.DeviceUdf, clientNonce);
        var service = Witness.Compute(Witness.Fingerprint(alice.ProfileMesh)!, serverNonce, Witness.Fingerprint(phone.ProfileDevice)!, clientNonce);
        Assert.Equal(harness, service);
    }
}
