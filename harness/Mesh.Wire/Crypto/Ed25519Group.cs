namespace Mesh.Wire.Crypto;

/// <summary>
/// The edwards25519 group (RFC 8032 §5.1: a = -1, d = -121665/121666) on <see cref="Field25519"/> limbs, in extended
/// coordinates (x = X/Z, y = Y/Z, x y = T/Z) with the §5.1.4 formulas, complete on this curve. Not constant-time:
/// the window skips zero digits and indexes its table by secret digits, acceptable for a test harness, not for
/// protecting keys. It serves the Edwards-curve agreement (docs/reference-behaviour.md §D5); BouncyCastle signs.
/// </summary>
internal sealed class Ed25519Group : IEdwardsGroup<Ed25519Group.Point>
{
    public static Ed25519Group Instance { get; } = new();

    /// <summary>A point (X : Y : Z : T).</summary>
    public struct Point
    {
        public Field25519 X, Y, Z, T;
    }

    const int Length = 32;

    static readonly Field25519 D = Field25519.Mul(Field25519.Negate(Field25519.FromInteger(121665)), Field25519.Inverse(Field25519.FromInteger(121666)));
    static readonly Field25519 TwoD = Field25519.Add(D, D);
    // 2^((p-1)/4), a square root of -1: (p-1)/4 = 2^253 - 5.
    static readonly Field25519 SqrtMinusOne = Field25519.Pow(Field25519.FromInteger(2), [0xFB, .. Enumerable.Repeat((byte)0xFF, 30), 0x1F]);

    // RFC 8032 §5.1: B has y = 4/5 and a positive (even) x; its encoding is 0x58 followed by 31 octets 0x66.
    static readonly Point BasePoint = Instance.TryDecode([0x58, .. Enumerable.Repeat((byte)0x66, 31)], out var b) ? b
        : throw new InvalidOperationException("the edwards25519 base point does not decode");

    Ed25519Group() { }

    public int EncodedLength => Length;

    static Point Identity => new() { X = Field25519.Zero, Y = Field25519.One, Z = Field25519.One, T = Field25519.Zero };

    // ---- Encoding (RFC 8032 §5.1.2-3) ----

    public bool TryDecode(ReadOnlySpan<byte> encoded, out Point point)
    {
        point = default;
        if (encoded.Length != Length) return false;
        var y = Field25519.FromBytes(encoded);
        // y must be below p: its canonical encoding is the 255 bits given.
        Span<byte> canonical = stackalloc byte[Length];
        y.WriteBytes(canonical);
        canonical[Length - 1] |= (byte)(encoded[Length - 1] & 0x80);
        if (!canonical.SequenceEqual(encoded)) return false;
        var xSign = encoded[Length - 1] >> 7 == 1;
        // x^2 = u/v with u = y^2 - 1, v = d y^2 + 1; the candidate root is u v^3 (u v^7)^((p-5)/8) (§5.1.3 step 2).
        var yy = Field25519.Square(y);
        var u = Field25519.Sub(yy, Field25519.One);
        var v = Field25519.Add(Field25519.Mul(D, yy), Field25519.One);
        var v3 = Field25519.Mul(Field25519.Square(v), v);
        var uv3 = Field25519.Mul(u, v3);
        var uv7 = Field25519.Mul(uv3, Field25519.Square(Field25519.Square(v)));
        var x = Field25519.Mul(uv3, Field25519.PowerPMinus5Over8(uv7));
        var vxx = Field25519.Mul(v, Field25519.Square(x));
        if (!vxx.Equals(u))
        {
            if (!vxx.Equals(Field25519.Negate(u))) return false;
            x = Field25519.Mul(x, SqrtMinusOne);
        }
        if (x.IsZero && xSign) return false;
        if (x.IsOdd != xSign) x = Field25519.Negate(x);
        point = new Point { X = x, Y = y, Z = Field25519.One, T = Field25519.Mul(x, y) };
        return true;
    }

    public void Encode(in Point point, Span<byte> destination)
    {
        var zInverse = Field25519.Inverse(point.Z);
        var x = Field25519.Mul(point.X, zInverse);
        Field25519.Mul(point.Y, zInverse).WriteBytes(destination[..Length]);
        if (x.IsOdd) destination[Length - 1] |= 0x80;
    }

    // ---- Group law (RFC 8032 §5.1.4) ----

    public Point Add(in Point p, in Point q) => AddPoints(p, q);

    static Point AddPoints(in Point p, in Point q)
    {
        var a = Field25519.Mul(Field25519.Sub(p.Y, p.X), Field25519.Sub(q.Y, q.X));
        var b = Field25519.Mul(Field25519.Add(p.Y, p.X), Field25519.Add(q.Y, q.X));
        var c = Field25519.Mul(Field25519.Mul(p.T, TwoD), q.T);
        var zz = Field25519.Mul(p.Z, q.Z);
        var d = Field25519.Add(zz, zz);
        var e = Field25519.Sub(b, a);
        var f = Field25519.Sub(d, c);
        var g = Field25519.Add(d, c);
        var h = Field25519.Add(b, a);
        return new Point { X = Field25519.Mul(e, f), Y = Field25519.Mul(g, h), T = Field25519.Mul(e, h), Z = Field25519.Mul(f, g) };
    }

    static Point Double(in Point p)
    {
        var a = Field25519.Square(p.X);
        var b = Field25519.Square(p.Y);
        var zz = Field25519.Square(p.Z);
        var c = Field25519.Add(zz, zz);
        var h = Field25519.Add(a, b);
        var e = Field25519.Sub(h, Field25519.Square(Field25519.Add(p.X, p.Y)));
        var g = Field25519.Sub(a, b);
        var f = Field25519.Add(c, g);
        return new Point { X = Field25519.Mul(e, f), Y = Field25519.Mul(g, h), T = Field25519.Mul(e, h), Z = Field25519.Mul(f, g) };
    }

    public Point Negate(in Point p) => new() { X = Field25519.Negate(p.X), Y = p.Y, Z = p.Z, T = Field25519.Negate(p.T) };

    // ---- Scalar multiplication ----

    /// <summary>Variable base, 4-bit fixed window, most significant digit first; the 16 multiples live on the stack.</summary>
    public Point Multiply(in Point point, ReadOnlySpan<byte> scalar)
    {
        Span<Point> multiples = stackalloc Point[16];
        multiples[0] = Identity;
        multiples[1] = point;
        for (var i = 2; i < 16; i++)
            multiples[i] = i % 2 == 0 ? Double(multiples[i / 2]) : AddPoints(multiples[i - 1], point);
        var digit = scalar.Length * 2 - 1;
        while (digit >= 0 && Nibble(scalar, digit) == 0) digit--;
        if (digit < 0) return Identity;
        var result = multiples[Nibble(scalar, digit)];
        for (digit--; digit >= 0; digit--)
        {
            result = Double(Double(Double(Double(result))));
            var value = Nibble(scalar, digit);
            if (value != 0) result = AddPoints(result, multiples[value]);
        }
        return result;
    }

    /// <summary>[k]B by the variable-base window: public keys and signatures of Ed25519 come from BouncyCastle.</summary>
    public Point MultiplyBase(ReadOnlySpan<byte> scalar) => Multiply(BasePoint, scalar);

    static int Nibble(ReadOnlySpan<byte> scalar, int digit) => scalar[digit / 2] >> (4 * (digit % 2)) & 0xF;
}
