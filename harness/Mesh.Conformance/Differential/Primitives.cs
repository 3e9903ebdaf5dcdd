using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Mesh.Wire.Crypto;
using Mesh.Wire.Dare;
using Mesh.Wire.Fingerprints;
using Mesh.Wire.Json;
using Mesh.Wire.Protocol;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using BcEd25519 = Org.BouncyCastle.Math.EC.Rfc8032.Ed25519;
using BcEd448 = Org.BouncyCastle.Math.EC.Rfc8032.Ed448;
using BcX25519 = Org.BouncyCastle.Math.EC.Rfc7748.X25519;
using BcX448 = Org.BouncyCastle.Math.EC.Rfc7748.X448;
using static Mesh.Conformance.Differential.DifferentialRun;

namespace Mesh.Conformance.Differential;

/// <summary>
/// The primitives and constructions of the protocol, each as a generator of seeded cases that runs our code
/// and queues the same case for the independent implementations: the checker's Python functions (with the
/// 'cryptography' package), the openssl command line, and BouncyCastle where our code is our own.
/// Both directions wherever a value is produced: what we produce they accept, and the reverse.
/// </summary>
public static class Primitives
{
    public static IReadOnlyDictionary<string, Action<DifferentialRun, int>> All { get; } = new Dictionary<string, Action<DifferentialRun, int>>
    {
        ["key-udf"] = KeyUdf,
        ["content-udf"] = ContentUdf,
        ["seed-keys"] = SeedKeys,
        ["ed25519"] = Ed25519Pure,
        ["ed25519ctx"] = (run, n) => ReferenceSignatures(run, n, Curve.Ed25519),
        ["ed448"] = (run, n) => ReferenceSignatures(run, n, Curve.Ed448),
        ["ed448-derived"] = Ed448Derived,
        ["field-448"] = Field448Arithmetic,
        ["field-25519"] = Field25519Arithmetic,
        ["x25519"] = (run, n) => Montgomery(run, n, Curve.X25519),
        ["x448"] = (run, n) => Montgomery(run, n, Curve.X448),
        ["edwards-agreement"] = EdwardsAgreement,
        ["hkdf"] = Hkdf,
        ["aes-key-wrap"] = KeyWrap,
        ["aes-cbc"] = Cbc,
        ["dare-encryption"] = DareEncryption,
        ["dare-signature"] = DareSignature,
        ["json-binary"] = JsonBinary,
        ["dare-example"] = DareExample,
    };

    static readonly Curve[] AllCurves = [Curve.Ed25519, Curve.Ed448, Curve.X25519, Curve.X448];

    static JsonObject Op(string op, params (string Name, JsonNode? Value)[] fields)
    {
        var request = new JsonObject { ["op"] = op };
        foreach (var (name, value) in fields) request[name] = value;
        return request;
    }

    static string Inputs(params (string Name, object Value)[] inputs) =>
        string.Join(' ', inputs.Select(i => $"{i.Name}={(i.Value is byte[] b ? Hex(b) : i.Value)}"));

    /// <summary>A private key of the curve's generated length (57 octets for Ed448, as RFC 8032), edge cases included.</summary>
    static KeyPair Key(CaseRandom random, Curve curve, bool derivedEd448 = false) =>
        KeyPair.FromPrivateKey(curve, random.Edged(curve == Curve.Ed448 && !derivedEd448 ? 57 : curve.DerivedPrivateLength()));

    // ---- fingerprints ----

    static void KeyUdf(DifferentialRun run, int cases)
    {
        for (var i = 0; i < cases; i++)
        {
            var random = run.Case(i);
            var curve = random.Pick(AllCurves);
            var publicKey = random.Edged(curve.PublicKeyLength());
            var inputs = Inputs(("crv", curve), ("public", publicKey));
            var index = i;
            run.Python.Add(Op("key-udf", ("crv", curve.Name()), ("public", Hex(publicKey))), answer =>
            {
                run.Compare(index, "python keyinfo", inputs, Hex(KeyInfo.Encode(curve, publicKey)), Field(answer, "keyinfo"));
                run.Compare(index, "python key UDF", inputs, KeyInfo.Udf(curve, publicKey), Field(answer, "udf"));
            });
        }
    }

    static void ContentUdf(DifferentialRun run, int cases)
    {
        for (var i = 0; i < cases; i++)
        {
            var random = run.Case(i);
            var data = random.Edged(random.Int(300));
            var contentType = random.Pick("text/plain", "application/x509-keyinfo", random.Text(1 + random.Int(30)));
            var bits = 100 + 5 * random.Int(69);           // 100 to 440 bits, every presentation length
            var sha3 = random.Int(2) == 1;
            var inputs = Inputs(("data", data), ("ctype", contentType), ("bits", bits), ("sha3", sha3));
            var ours = Udf.ContentDigest(data, contentType, bits, sha3 ? UdfDigest.Sha3_512 : UdfDigest.Sha2_512);
            var index = i;
            run.Python.Add(Op("content-udf", ("data", Hex(data)), ("ctype", contentType), ("bits", bits), ("sha3", sha3)),
                answer => run.Compare(index, "python", inputs, ours, Field(answer, "udf")));
        }
    }

    static void SeedKeys(DifferentialRun run, int cases)
    {
        for (var i = 0; i < cases; i++)
        {
            var random = run.Case(i);
            var curve = random.Pick(AllCurves);
            var algorithm = Enum.Parse<UdfKeyAlgorithm>(curve.Name());
            var udf = Udf.KeySeed(algorithm, random.Edged(random.Pick(16, 20, 32)));
            var inputs = Inputs(("udf", udf), ("crv", curve));
            var key = KeyPair.FromSeedUdf(udf, curve);
            var index = i;
            run.Python.Add(Op("seed-key", ("udf", udf), ("crv", curve.Name()), ("length", curve.DerivedPrivateLength())), answer =>
            {
                run.Compare(index, "python private key", inputs, Hex(KeyDerivation.DerivePrivateKey(udf, curve)), Field(answer, "private"));
                run.Compare(index, "python public key", inputs, Hex(key.PublicKey), Field(answer, "public"));
            });
        }
    }

    // ---- signatures ----

    static void Ed25519Pure(DifferentialRun run, int cases)
    {
        for (var i = 0; i < cases; i++)
        {
            var random = run.Case(i);
            var seed = random.Edged(32);
            var message = random.Edged(random.Int(200));
            var inputs = Inputs(("seed", seed), ("message", message));
            var ours = EdwardsCurve.Ed25519.Sign(seed, message, null);
            var publicKey = EdwardsCurve.Ed25519.PublicKey(seed);
            var bc = new byte[64];
            BcEd25519.Sign(seed, 0, message, 0, message.Length, bc, 0);
            run.Compare(i, "bouncycastle", inputs, ours, bc);
            var index = i;
            run.Python.Add(Op("sign-pure25519", ("seed", Hex(seed)), ("message", Hex(message))), answer =>
            {
                run.Compare(index, "python", inputs, Hex(ours), Field(answer, "signature"));
                var theirs = Convert.FromHexString(Field(answer, "signature") ?? "");
                run.Compare(index, "ours verifies python's", inputs, "True", EdwardsCurve.Ed25519.Verify(publicKey, message, theirs, null).ToString());
            });
            run.Python.Add(Op("verify", ("crv", "Ed25519"), ("public", Hex(publicKey)), ("message", Hex(message)), ("signature", Hex(ours))),
                answer => run.Compare(index, "python verifies ours", inputs, "true", Field(answer, "valid")));
            var tampered = (byte[])ours.Clone();
            tampered[random.Int(64)] ^= (byte)(1 << random.Int(8));
            run.Python.Add(Op("verify", ("crv", "Ed25519"), ("public", Hex(publicKey)), ("message", Hex(message)), ("signature", Hex(tampered))),
                answer => run.Compare(index, "both reject a changed signature", inputs,
                    EdwardsCurve.Ed25519.Verify(publicKey, message, tampered, null).ToString().ToLowerInvariant(), Field(answer, "valid")));
            // openssl pkeyutl refuses an empty input ("Could not allocate 0 bytes"): python and BouncyCastle cover that case.
            if (message.Length > 0)
                run.OpenSsl.Add(["pkeyutl", "-sign", "-rawin", "-inkey", "{key}", "-keyform", "DER", "-in", "{message}", "-out", "{out}"],
                new() { ["key"] = Pkcs8(Curve.Ed25519, seed), ["message"] = message },
                answer => run.Compare(index, "openssl", inputs, ours, answer));
        }
    }

    /// <summary>
    /// Signatures as the reference makes them (docs/reference-behaviour.md §D4): Ed25519ctx with an empty context, Ed448 pure with an
    /// empty context; ours (BouncyCastle) against our own arithmetic, python both ways, and openssl for Ed448
    /// (its Ed25519ctx needs a non-empty context, as RFC 8032 §5.1 says; the reference's is empty).
    /// </summary>
    static void ReferenceSignatures(DifferentialRun run, int cases, Curve curve)
    {
        var edwards = curve == Curve.Ed25519 ? EdwardsCurve.Ed25519 : EdwardsCurve.Ed448;
        for (var i = 0; i < cases; i++)
        {
            var random = run.Case(i);
            var key = Key(random, curve);
            var message = random.Edged(random.Pick(64, random.Int(200)));
            var inputs = Inputs(("seed", key.PrivateKey), ("message", message));
            var ours = key.Sign(message);
            run.Compare(i, "our own arithmetic vs bouncycastle", inputs, edwards.Sign(key.PrivateKey, message, []), ours);
            var index = i;
            run.Python.Add(Op("sign", ("crv", curve.Name()), ("seed", Hex(key.PrivateKey)), ("message", Hex(message))), answer =>
            {
                run.Compare(index, "python", inputs, Hex(ours), Field(answer, "signature"));
                var theirs = Convert.FromHexString(Field(answer, "signature") ?? "");
                run.Compare(index, "ours verifies python's", inputs, "True", Signatures.Verify(curve, key.PublicKey, message, theirs).ToString());
            });
            // openssl pkeyutl refuses an empty input ("Could not allocate 0 bytes"): python and BouncyCastle cover that case.
            if (curve == Curve.Ed448 && message.Length > 0)
                run.OpenSsl.Add(["pkeyutl", "-sign", "-rawin", "-inkey", "{key}", "-keyform", "DER", "-in", "{message}", "-out", "{out}"],
                new() { ["key"] = Pkcs8(Curve.Ed448, key.PrivateKey), ["message"] = message },
                answer => run.Compare(index, "openssl", inputs, ours, answer));
        }
    }

    /// <summary>Ed448 keys from 56-octet seeds (docs/reference-behaviour.md §U7): only our own arithmetic signs them; python and 'cryptography' check.</summary>
    static void Ed448Derived(DifferentialRun run, int cases)
    {
        for (var i = 0; i < cases; i++)
        {
            var random = run.Case(i);
            var key = Key(random, Curve.Ed448, derivedEd448: true);
            var message = random.Edged(random.Pick(64, random.Int(200)));
            var inputs = Inputs(("seed", key.PrivateKey), ("message", message));
            var ours = key.Sign(message);
            var index = i;
            run.Python.Add(Op("public", ("crv", "Ed448"), ("seed", Hex(key.PrivateKey))),
                answer => run.Compare(index, "python public key", inputs, Hex(key.PublicKey), Field(answer, "public")));
            run.Python.Add(Op("sign", ("crv", "Ed448"), ("seed", Hex(key.PrivateKey)), ("message", Hex(message))),
                answer => run.Compare(index, "python signature", inputs, Hex(ours), Field(answer, "signature")));
            run.Python.Add(Op("verify", ("crv", "Ed448"), ("public", Hex(key.PublicKey)), ("message", Hex(message)), ("signature", Hex(ours))),
                answer => run.Compare(index, "'cryptography' verifies ours", inputs, "true", Field(answer, "valid")));
            var bc = BcEd448.Verify(ours, 0, key.PublicKey, 0, [], message, 0, message.Length);
            run.Compare(i, "bouncycastle verifies ours", inputs, "True", bc.ToString());
            // The limbs (EdwardsCurve.Ed448) against the BigInteger arithmetic they replaced.
            run.Compare(i, "limb arithmetic vs its BigInteger reference: public key", inputs,
                key.PublicKey, EdwardsCurve.Ed448Reference.PublicKey(key.PrivateKey));
            run.Compare(i, "limb arithmetic vs its BigInteger reference: signature", inputs,
                ours, EdwardsCurve.Ed448Reference.Sign(key.PrivateKey, message, []));
            var tampered = (byte[])ours.Clone();
            tampered[random.Int(tampered.Length)] ^= (byte)(1 << random.Int(8));
            run.Compare(i, "limb arithmetic vs its BigInteger reference: verify a changed signature", inputs,
                EdwardsCurve.Ed448.Verify(key.PublicKey, message, tampered, []).ToString(),
                EdwardsCurve.Ed448Reference.Verify(key.PublicKey, message, tampered, []).ToString());
        }
    }

    /// <summary>
    /// GF(2^448 - 2^224 - 1) on 28-bit limbs (Field448, under Ed448) against BigInteger mod p: every operation
    /// on two seeded 56-octet inputs, edge values (0, 1, p - 1, p, p + 1, 2^448 - 1, 2^224) drawn on purpose.
    /// Inputs at or above p are valid elements for the arithmetic; FromBytes says they are not canonical.
    /// </summary>
    static void Field448Arithmetic(DifferentialRun run, int cases)
    {
        BigInteger[] edges = [0, 1, P448 - 1, P448, P448 + 1, BigInteger.Pow(2, 448) - 1, BigInteger.Pow(2, 224), 39081];
        for (var i = 0; i < cases; i++)
        {
            var random = run.Case(i);
            var aBytes = random.Edged(Field448.ByteLength);
            var bBytes = random.Int(4) == 0 ? FieldBytes(random.Pick(edges)) : random.Edged(Field448.ByteLength);
            var inputs = Inputs(("a", aBytes), ("b", bBytes));
            var aCanonical = Field448.FromBytes(aBytes, out var a);
            Field448.FromBytes(bBytes, out var b);
            var (x, y) = (new BigInteger(aBytes, isUnsigned: true), new BigInteger(bBytes, isUnsigned: true));

            run.Compare(i, "BigInteger: canonical (below p)", inputs, aCanonical.ToString(), (x < P448).ToString());
            run.Compare(i, "BigInteger: encoding", inputs, FieldHex(a), FieldHex(Mod(x, P448)));
            run.Compare(i, "BigInteger: a + b", inputs, FieldHex(Field448.Add(a, b)), FieldHex(Mod(x + y, P448)));
            run.Compare(i, "BigInteger: a - b", inputs, FieldHex(Field448.Sub(a, b)), FieldHex(Mod(x - y, P448)));
            run.Compare(i, "BigInteger: -a", inputs, FieldHex(Field448.Negate(a)), FieldHex(Mod(-x, P448)));
            run.Compare(i, "BigInteger: a b", inputs, FieldHex(Field448.Mul(a, b)), FieldHex(Mod(x * y, P448)));
            run.Compare(i, "BigInteger: a^2", inputs, FieldHex(Field448.Square(a)), FieldHex(Mod(x * x, P448)));
            run.Compare(i, "BigInteger: 39081 a", inputs, FieldHex(Field448.MulSmall(a, 39081)), FieldHex(Mod(39081 * x, P448)));
            run.Compare(i, "BigInteger: 1/a", inputs, FieldHex(Field448.Inverse(a)), FieldHex(BigInteger.ModPow(x, P448 - 2, P448)));
            run.Compare(i, "BigInteger: a^((p-3)/4)", inputs, FieldHex(Field448.PowerPMinus3Over4(a)),
                FieldHex(BigInteger.ModPow(x, (P448 - 3) / 4, P448)));
            // A chain on loose intermediate results: (a + b)(a - b) - a^2 + b^2 = 0.
            var chain = Field448.Add(Field448.Sub(Field448.Mul(Field448.Add(a, b), Field448.Sub(a, b)), Field448.Square(a)), Field448.Square(b));
            run.Compare(i, "BigInteger: (a + b)(a - b) - a^2 + b^2", inputs, chain.IsZero.ToString(), "True");
            run.Compare(i, "BigInteger: parity", inputs, a.IsOdd.ToString(), (!Mod(x, P448).IsEven).ToString());
        }
    }

    /// <summary>
    /// GF(2^255 - 19) on 51-bit limbs (Field25519, under the Ed25519 agreement) against BigInteger mod p, as
    /// field-448: the 255 low bits of 32 seeded octets, edge values (0, 1, p - 1, p, p + 1, 2^255 - 1, 2^51, 2^204) on purpose.
    /// </summary>
    static void Field25519Arithmetic(DifferentialRun run, int cases)
    {
        var p = BigInteger.Pow(2, 255) - 19;
        var low255 = BigInteger.Pow(2, 255) - 1;
        BigInteger[] edges = [0, 1, p - 1, p, p + 1, low255, BigInteger.Pow(2, 51), BigInteger.Pow(2, 204), 121666];
        static string Hex25519(in Field25519 value)
        {
            var bytes = new byte[Field25519.ByteLength];
            value.WriteBytes(bytes);
            return Hex(bytes);
        }
        string Expected(BigInteger value)
        {
            var bytes = new byte[Field25519.ByteLength];
            Mod(value, p).TryWriteBytes(bytes, out _, isUnsigned: true);
            return Hex(bytes);
        }
        for (var i = 0; i < cases; i++)
        {
            var random = run.Case(i);
            var aBytes = random.Edged(Field25519.ByteLength);
            var bBytes = random.Edged(Field25519.ByteLength);
            if (random.Int(4) == 0)
            {
                Array.Clear(bBytes);
                random.Pick(edges).TryWriteBytes(bBytes, out _, isUnsigned: true);
            }
            var inputs = Inputs(("a", aBytes), ("b", bBytes));
            var (a, b) = (Field25519.FromBytes(aBytes), Field25519.FromBytes(bBytes));
            var (x, y) = (new BigInteger(aBytes, isUnsigned: true) & low255, new BigInteger(bBytes, isUnsigned: true) & low255);
            run.Compare(i, "BigInteger: encoding", inputs, Hex25519(a), Expected(x));
            run.Compare(i, "BigInteger: a + b", inputs, Hex25519(Field25519.Add(a, b)), Expected(x + y));
            run.Compare(i, "BigInteger: a - b", inputs, Hex25519(Field25519.Sub(a, b)), Expected(x - y));
            run.Compare(i, "BigInteger: -a", inputs, Hex25519(Field25519.Negate(a)), Expected(-x));
            run.Compare(i, "BigInteger: a b", inputs, Hex25519(Field25519.Mul(a, b)), Expected(x * y));
            run.Compare(i, "BigInteger: a^2", inputs, Hex25519(Field25519.Square(a)), Expected(x * x));
            run.Compare(i, "BigInteger: 1/a", inputs, Hex25519(Field25519.Inverse(a)), Expected(BigInteger.ModPow(x, p - 2, p)));
            run.Compare(i, "BigInteger: a^((p-5)/8)", inputs, Hex25519(Field25519.PowerPMinus5Over8(a)), Expected(BigInteger.ModPow(x, (p - 5) / 8, p)));
            var chain = Field25519.Add(Field25519.Sub(Field25519.Mul(Field25519.Add(a, b), Field25519.Sub(a, b)), Field25519.Square(a)), Field25519.Square(b));
            run.Compare(i, "BigInteger: (a + b)(a - b) - a^2 + b^2", inputs, chain.IsZero.ToString(), "True");
            run.Compare(i, "BigInteger: parity", inputs, a.IsOdd.ToString(), (!Mod(x, p).IsEven).ToString());
        }
    }

    static byte[] FieldBytes(BigInteger value)
    {
        var bytes = new byte[Field448.ByteLength];
        value.TryWriteBytes(bytes, out _, isUnsigned: true);
        return bytes;
    }

    static string FieldHex(in Field448 value)
    {
        var bytes = new byte[Field448.ByteLength];
        value.WriteBytes(bytes);
        return Hex(bytes);
    }

    static string FieldHex(BigInteger value) => Hex(FieldBytes(value));

    // ---- key agreement ----

    static void Montgomery(DifferentialRun run, int cases, Curve curve)
    {
        for (var i = 0; i < cases; i++)
        {
            var random = run.Case(i);
            var (ours, peer) = (Key(random, curve), Key(random, curve));
            var inputs = Inputs(("private", ours.PrivateKey), ("peer-private", peer.PrivateKey));
            var agreement = ours.Agree(peer.PublicKey);
            run.Compare(i, "symmetric (peer's side)", inputs, agreement, peer.Agree(ours.PublicKey));
            var index = i;
            run.Python.Add(Op("agree", ("crv", curve.Name()), ("seed", Hex(ours.PrivateKey)), ("peer", Hex(peer.PublicKey))),
                answer => run.Compare(index, "python", inputs, Hex(agreement), Field(answer, "agreement")));
            run.Python.Add(Op("public", ("crv", curve.Name()), ("seed", Hex(ours.PrivateKey))),
                answer => run.Compare(index, "python public key", inputs, Hex(ours.PublicKey), Field(answer, "public")));
            run.OpenSsl.Add(["pkeyutl", "-derive", "-inkey", "{key}", "-keyform", "DER", "-peerkey", "{peer}", "-peerform", "DER", "-out", "{out}"],
                new() { ["key"] = Pkcs8(curve, ours.PrivateKey), ["peer"] = Spki(curve, peer.PublicKey) },
                answer => run.Compare(index, "openssl", inputs, agreement, answer));
        }
    }

    /// <summary>
    /// The reference's Diffie-Hellman on the Edwards curves (docs/reference-behaviour.md §D5). Checked against python's own arithmetic,
    /// and against BouncyCastle's X25519/X448 through the curve maps of RFC 7748 §4.1 and §4.2: the u-coordinate
    /// of [s]P is X25519(s, u(P)) (birational map) and X448(s, u(P)) (4-isogeny), the clamping being the same.
    /// </summary>
    static void EdwardsAgreement(DifferentialRun run, int cases)
    {
        for (var i = 0; i < cases; i++)
        {
            var random = run.Case(i);
            var curve = random.Pick(Curve.Ed25519, Curve.Ed448);
            var derived = curve == Curve.Ed448 && random.Int(2) == 1;
            var (ours, peer) = (Key(random, curve, derived), Key(random, curve, derived));
            var inputs = Inputs(("crv", curve), ("private", ours.PrivateKey), ("peer-private", peer.PrivateKey));
            var agreement = ours.Agree(peer.PublicKey);
            run.Compare(i, "symmetric (peer's side)", inputs, agreement, peer.Agree(ours.PublicKey));
            var reference = curve == Curve.Ed448 ? EdwardsCurve.Ed448Reference : EdwardsCurve.Ed25519Reference;
            run.Compare(i, "limb arithmetic vs its BigInteger reference", inputs, agreement, reference.Agree(ours.PrivateKey, peer.PublicKey));
            run.Compare(i, "bouncycastle through the Montgomery map", inputs,
                Hex(MontgomeryU(curve, agreement)), Hex(MontgomeryAgreement(curve, ours.PrivateKey, peer.PublicKey)));
            var index = i;
            run.Python.Add(Op("agree", ("crv", curve.Name()), ("seed", Hex(ours.PrivateKey)), ("peer", Hex(peer.PublicKey))),
                answer => run.Compare(index, "python", inputs, Hex(agreement), Field(answer, "agreement")));
        }
    }

    static readonly BigInteger P25519 = BigInteger.Pow(2, 255) - 19;
    static readonly BigInteger P448 = BigInteger.Pow(2, 448) - BigInteger.Pow(2, 224) - 1;

    /// <summary>u of an encoded Edwards point: (1+y)/(1-y) on edwards25519; y^2 (1 - d y^2) / (1 - y^2) on edwards448 (= y^2/x^2).</summary>
    static byte[] MontgomeryU(Curve curve, byte[] encoded)
    {
        var bytes = (byte[])encoded.Clone();
        bytes[^1] &= 0x7F;
        var y = new BigInteger(bytes, isUnsigned: true);
        BigInteger u, p;
        if (curve == Curve.Ed25519)
        {
            p = P25519;
            u = (1 + y) * BigInteger.ModPow(Mod(1 - y, p), p - 2, p) % p;
        }
        else
        {
            p = P448;
            var yy = y * y % p;
            u = yy * Mod(1 + 39081 * yy, p) % p * BigInteger.ModPow(Mod(1 - yy, p), p - 2, p) % p;
        }
        var result = new byte[curve == Curve.Ed25519 ? 32 : 56];
        u.TryWriteBytes(result, out _, isUnsigned: true);
        return result;
    }

    static byte[] MontgomeryAgreement(Curve curve, byte[] seed, byte[] peerPublic)
    {
        var edwards = curve == Curve.Ed25519 ? EdwardsCurve.Ed25519 : EdwardsCurve.Ed448;
        var scalar = new byte[curve == Curve.Ed25519 ? 32 : 56];
        edwards.Expand(seed).Scalar.TryWriteBytes(scalar, out _, isUnsigned: true);
        var u = MontgomeryU(curve, peerPublic);
        var result = new byte[scalar.Length];
        if (curve == Curve.Ed25519) BcX25519.ScalarMult(scalar, 0, u, 0, result, 0);
        else BcX448.ScalarMult(scalar, 0, u, 0, result, 0);
        return result;
    }

    static BigInteger Mod(BigInteger x, BigInteger p) => ((x % p) + p) % p;

    // ---- symmetric ----

    static void Hkdf(DifferentialRun run, int cases)
    {
        for (var i = 0; i < cases; i++)
        {
            var random = run.Case(i);
            var sha256 = random.Int(2) == 0;
            var ikm = random.Edged(1 + random.Int(100));
            var salt = random.Int(3) == 0 ? [] : random.Edged(1 + random.Int(80));
            var info = random.Pick<byte[]>([], "master"u8.ToArray(), "encrypt"u8.ToArray(), random.Random(1 + random.Int(60)));
            var length = random.Pick(16, 32, 1 + random.Int(200));
            var inputs = Inputs(("hash", sha256 ? "SHA256" : "SHA512"), ("ikm", ikm), ("salt", salt), ("info", info), ("length", length));
            var ours = SymmetricCrypto.Hkdf(sha256 ? HashAlgorithmName.SHA256 : HashAlgorithmName.SHA512, ikm, salt, info, length);
            var generator = new HkdfBytesGenerator(sha256 ? new Sha256Digest() : new Sha512Digest());
            generator.Init(new HkdfParameters(ikm, salt, info));
            var bc = new byte[length];
            generator.GenerateBytes(bc, 0, length);
            run.Compare(i, "bouncycastle", inputs, ours, bc);
            var index = i;
            run.Python.Add(Op("hkdf", ("hash", sha256 ? "SHA256" : "SHA512"), ("ikm", Hex(ikm)), ("salt", Hex(salt)), ("info", Hex(info)), ("length", length)),
                answer => run.Compare(index, "python", inputs, Hex(ours), Field(answer, "okm")));
            List<string> arguments = ["kdf", "-keylen", length.ToString(), "-kdfopt", $"digest:{(sha256 ? "SHA2-256" : "SHA2-512")}", "-kdfopt", $"hexkey:{Hex(ikm)}"];
            if (salt.Length > 0) arguments.AddRange(["-kdfopt", $"hexsalt:{Hex(salt)}"]);
            if (info.Length > 0) arguments.AddRange(["-kdfopt", $"hexinfo:{Hex(info)}"]);
            arguments.AddRange(["-binary", "-out", "{out}", "HKDF"]);
            run.OpenSsl.Add([.. arguments], [], answer => run.Compare(index, "openssl", inputs, ours, answer));
        }
    }

    static void KeyWrap(DifferentialRun run, int cases)
    {
        for (var i = 0; i < cases; i++)
        {
            var random = run.Case(i);
            var kek = random.Edged(32);
            var key = random.Edged(random.Pick(16, 24, 32, 40, 64));
            var inputs = Inputs(("kek", kek), ("key", key));
            var wrapped = SymmetricCrypto.WrapKey(kek, key);
            var tampered = (byte[])wrapped.Clone();
            tampered[random.Int(tampered.Length)] ^= (byte)(1 << random.Int(8));
            var index = i;
            run.Python.Add(Op("wrap", ("kek", Hex(kek)), ("key", Hex(key))), answer =>
            {
                run.Compare(index, "python wraps", inputs, Hex(wrapped), Field(answer, "wrapped"));
                var theirs = Convert.FromHexString(Field(answer, "wrapped") ?? "");
                run.Compare(index, "ours unwraps python's", inputs, () => Hex(SymmetricCrypto.UnwrapKey(kek, theirs)), Hex(key));
            });
            run.Python.Add(Op("unwrap", ("kek", Hex(kek)), ("wrapped", Hex(tampered))), answer =>
                run.Compare(index, "both refuse a changed wrapped key", inputs, UnwrapOutcome(kek, tampered),
                    Field(answer, "key") is { } k && !k.StartsWith('(') ? "accepted" : "refused"));
            run.OpenSsl.Add(["enc", "-id-aes256-wrap", "-K", Hex(kek), "-iv", "A6A6A6A6A6A6A6A6", "-in", "{key}", "-out", "{out}"],
                new() { ["key"] = key }, answer => run.Compare(index, "openssl", inputs, wrapped, answer));
        }
    }

    static string UnwrapOutcome(byte[] kek, byte[] wrapped)
    {
        try { SymmetricCrypto.UnwrapKey(kek, wrapped); return "accepted"; }
        catch (CryptographicException) { return "refused"; }
    }

    static void Cbc(DifferentialRun run, int cases)
    {
        for (var i = 0; i < cases; i++)
        {
            var random = run.Case(i);
            var (key, iv) = (random.Edged(32), random.Edged(16));
            var plaintext = random.Edged(random.Pick(0, 15, 16, 17, random.Int(200)));
            var inputs = Inputs(("key", key), ("iv", iv), ("plaintext", plaintext));
            var ciphertext = SymmetricCrypto.EncryptCbc(key, iv, plaintext);
            var index = i;
            run.Python.Add(Op("cbc-decrypt", ("key", Hex(key)), ("iv", Hex(iv)), ("ciphertext", Hex(ciphertext))),
                answer => run.Compare(index, "python decrypts ours", inputs, Hex(plaintext), Field(answer, "plaintext")));
            run.Python.Add(Op("cbc-encrypt", ("key", Hex(key)), ("iv", Hex(iv)), ("plaintext", Hex(plaintext))), answer =>
            {
                run.Compare(index, "python encrypts", inputs, Hex(ciphertext), Field(answer, "ciphertext"));
                var theirs = Convert.FromHexString(Field(answer, "ciphertext") ?? "");
                run.Compare(index, "ours decrypts python's", inputs, () => Hex(SymmetricCrypto.DecryptCbc(key, iv, theirs)), Hex(plaintext));
            });
            run.OpenSsl.Add(["enc", "-aes-256-cbc", "-K", Hex(key), "-iv", Hex(iv), "-in", "{plain}", "-out", "{out}"],
                new() { ["plain"] = plaintext }, answer => run.Compare(index, "openssl", inputs, ciphertext, answer));
        }
    }

    // ---- DARE envelopes ----

    /// <summary>
    /// Whole encrypted envelopes (docs/reference-behaviour.md §D5) to one to three recipients on any of the four curves, signed or not:
    /// python opens ours for every recipient (plaintext, digest, signature, witness); ours opens python's.
    /// </summary>
    static void DareEncryption(DifferentialRun run, int cases)
    {
        for (var i = 0; i < cases; i++)
        {
            var random = run.Case(i);
            var recipients = Enumerable.Range(0, 1 + random.Int(3)).Select(_ => Key(random, random.Pick(AllCurves), random.Int(4) == 0)).ToList();
            var signerCurve = random.Pick<Curve?>(null, Curve.Ed25519, Curve.Ed448);
            KeyPair? signer = signerCurve is { } c ? Key(random, c, random.Int(2) == 0) : null;
            var plaintext = random.Edged(random.Int(300));
            var writer = new EnvelopeWriter(new SeededRandomSource($"{run.Seed}/{run.Primitive}/{i}/envelope"));
            var envelope = writer.Encrypted(plaintext, recipients.Select(EnvelopeRecipient.Of).ToList(), signer);
            var text = Encoding.UTF8.GetString(envelope.Encode());
            var inputs = Inputs(("recipients", string.Join(",", recipients.Select(r => $"{r.Curve}:{Hex(r.PrivateKey)}"))),
                ("signer", signer is null ? "none" : $"{signer.Curve}:{Hex(signer.PrivateKey)}"), ("plaintext", plaintext));
            var index = i;
            foreach (var recipient in recipients)
            {
                var request = Op("dare-open", ("envelope", text), ("crv", recipient.Curve.Name()), ("seed", Hex(recipient.PrivateKey)));
                if (signer is not null) { request["signer-crv"] = signer.Curve.Name(); request["signer-seed"] = Hex(signer.PrivateKey); }
                run.Python.Add(request, answer =>
                {
                    run.Compare(index, $"python opens ours ({recipient.Curve} recipient)", inputs + " envelope=" + text, Hex(plaintext), Field(answer, "plaintext"));
                    if (signer is null) return;
                    run.Compare(index, "python: PayloadDigest", inputs, "true", Field(answer, "digest-ok"));
                    run.Compare(index, $"python: {signer.Curve} signature", inputs, "true", Field(answer, "signature-ok"));
                    run.Compare(index, "python: witness", inputs, Hex(envelope.Trailer!.Signatures![0].WitnessValue!), Field(answer, "witness"));
                });
            }
            var target = recipients[0];
            var (master, salt, ephemeral) = (random.Edged(32), random.Edged(16), Key(random, target.Curve).PrivateKey);
            run.Python.Add(Op("dare-seal", ("crv", target.Curve.Name()), ("public", Hex(target.PublicKey)), ("master", Hex(master)),
                    ("salt", Hex(salt)), ("ephemeral", Hex(ephemeral)), ("plaintext", Hex(plaintext))), answer =>
                run.Compare(index, $"ours opens python's ({target.Curve} recipient)", inputs + $" master={Hex(master)} salt={Hex(salt)} ephemeral={Hex(ephemeral)}",
                    () => Hex(EnvelopeReader.Decrypt(DareEnvelope.Decode(Encoding.UTF8.GetBytes(Field(answer, "envelope") ?? "")), target)), Hex(plaintext)));
        }
    }

    /// <summary>Signed envelopes (docs/reference-behaviour.md §D4): PayloadDigest and the signature over it, ours checked by python, python's by ours.</summary>
    static void DareSignature(DifferentialRun run, int cases)
    {
        for (var i = 0; i < cases; i++)
        {
            var random = run.Case(i);
            var signer = Key(random, random.Pick(Curve.Ed25519, Curve.Ed448), random.Int(3) == 0);
            var payload = random.Edged(random.Int(400));
            var inputs = Inputs(("signer", $"{signer.Curve}:{Hex(signer.PrivateKey)}"), ("payload", payload));
            var envelope = EnvelopeWriter.Signed(payload, signer);
            var digest = envelope.Trailer!.PayloadDigest!;
            var index = i;
            run.Python.Add(Op("digest", ("data", Hex(payload))), answer => run.Compare(index, "python PayloadDigest", inputs, Hex(digest), Field(answer, "digest")));
            run.Python.Add(Op("sign", ("crv", signer.Curve.Name()), ("seed", Hex(signer.PrivateKey)), ("message", Hex(digest))), answer =>
            {
                run.Compare(index, "python signs the digest as we do", inputs, Hex(envelope.Trailer.Signatures![0].SignatureValue!), Field(answer, "signature"));
                var theirs = new DareEnvelope
                {
                    Header = envelope.Header,
                    Payload = payload,
                    Trailer = new DareTrailer
                    {
                        PayloadDigest = digest,
                        Signatures = [new Mesh.Wire.Dare.DareSignature { Algorithm = DareAlgorithms.Sha2, KeyIdentifier = signer.Udf, SignatureValue = Convert.FromHexString(Field(answer, "signature") ?? "") }],
                    },
                };
                var verified = EnvelopeReader.VerifySignatures(theirs, kid => kid == signer.Udf ? (signer.Curve, signer.PublicKey) : null);
                run.Compare(index, "ours verifies python's envelope", inputs, verified.IsValid ? "valid" : verified.Reason, "valid");
            });
            if (signer.Curve == Curve.Ed448)
                run.Python.Add(Op("verify", ("crv", "Ed448"), ("public", Hex(signer.PublicKey)), ("message", Hex(digest)), ("signature", Hex(envelope.Trailer.Signatures![0].SignatureValue!))),
                    answer => run.Compare(index, "'cryptography' verifies ours", inputs, "true", Field(answer, "valid")));
        }
    }

    /// <summary>
    /// Whole ExamplesDAREMessage.md files from our generator with fresh keys (half of them with the later
    /// regenerations' empty KEK info for the signed and encrypted message): every claim of the checker's own
    /// check_dare holds, and every claim of our verify-vectors.
    /// </summary>
    static void DareExample(DifferentialRun run, int cases)
    {
        var root = Directory.CreateTempSubdirectory("mesh-dare-examples-").FullName;
        try
        {
            for (var i = 0; i < cases; i++)
            {
                var folder = Path.Combine(root, i.ToString());
                Directory.CreateDirectory(Path.Combine(folder, "Examples"));
                var emptyInfo = i % 2 == 1;
                var text = new Mesh.Conformance.ReferenceVectors.DareExampleWriter(new SeededRandomSource($"{run.Seed}/{run.Primitive}/{i}")).Write(emptyInfo);
                File.WriteAllText(Path.Combine(folder, "Examples", "ExamplesDAREMessage.md"), text);
                var inputs = Inputs(("seed", run.Seed), ("case", i), ("empty-kek-info", emptyInfo));
                var ours = Mesh.Conformance.ReferenceVectors.ReferenceVectorVerifier.Verify(folder)
                    .Where(c => c.File == "ExamplesDAREMessage.md").ToList();
                run.Compare(i, "our verify-vectors accepts it", inputs, string.Join("; ", ours.Where(c => !c.Passed)), "");
                var index = i;
                run.Python.Add(Op("check-dare", ("folder", folder)), answer =>
                {
                    var claims = Field(answer, "claims") ?? "(no answer)";
                    run.Compare(index, "the checker's check_dare accepts it", inputs, "all PASS",
                        claims.StartsWith('[') && !claims.Contains("\"FAIL") && claims.Contains("PASS") ? "all PASS" : claims);
                });
            }
            run.Python.Run();
        }
        finally { Directory.Delete(root, recursive: true); }
    }

    // ---- encodings ----

    /// <summary>JSON-B and JSON-C (docs/reference-behaviour.md §E2): random envelopes written in each encoding read back to the same JSON text.</summary>
    static void JsonBinary(DifferentialRun run, int cases)
    {
        for (var i = 0; i < cases; i++)
        {
            var random = run.Case(i);
            var envelope = new DareEnvelope
            {
                Header = new DareHeader
                {
                    EnvelopeID = random.Int(2) == 0 ? null : random.Text(random.Int(40)),
                    EncryptionAlgorithm = random.Pick<string?>(null, DareAlgorithms.Aes256Cbc),
                    DigestAlgorithm = random.Pick<string?>(null, DareAlgorithms.Sha2, DareAlgorithms.Sha3),
                    Salt = random.Int(2) == 0 ? null : random.Edged(random.Int(70)),
                    ContainerInfo = random.Int(2) == 0 ? null : new ContainerInfo { Index = random.Int(int.MaxValue) - random.Int(int.MaxValue), TreePosition = (long)random.Int(int.MaxValue) << random.Int(31) },
                },
                Payload = random.Edged(random.Pick(0, 1, 31, 32, 33, 255, 256, 65535, 65536, random.Int(1000))),
                Trailer = random.Int(2) == 0 ? null : new DareTrailer { PayloadDigest = random.Edged(64), ChainDigest = random.Int(2) == 0 ? null : random.Edged(random.Int(300)) },
            };
            var json = Encoding.UTF8.GetString(envelope.Encode(WireEncoding.Json));
            foreach (var encoding in new[] { WireEncoding.JsonB, WireEncoding.JsonC })
                run.Compare(i, $"{encoding} read back", $"envelope={json}",
                    () => Encoding.UTF8.GetString(DareEnvelope.Decode(envelope.Encode(encoding)).Encode(WireEncoding.Json)), json);
            // The reference layout wraps base64url inside strings (docs/reference-behaviour.md §E1.6), which strict JSON forbids.
            var strict = Encoding.UTF8.GetString(envelope.Encode(WireEncoding.Json, BinaryLayout.Unwrapped));
            var parsed = System.Text.Json.JsonDocument.Parse(strict).RootElement.GetProperty(nameof(DareEnvelope));
            run.Compare(i, "System.Text.Json reads the payload", $"envelope={strict}", Hex(envelope.Payload),
                Hex(Base64UrlDecode(parsed[1].GetString()!)));
            PythonJsonBinary(run, i, envelope, strict, dictionary: null);
            PythonJsonBinary(run, i, envelope, strict, JsonCWords);
        }
    }

    /// <summary>
    /// The Python oracle's own JSON-B / JSON-C reader and writer (from the draft's description, sharing no code with
    /// ours): it reads what we write to the value our JSON text holds, and we read what it writes back to that text.
    /// With <paramref name="dictionary"/> the encoding is JSON-C and dictionary words travel as indexes.
    /// </summary>
    static void PythonJsonBinary(DifferentialRun run, int index, DareEnvelope envelope, string strict, IReadOnlyList<string>? dictionary)
    {
        var encoding = dictionary is null ? WireEncoding.JsonB : WireEncoding.JsonC;
        var ours = envelope.Encode(encoding, BinaryLayout.Unwrapped, dictionary);
        var words = dictionary is null ? null : new JsonArray([.. dictionary.Select(w => JsonValue.Create(w))]);
        var inputs = $"envelope={strict} {encoding}={Hex(ours)}";
        // Answers come in the order asked: the plain form of our text is known when the reading of our bytes arrives.
        string? plain = null;
        run.Python.Add(Op("json-plain", ("json", strict)), answer => plain = Field(answer, "json"));
        run.Python.Add(Op("jsonb-read", ("data", Hex(ours)), ("dictionary", words?.DeepClone())), read =>
            run.Compare(index, $"python reads our {encoding}", inputs, plain ?? "(no plain form)", Field(read, "json")));
        run.Python.Add(Op("jsonb-write", ("json", strict), ("dictionary", words?.DeepClone()), ("binary", new JsonArray("Salt", "PayloadDigest", "ChainDigest"))), written =>
        {
            var theirs = Convert.FromHexString(Field(written, "data") ?? "");
            run.Compare(index, $"we read python's {encoding}", $"envelope={strict} python={Hex(theirs)}",
                () => Encoding.UTF8.GetString(DareEnvelope.Decode(theirs, dictionary).Encode(WireEncoding.Json, BinaryLayout.Unwrapped)), strict);
        });
    }

    /// <summary>The dictionary the reference service's JSON-C uses: every member name and type tag of the model.</summary>
    static readonly IReadOnlyList<string> JsonCWords = JsonCDictionary.Words;

    static byte[] Base64UrlDecode(string text)
    {
        var clean = new string(text.Where(c => !char.IsWhiteSpace(c)).ToArray()).Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(clean.PadRight(clean.Length + (4 - clean.Length % 4) % 4, '='));
    }

    // ---- DER for openssl (RFC 8410) ----

    static byte[] Pkcs8(Curve curve, byte[] privateKey) =>
        [0x30, (byte)(14 + privateKey.Length), 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, curve.OidArc(),
         0x04, (byte)(2 + privateKey.Length), 0x04, (byte)privateKey.Length, .. privateKey];

    static byte[] Spki(Curve curve, byte[] publicKey) =>
        [0x30, (byte)(10 + publicKey.Length), 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, curve.OidArc(), 0x03, (byte)(1 + publicKey.Length), 0x00, .. publicKey];
}
