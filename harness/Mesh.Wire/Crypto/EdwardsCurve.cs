using System.Numerics;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;

namespace Mesh.Wire.Crypto;

/// <summary>
/// The two RFC 8032 Edwards curves (edwards25519 and edwards448): key expansion, Ed25519/Ed25519ctx/Ed448
/// signatures and an Edwards-curve Diffie-Hellman. Not constant-time: this is a test-harness
/// implementation. It exists because library EdDSA APIs reject inputs our protocol uses (56-byte Ed448
/// seeds, Ed25519ctx with an empty context) and have no Edwards-curve Diffie-Hellman.
/// </summary>
/// <remarks>
/// Hashing, clamping, scalars mod L (on <see cref="BigInteger"/>, which is cheap there) and the RFC logic
/// live here; the point arithmetic is a group behind <see cref="IEdwardsGroup{TPoint}"/>. Ed448 runs on
/// 28-bit limbs (<see cref="Field448"/>, <see cref="Ed448Group"/>), fast enough to sign and agree on every
/// key; Ed25519 on 51-bit limbs (<see cref="Field25519"/>, <see cref="Ed25519Group"/>), which serve the agreement
/// (BouncyCastle signs). <see cref="Ed448Reference"/> and <see cref="Ed25519Reference"/> are the same curves on the
/// readable BigInteger group (<see cref="ReferenceEdwardsGroup"/>), kept so tests and the differential harness can
/// compare the two.
/// </remarks>
public sealed class EdwardsCurve
{
    /// <summary>RFC 8032 §5.1: a = -1, d = -121665/121666, SHA-512, 32-byte encodings, dom2.</summary>
    public static EdwardsCurve Ed25519 { get; } = CreateEd25519(fast: true);

    /// <summary>The same curve as <see cref="Ed25519"/> on the BigInteger group: slower, for comparison only.</summary>
    public static EdwardsCurve Ed25519Reference { get; } = CreateEd25519(fast: false);

    /// <summary>RFC 8032 §5.2: a = 1, d = -39081, SHAKE256, 57-byte encodings, dom4; on <see cref="Field448"/> limbs.</summary>
    public static EdwardsCurve Ed448 { get; } = CreateEd448(fast: true);

    /// <summary>The same curve as <see cref="Ed448"/> on the BigInteger group: slower, for comparison only.</summary>
    public static EdwardsCurve Ed448Reference { get; } = CreateEd448(fast: false);

    /// <summary>Octets in an encoded point, scalar or seed: 32 or 57.</summary>
    public int EncodedLength { get; }

    /// <summary>The clamped secret scalar s and the nonce prefix (RFC 8032 §5.1.5 / §5.2.5).</summary>
    public sealed record ExpandedKey(BigInteger Scalar, byte[] Prefix);

    readonly BigInteger order;
    readonly int cofactorBits, topBit;          // clamping: clear the low c bits, set bit n, clear above
    readonly Func<IDigest> newDigest;
    readonly int hashLength;                     // 64 (SHA-512) or 114 (SHAKE256)
    readonly bool alwaysDom;                     // Ed448 always prefixes dom4; Ed25519 only with a context
    readonly byte[] domLabel;
    readonly PointArithmetic points;

    EdwardsCurve(PointArithmetic points, BigInteger order, int cofactorBits, int topBit,
        Func<IDigest> newDigest, int hashLength, bool alwaysDom, byte[] domLabel)
    {
        this.points = points;
        EncodedLength = points.EncodedLength;
        this.order = order;
        this.cofactorBits = cofactorBits; this.topBit = topBit;
        this.newDigest = newDigest; this.hashLength = hashLength;
        this.alwaysDom = alwaysDom;
        this.domLabel = domLabel;
    }

    static EdwardsCurve CreateEd25519(bool fast)
    {
        var p = BigInteger.Pow(2, 255) - 19;
        var d = (-121665 * BigInteger.ModPow(121666, p - 2, p) % p + p) % p;
        var order = BigInteger.Pow(2, 252) + BigInteger.Parse("27742317777372353535851937790883648493");
        var bx = BigInteger.Parse("15112221349535400772501151409588531511454012693041857206046113283949847762202");
        var by = 4 * BigInteger.ModPow(5, p - 2, p) % p;
        PointArithmetic points = fast
            ? new PointArithmetic<Ed25519Group.Point>(Ed25519Group.Instance)
            : new PointArithmetic<ReferenceEdwardsGroup.Point>(new ReferenceEdwardsGroup(32, p, -1, d, bx, by, scalarBits: 255));
        return new EdwardsCurve(points, order, 3, 254,
            () => new Sha512Digest(), 64, alwaysDom: false, "SigEd25519 no Ed25519 collisions"u8.ToArray());
    }

    static EdwardsCurve CreateEd448(bool fast)
    {
        var order = BigInteger.Pow(2, 446) - BigInteger.Parse(
            "13818066809895115352007386748515426880336692474882178609894547503885");
        PointArithmetic points;
        if (fast)
            points = new PointArithmetic<Ed448Group.Point>(Ed448Group.Instance);
        else
        {
            var p = BigInteger.Pow(2, 448) - BigInteger.Pow(2, 224) - 1;
            var bx = BigInteger.Parse(
                "224580040295924300187604334099896036246789641632564134246125461686950415467406032909029192869357953282578032075146446173674602635247710");
            var by = BigInteger.Parse(
                "298819210078481492676017930443930673437544040154080242095928241372331506189835876003536878655418784733982303233503462500531545062832660");
            points = new PointArithmetic<ReferenceEdwardsGroup.Point>(
                new ReferenceEdwardsGroup(57, p, 1, p - 39081, bx, by, scalarBits: 448));
        }
        return new EdwardsCurve(points, order, 2, 447,
            () => new ShakeDigest(256), 114, alwaysDom: true, "SigEd448"u8.ToArray());
    }

    // ---- Keys (RFC 8032 §5.1.5, §5.2.5) ----

    /// <summary>
    /// Hashes a seed of any length and clamps the first half. RFC 8032 fixes the seed length, but
    /// the hash accepts anything, and our Ed448 seeds are often 56 octets.
    /// </summary>
    public ExpandedKey Expand(ReadOnlySpan<byte> seed)
    {
        var h = Hash(seed);
        var half = h.Length / 2;
        var s = FromLittleEndian(h.AsSpan(0, half));
        // Clearing the low bits makes s a multiple of the cofactor, which also keeps Agree's result
        // in the prime-order subgroup; the fixed top bit is part of the RFC's clamping.
        s &= (BigInteger.One << topBit) - 1;
        s &= ~((BigInteger.One << cofactorBits) - 1);
        s |= BigInteger.One << topBit;
        return new ExpandedKey(s, h[half..]);
    }

    public byte[] PublicKey(ReadOnlySpan<byte> seed) => MultiplyBase(Expand(seed).Scalar);

    // ---- Signatures (RFC 8032 §5.1.6-7, §5.2.6-7) ----

    /// <summary>
    /// Ed448 always uses dom4(0, context). Ed25519 uses no prefix when <paramref name="context"/> is
    /// null and dom2(0, context) otherwise, even for an empty context (which RFC 8032 §5.1 forbids
    /// for Ed25519ctx but our protocol requires).
    /// </summary>
    public byte[] Sign(ReadOnlySpan<byte> seed, ReadOnlySpan<byte> message, byte[]? context)
    {
        var dom = CheckContext(context);
        return SignWithDom(seed, PublicKey(seed), message, dom);
    }

    /// <summary>
    /// As <see cref="Sign(ReadOnlySpan{byte}, ReadOnlySpan{byte}, byte[])"/> with the seed's public key
    /// already known, which saves computing [s]B again. The key is trusted, not checked: a wrong one gives
    /// a signature that does not verify.
    /// </summary>
    public byte[] Sign(ReadOnlySpan<byte> seed, ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, byte[]? context)
    {
        var dom = CheckContext(context);
        if (publicKey.Length != EncodedLength)
            throw new ArgumentException($"A public key is {EncodedLength} octets, got {publicKey.Length}.", nameof(publicKey));
        return SignWithDom(seed, publicKey, message, dom);
    }

    byte[] CheckContext(byte[]? context) =>
        Dom(context) ?? throw new ArgumentException("Context longer than 255 octets.", nameof(context));

    byte[] SignWithDom(ReadOnlySpan<byte> seed, ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, byte[] dom)
    {
        var key = Expand(seed);
        var r = FromLittleEndian(Hash(dom, key.Prefix, message)) % order;
        var rEncoded = MultiplyBase(r);
        var k = FromLittleEndian(Hash(dom, rEncoded, publicKey, message)) % order;
        var s = (r + k * key.Scalar) % order;

        var signature = new byte[2 * EncodedLength];
        rEncoded.CopyTo(signature, 0);
        ToLittleEndian(s, signature.AsSpan(EncodedLength));
        return signature;
    }

    public bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature,
        byte[]? context)
    {
        var dom = Dom(context);
        if (dom == null || publicKey.Length != EncodedLength || signature.Length != 2 * EncodedLength)
            return false;
        var rEncoded = signature[..EncodedLength];
        // §5.1.7 step 1: a non-canonical S (S >= L) must be rejected to keep signatures non-malleable.
        var s = FromLittleEndian(signature[EncodedLength..]);
        if (s >= order)
            return false;
        var k = FromLittleEndian(Hash(dom, rEncoded, publicKey, message)) % order;
        // §5.1.7 step 3 allows the cofactorless check [S]B = R + [k]A. Comparing the encoding of
        // [S]B - [k]A with R saves decoding R and also rejects non-canonical encodings of R.
        Span<byte> sBytes = stackalloc byte[EncodedLength], kBytes = stackalloc byte[EncodedLength];
        Span<byte> check = stackalloc byte[EncodedLength];
        ToLittleEndian(s, sBytes);
        ToLittleEndian(k, kBytes);
        return points.TryBaseMinusMultiple(sBytes, publicKey, kBytes, cofactorBits, check) && check.SequenceEqual(rEncoded);
    }

    // ---- Diffie-Hellman on the Edwards curve (not in RFC 8032) ----

    /// <summary>
    /// Multiplies the peer's point by our clamped secret scalar and returns the RFC 8032 encoding of
    /// the result. The clamped scalar is a multiple of the cofactor, so small-order components of a
    /// hostile peer point vanish.
    /// </summary>
    public byte[] Agree(ReadOnlySpan<byte> seed, ReadOnlySpan<byte> peerPublicKey)
    {
        if (peerPublicKey.Length != EncodedLength)
            throw new ArgumentException("Not a valid encoded point.", nameof(peerPublicKey));
        var shared = new byte[EncodedLength];
        Span<byte> scalar = stackalloc byte[EncodedLength];
        ToLittleEndian(Expand(seed).Scalar, scalar);
        if (!points.TryMultiply(peerPublicKey, scalar, shared))
            throw new ArgumentException("Not a valid encoded point.", nameof(peerPublicKey));
        return shared;
    }

    byte[] MultiplyBase(BigInteger k)
    {
        Span<byte> scalar = stackalloc byte[EncodedLength];
        ToLittleEndian(k, scalar);
        var encoded = new byte[EncodedLength];
        points.MultiplyBase(scalar, encoded);
        return encoded;
    }

    /// <summary>The three point computations RFC 8032 and the agreement need, from encodings to encodings.</summary>
    abstract class PointArithmetic
    {
        public abstract int EncodedLength { get; }

        /// <summary>encode([k]B).</summary>
        public abstract void MultiplyBase(ReadOnlySpan<byte> k, Span<byte> encoded);

        /// <summary>encode([k]P), or false when <paramref name="point"/> does not decode.</summary>
        public abstract bool TryMultiply(ReadOnlySpan<byte> point, ReadOnlySpan<byte> k, Span<byte> encoded);

        /// <summary>
        /// encode([s]B - [k]A), or false when <paramref name="a"/> does not decode or has small order ([2^c]A the
        /// identity, c = <paramref name="cofactorBits"/>): under such a key R = identity, S = 0 passes the cofactorless
        /// check for every message, so it is refused, as BouncyCastle refuses it.
        /// </summary>
        public abstract bool TryBaseMinusMultiple(ReadOnlySpan<byte> s, ReadOnlySpan<byte> a, ReadOnlySpan<byte> k, int cofactorBits, Span<byte> encoded);
    }

    sealed class PointArithmetic<TPoint>(IEdwardsGroup<TPoint> group) : PointArithmetic where TPoint : struct
    {
        public override int EncodedLength => group.EncodedLength;

        public override void MultiplyBase(ReadOnlySpan<byte> k, Span<byte> encoded) =>
            group.Encode(group.MultiplyBase(k), encoded);

        public override bool TryMultiply(ReadOnlySpan<byte> point, ReadOnlySpan<byte> k, Span<byte> encoded)
        {
            if (!group.TryDecode(point, out var p))
                return false;
            group.Encode(group.Multiply(p, k), encoded);
            return true;
        }

        public override bool TryBaseMinusMultiple(ReadOnlySpan<byte> s, ReadOnlySpan<byte> a, ReadOnlySpan<byte> k, int cofactorBits, Span<byte> encoded)
        {
            if (!group.TryDecode(a, out var aPoint))
                return false;
            // c doublings and one encoding, far cheaper than a scalar multiplication; the identity encodes as y = 1.
            var multiple = aPoint;
            for (var i = 0; i < cofactorBits; i++)
                multiple = group.Add(multiple, multiple);
            group.Encode(multiple, encoded);
            if (encoded[0] == 1 && !encoded[1..].ContainsAnyExcept((byte)0))
                return false;
            group.Encode(group.Add(group.MultiplyBase(s), group.Negate(group.Multiply(aPoint, k))), encoded);
            return true;
        }
    }

    // ---- Hashing and domain separation (RFC 8032 §2, §5.1, §5.2) ----

    byte[]? Dom(byte[]? context)
    {
        if (context == null)
            return alwaysDom ? Dom([]) : [];
        if (context.Length > 255)
            return null;
        // dom2/dom4(x, y) = label || octet(x) || octet(OLEN(y)) || y, with x = 0 (no pre-hash).
        return [.. domLabel, 0, (byte)context.Length, .. context];
    }

    byte[] Hash(ReadOnlySpan<byte> part1, ReadOnlySpan<byte> part2 = default, ReadOnlySpan<byte> part3 = default,
        ReadOnlySpan<byte> part4 = default)
    {
        var digest = newDigest();
        digest.BlockUpdate(part1);
        digest.BlockUpdate(part2);
        digest.BlockUpdate(part3);
        digest.BlockUpdate(part4);
        var output = new byte[hashLength];
        if (digest is IXof xof)
            xof.OutputFinal(output);
        else
            digest.DoFinal(output);
        return output;
    }

    static BigInteger FromLittleEndian(ReadOnlySpan<byte> bytes) => new(bytes, isUnsigned: true, isBigEndian: false);

    static void ToLittleEndian(BigInteger x, Span<byte> destination)
    {
        destination.Clear();
        x.TryWriteBytes(destination, out _, isUnsigned: true, isBigEndian: false);
    }
}
