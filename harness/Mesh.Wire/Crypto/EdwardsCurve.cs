using System.Numerics;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;

namespace Mesh.Wire.Crypto;

/// <summary>
/// The two RFC 8032 Edwards curves (edwards25519 and edwards448) over <see cref="BigInteger"/>.
/// Readable, not constant-time: this is a test-harness implementation. It exists because library
/// EdDSA APIs reject inputs our protocol uses (56-byte Ed448 seeds, Ed25519ctx with an empty
/// context) and have no Edwards-curve Diffie-Hellman.
/// </summary>
public sealed class EdwardsCurve
{
    /// <summary>RFC 8032 §5.1: a = -1, d = -121665/121666, SHA-512, 32-byte encodings, dom2.</summary>
    public static EdwardsCurve Ed25519 { get; } = CreateEd25519();

    /// <summary>RFC 8032 §5.2: a = 1, d = -39081, SHAKE256, 57-byte encodings, dom4.</summary>
    public static EdwardsCurve Ed448 { get; } = CreateEd448();

    /// <summary>Octets in an encoded point, scalar or seed: 32 or 57.</summary>
    public int EncodedLength { get; }

    /// <summary>The clamped secret scalar s and the nonce prefix (RFC 8032 §5.1.5 / §5.2.5).</summary>
    public sealed record ExpandedKey(BigInteger Scalar, byte[] Prefix);

    readonly BigInteger p, d, order;
    readonly int a;                              // -1 (Ed25519) or 1 (Ed448)
    readonly Point basePoint;
    readonly int cofactorBits, topBit;          // clamping: clear the low c bits, set bit n, clear above
    readonly Func<IDigest> newDigest;
    readonly int hashLength;                     // 64 (SHA-512) or 114 (SHAKE256)
    readonly bool alwaysDom;                     // Ed448 always prefixes dom4; Ed25519 only with a context
    readonly byte[] domLabel;
    readonly BigInteger sqrtMinusOne;            // only needed where p = 5 (mod 8)
    readonly Lazy<Point[][]> baseTable;
    const int BaseWindow = 8;                    // bits per digit of the fixed-base table

    EdwardsCurve(int encodedLength, BigInteger p, int a, BigInteger d, BigInteger order,
        BigInteger bx, BigInteger by, int cofactorBits, int topBit,
        Func<IDigest> newDigest, int hashLength, bool alwaysDom, byte[] domLabel)
    {
        EncodedLength = encodedLength;
        this.p = p; this.a = a; this.d = d; this.order = order;
        basePoint = new Point(bx, by, 1, bx * by % p);
        this.cofactorBits = cofactorBits; this.topBit = topBit;
        this.newDigest = newDigest; this.hashLength = hashLength;
        this.alwaysDom = alwaysDom;
        this.domLabel = domLabel;
        sqrtMinusOne = BigInteger.ModPow(2, (p - 1) / 4, p);
        baseTable = new Lazy<Point[][]>(BuildBaseTable);
    }

    static EdwardsCurve CreateEd25519()
    {
        var p = BigInteger.Pow(2, 255) - 19;
        var d = Mod(-121665 * BigInteger.ModPow(121666, p - 2, p), p);
        var order = BigInteger.Pow(2, 252) + BigInteger.Parse("27742317777372353535851937790883648493");
        var bx = BigInteger.Parse("15112221349535400772501151409588531511454012693041857206046113283949847762202");
        var by = 4 * BigInteger.ModPow(5, p - 2, p) % p;
        return new EdwardsCurve(32, p, -1, d, order, bx, by, 3, 254,
            () => new Sha512Digest(), 64, alwaysDom: false, "SigEd25519 no Ed25519 collisions"u8.ToArray());
    }

    static EdwardsCurve CreateEd448()
    {
        var p = BigInteger.Pow(2, 448) - BigInteger.Pow(2, 224) - 1;
        var order = BigInteger.Pow(2, 446) - BigInteger.Parse(
            "13818066809895115352007386748515426880336692474882178609894547503885");
        var bx = BigInteger.Parse(
            "224580040295924300187604334099896036246789641632564134246125461686950415467406032909029192869357953282578032075146446173674602635247710");
        var by = BigInteger.Parse(
            "298819210078481492676017930443930673437544040154080242095928241372331506189835876003536878655418784733982303233503462500531545062832660");
        return new EdwardsCurve(57, p, 1, p - 39081, order, bx, by, 2, 447,
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

    public byte[] PublicKey(ReadOnlySpan<byte> seed) => Encode(MultiplyBase(Expand(seed).Scalar));

    // ---- Signatures (RFC 8032 §5.1.6-7, §5.2.6-7) ----

    /// <summary>
    /// Ed448 always uses dom4(0, context). Ed25519 uses no prefix when <paramref name="context"/> is
    /// null and dom2(0, context) otherwise, even for an empty context (which RFC 8032 §5.1 forbids
    /// for Ed25519ctx but our protocol requires).
    /// </summary>
    public byte[] Sign(ReadOnlySpan<byte> seed, ReadOnlySpan<byte> message, byte[]? context)
    {
        var dom = Dom(context) ?? throw new ArgumentException("Context longer than 255 octets.", nameof(context));
        var key = Expand(seed);
        var publicKey = Encode(MultiplyBase(key.Scalar));

        var r = FromLittleEndian(Hash(dom, key.Prefix, message)) % order;
        var rEncoded = Encode(MultiplyBase(r));
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
        if (!TryDecode(publicKey, out var aPoint))
            return false;
        // §5.1.7 step 1: a non-canonical S (S >= L) must be rejected to keep signatures non-malleable.
        var s = FromLittleEndian(signature[EncodedLength..]);
        if (s >= order)
            return false;
        var k = FromLittleEndian(Hash(dom, rEncoded, publicKey, message)) % order;
        // §5.1.7 step 3 allows the cofactorless check [S]B = R + [k]A. Comparing the encoding of
        // [S]B - [k]A with R saves decoding R and also rejects non-canonical encodings of R.
        var check = Add(MultiplyBase(s), Negate(Multiply(aPoint, k)));
        return Encode(check).AsSpan().SequenceEqual(rEncoded);
    }

    // ---- Diffie-Hellman on the Edwards curve (not in RFC 8032) ----

    /// <summary>
    /// Multiplies the peer's point by our clamped secret scalar and returns the RFC 8032 encoding of
    /// the result. The clamped scalar is a multiple of the cofactor, so small-order components of a
    /// hostile peer point vanish.
    /// </summary>
    public byte[] Agree(ReadOnlySpan<byte> seed, ReadOnlySpan<byte> peerPublicKey)
    {
        if (peerPublicKey.Length != EncodedLength || !TryDecode(peerPublicKey, out var peer))
            throw new ArgumentException("Not a valid encoded point.", nameof(peerPublicKey));
        return Encode(Multiply(peer, Expand(seed).Scalar));
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

    // ---- Point encoding (RFC 8032 §5.1.2-3, §5.2.2-3) ----

    byte[] Encode(Point point)
    {
        var zInverse = Inverse(point.Z);
        var x = point.X * zInverse % p;
        var y = point.Y * zInverse % p;
        var encoded = new byte[EncodedLength];
        ToLittleEndian(y, encoded);
        if (!x.IsEven)
            encoded[^1] |= 0x80;
        return encoded;
    }

    bool TryDecode(ReadOnlySpan<byte> encoded, out Point point)
    {
        point = default;
        var bytes = encoded.ToArray();
        var xSign = bytes[^1] >> 7;
        bytes[^1] &= 0x7F;
        var y = FromLittleEndian(bytes);
        if (y >= p)
            return false;
        // x^2 = (y^2 - 1) / (d y^2 - a), from a x^2 + y^2 = 1 + d x^2 y^2.
        var yy = y * y % p;
        if (!TrySqrtRatio(Mod(yy - 1, p), Mod(d * yy - a, p), out var x))
            return false;
        if (x.IsZero && xSign == 1)
            return false;
        if ((int)(x & 1) != xSign)
            x = p - x;
        point = new Point(x, y, 1, x * y % p);
        return true;
    }

    /// <summary>x with v x^2 = u, found with one exponentiation and no inversion (§5.1.3 step 2, §5.2.3 step 2).</summary>
    bool TrySqrtRatio(BigInteger u, BigInteger v, out BigInteger x)
    {
        if (p % 4 == 3)
        {
            // Ed448: x = u^3 v (u^5 v^3)^((p-3)/4)
            var u2v = u * u % p * v % p;
            x = u * u2v % p * BigInteger.ModPow(u2v * u2v % p * u % p * v % p, (p - 3) / 4, p) % p;
        }
        else
        {
            // Ed25519: x = u v^3 (u v^7)^((p-5)/8); when v x^2 = -u, multiply by sqrt(-1).
            var v3 = v * v % p * v % p;
            x = u * v3 % p * BigInteger.ModPow(u * v3 % p * v3 % p * v % p, (p - 5) / 8, p) % p;
            if (v * x % p * x % p == p - u)
                x = x * sqrtMinusOne % p;
        }
        return v * x % p * x % p == u;
    }

    // ---- Group law: extended coordinates (x = X/Z, y = Y/Z, xy = T/Z), RFC 8032 §5.1.4 ----
    // These formulas are complete for both curves because a is a square and d is not.

    readonly record struct Point(BigInteger X, BigInteger Y, BigInteger Z, BigInteger T);

    Point Identity => new(0, 1, 1, 0);

    Point Add(Point P, Point Q)
    {
        var A = P.X * Q.X % p;
        var B = P.Y * Q.Y % p;
        var C = d * P.T % p * Q.T % p;
        var D = P.Z * Q.Z % p;
        var E = Mod((P.X + P.Y) * (Q.X + Q.Y) - A - B, p);
        var F = Mod(D - C, p);
        var G = (D + C) % p;
        var H = Mod(B - a * A, p);
        return new Point(E * F % p, G * H % p, F * G % p, E * H % p);
    }

    /// <summary>T is only needed by a following Add, so a chain of doublings can skip it.</summary>
    Point Double(Point P, bool needT = true)
    {
        var A = P.X * P.X % p;
        var B = P.Y * P.Y % p;
        var C = 2 * P.Z * P.Z % p;
        var D = Mod(a * A, p);
        var E = Mod((P.X + P.Y) * (P.X + P.Y) - A - B, p);
        var G = (D + B) % p;
        var F = Mod(G - C, p);
        var H = Mod(D - B, p);
        return new Point(E * F % p, G * H % p, F * G % p, needT ? E * H % p : 0);
    }

    Point Negate(Point P) => new(Mod(-P.X, p), P.Y, P.Z, Mod(-P.T, p));

    /// <summary>Variable base, 4-bit fixed window, most significant nibble first.</summary>
    Point Multiply(Point P, BigInteger k)
    {
        var multiples = new Point[16];
        multiples[0] = Identity;
        for (var i = 1; i < 16; i++)
            multiples[i] = Add(multiples[i - 1], P);
        var result = Identity;
        for (var i = Digits(k, 4) - 1; i >= 0; i--)
        {
            for (var j = 0; j < 4; j++)
                result = Double(result, needT: j == 3);
            result = Add(result, multiples[Digit(k, i, 4)]);
        }
        return result;
    }

    /// <summary>
    /// Fixed base: table[i][j] = j * 256^i * B, so [k]B needs one addition per octet of k and no
    /// doubling. Built once per curve on first use (about 14,000 additions for Ed448).
    /// </summary>
    Point MultiplyBase(BigInteger k)
    {
        var table = baseTable.Value;
        var result = Identity;
        for (var i = 0; i < Digits(k, BaseWindow); i++)
        {
            var digit = Digit(k, i, BaseWindow);
            if (digit != 0)
                result = Add(result, table[i][digit]);
        }
        return result;
    }

    Point[][] BuildBaseTable()
    {
        // Clamped scalars have topBit + 1 bits; scalars reduced mod L are shorter.
        var table = new Point[(topBit + BaseWindow) / BaseWindow][];
        var power = basePoint;
        for (var i = 0; i < table.Length; i++)
        {
            table[i] = new Point[1 << BaseWindow];
            table[i][0] = Identity;
            for (var j = 1; j < table[i].Length; j++)
                table[i][j] = Add(table[i][j - 1], power);
            for (var j = 0; j < BaseWindow; j++)
                power = Double(power);
        }
        return table;
    }

    static int Digits(BigInteger k, int bits) => (int)((k.GetBitLength() + bits - 1) / bits);

    static int Digit(BigInteger k, int i, int bits) => (int)((k >> (bits * i)) & ((1 << bits) - 1));

    // ---- Field and integer helpers ----

    /// <summary>Extended Euclid: several times faster than Fermat's x^(p-2) with BigInteger.</summary>
    BigInteger Inverse(BigInteger x)
    {
        BigInteger r0 = p, r1 = x, t0 = 0, t1 = 1;
        while (!r1.IsZero)
        {
            var q = BigInteger.DivRem(r0, r1, out var r);
            (r0, r1) = (r1, r);
            (t0, t1) = (t1, t0 - q * t1);
        }
        return Mod(t0, p);
    }

    static BigInteger Mod(BigInteger x, BigInteger m)
    {
        var r = x % m;
        return r.Sign < 0 ? r + m : r;
    }

    static BigInteger FromLittleEndian(ReadOnlySpan<byte> bytes) => new(bytes, isUnsigned: true, isBigEndian: false);

    static void ToLittleEndian(BigInteger x, Span<byte> destination)
    {
        destination.Clear();
        x.TryWriteBytes(destination, out _, isUnsigned: true, isBigEndian: false);
    }
}
