using System.Numerics;

namespace Mesh.Wire.Crypto;

/// <summary>
/// An Edwards group a x^2 + y^2 = 1 + d x^2 y^2 over GF(p) on <see cref="BigInteger"/>, for any of the
/// RFC 8032 curves: readable rather than fast, and not constant-time. It carries Ed25519, and for Ed448
/// it is the reference that <see cref="Ed448Group"/> is compared with (<see cref="EdwardsCurve.Ed448Reference"/>).
/// </summary>
internal sealed class ReferenceEdwardsGroup : IEdwardsGroup<ReferenceEdwardsGroup.Point>
{
    /// <summary>Extended coordinates: x = X/Z, y = Y/Z, x y = T/Z (RFC 8032 §5.1.4).</summary>
    public readonly record struct Point(BigInteger X, BigInteger Y, BigInteger Z, BigInteger T);

    readonly BigInteger p, d;
    readonly int a;                              // -1 (edwards25519) or 1 (edwards448)
    readonly Point basePoint;
    readonly int scalarBits;                     // the longest scalar the fixed-base table covers
    readonly BigInteger sqrtMinusOne;            // only needed where p = 5 (mod 8)
    readonly Lazy<Point[][]> baseTable;
    const int BaseWindow = 8;                    // bits per digit of the fixed-base table

    public ReferenceEdwardsGroup(int encodedLength, BigInteger p, int a, BigInteger d, BigInteger bx, BigInteger by,
        int scalarBits)
    {
        EncodedLength = encodedLength;
        this.p = p; this.a = a; this.d = d;
        basePoint = new Point(bx, by, 1, bx * by % p);
        this.scalarBits = scalarBits;
        sqrtMinusOne = BigInteger.ModPow(2, (p - 1) / 4, p);
        baseTable = new Lazy<Point[][]>(BuildBaseTable);
    }

    public int EncodedLength { get; }

    // ---- Point encoding (RFC 8032 §5.1.2-3, §5.2.2-3) ----

    public void Encode(in Point point, Span<byte> destination)
    {
        var zInverse = Inverse(point.Z);
        var x = point.X * zInverse % p;
        var y = point.Y * zInverse % p;
        var encoded = destination[..EncodedLength];
        ToLittleEndian(y, encoded);
        if (!x.IsEven)
            encoded[^1] |= 0x80;
    }

    public bool TryDecode(ReadOnlySpan<byte> encoded, out Point point)
    {
        point = default;
        if (encoded.Length != EncodedLength)
            return false;
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

    // ---- Group law: extended coordinates, RFC 8032 §5.1.4 ----
    // These formulas are complete for both curves because a is a square and d is not.

    Point Identity => new(0, 1, 1, 0);

    public Point Add(in Point P, in Point Q)
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

    public Point Negate(in Point P) => new(Mod(-P.X, p), P.Y, P.Z, Mod(-P.T, p));

    /// <summary>Variable base, 4-bit fixed window, most significant nibble first.</summary>
    public Point Multiply(in Point P, ReadOnlySpan<byte> scalar)
    {
        var k = FromLittleEndian(scalar);
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
    /// doubling. Built once per group on first use (about 14,000 additions for Ed448).
    /// </summary>
    public Point MultiplyBase(ReadOnlySpan<byte> scalar)
    {
        var k = FromLittleEndian(scalar);
        if (k.GetBitLength() > scalarBits)
            return Multiply(basePoint, scalar);
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
        var table = new Point[(scalarBits + BaseWindow - 1) / BaseWindow][];
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

    // ---- Field helpers ----

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
