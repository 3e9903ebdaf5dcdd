using System.Numerics;

namespace Mesh.Wire.Crypto;

/// <summary>
/// The edwards448 group (RFC 8032 §5.2: a = 1, d = -39081) on <see cref="Field448"/> limbs, in projective
/// coordinates (x = X/Z, y = Y/Z) with the §5.2.4 formulas, which are complete on this curve (d is not a
/// square), so no case needs special handling. Not constant-time: the windows skip zero digits and index
/// tables by secret digits, acceptable for a test harness, not for protecting keys.
/// </summary>
internal sealed class Ed448Group : IEdwardsGroup<Ed448Group.Point>
{
    public static Ed448Group Instance { get; } = new();

    /// <summary>A point (X : Y : Z).</summary>
    public struct Point
    {
        public Field448 X, Y, Z;
    }

    /// <summary>A point with Z = 1, as the fixed-base table stores it.</summary>
    struct AffinePoint
    {
        public Field448 X, Y;
    }

    const int Length = 57;
    const uint MinusD = 39081;                         // d = -39081

    // Fixed base: row i holds j 2^(6i) B for j = 1..63, so [k]B is one mixed addition per 6-bit digit of k.
    // 75 rows cover 450 bits: clamped scalars have 448, scalars mod L 446.
    const int DigitBits = 6;
    const int Rows = 75;
    const int RowEntries = (1 << DigitBits) - 1;

    static readonly Point BasePoint = new()
    {
        X = FromInteger(BigInteger.Parse(
            "224580040295924300187604334099896036246789641632564134246125461686950415467406032909029192869357953282578032075146446173674602635247710")),
        Y = FromInteger(BigInteger.Parse(
            "298819210078481492676017930443930673437544040154080242095928241372331506189835876003536878655418784733982303233503462500531545062832660")),
        Z = Field448.One,
    };

    readonly Lazy<AffinePoint[]> baseTable = new(BuildBaseTable);

    Ed448Group() { }

    public int EncodedLength => Length;

    static Point Identity => new() { X = Field448.Zero, Y = Field448.One, Z = Field448.One };

    // ---- Encoding (RFC 8032 §5.2.2-3) ----

    public bool TryDecode(ReadOnlySpan<byte> encoded, out Point point)
    {
        point = default;
        if (encoded.Length != Length)
            return false;
        // Bits 448-454 belong to y: if any is set, y >= 2^448 > p.
        if ((encoded[Length - 1] & 0x7F) != 0 || !Field448.FromBytes(encoded[..Field448.ByteLength], out var y))
            return false;
        var xSign = encoded[Length - 1] >> 7 == 1;

        // x^2 = u/v with u = y^2 - 1, v = d y^2 - 1 (from x^2 + y^2 = 1 + d x^2 y^2);
        // x = u^3 v (u^5 v^3)^((p-3)/4) is the root when one exists (§5.2.3 step 2).
        var yy = Field448.Square(y);
        var u = Field448.Sub(yy, Field448.One);
        var v = Field448.Negate(Field448.Add(Field448.MulSmall(yy, MinusD), Field448.One));
        var u2 = Field448.Square(u);
        var u3v = Field448.Mul(Field448.Mul(u2, u), v);
        var u5v3 = Field448.Mul(Field448.Mul(u3v, u2), Field448.Square(v));
        var x = Field448.Mul(u3v, Field448.PowerPMinus3Over4(u5v3));
        if (!Field448.Mul(v, Field448.Square(x)).Equals(u))
            return false;
        if (x.IsZero && xSign)
            return false;
        if (x.IsOdd != xSign)
            x = Field448.Negate(x);
        point = new Point { X = x, Y = y, Z = Field448.One };
        return true;
    }

    public void Encode(in Point point, Span<byte> destination)
    {
        var zInverse = Field448.Inverse(point.Z);
        var x = Field448.Mul(point.X, zInverse);
        Field448.Mul(point.Y, zInverse).WriteBytes(destination[..Field448.ByteLength]);
        destination[Length - 1] = x.IsOdd ? (byte)0x80 : (byte)0;
    }

    // ---- Group law (RFC 8032 §5.2.4) ----

    public Point Add(in Point p, in Point q) => AddPoints(p, q);

    static Point AddPoints(in Point p, in Point q)
    {
        var a = Field448.Mul(p.Z, q.Z);
        return AddWithZProduct(p, a, Field448.Square(a), q.X, q.Y);
    }

    /// <summary>P + Q for Q with Z = 1, one multiplication fewer.</summary>
    static Point AddAffine(in Point p, in AffinePoint q) => AddWithZProduct(p, p.Z, Field448.Square(p.Z), q.X, q.Y);

    /// <summary>The §5.2.4 addition from A = Z1 Z2 and B = A^2. With E = d C D = -39081 C D, F = B - E, G = B + E.</summary>
    static Point AddWithZProduct(in Point p, in Field448 a, in Field448 b, in Field448 qx, in Field448 qy)
    {
        var c = Field448.Mul(p.X, qx);
        var d = Field448.Mul(p.Y, qy);
        var minusE = Field448.MulSmall(Field448.Mul(c, d), MinusD);
        var f = Field448.Add(b, minusE);
        var g = Field448.Sub(b, minusE);
        var h = Field448.Mul(Field448.Add(p.X, p.Y), Field448.Add(qx, qy));
        return new Point
        {
            X = Field448.Mul(Field448.Mul(a, f), Field448.Sub(Field448.Sub(h, c), d)),
            Y = Field448.Mul(Field448.Mul(a, g), Field448.Sub(d, c)),
            Z = Field448.Mul(f, g),
        };
    }

    static Point Double(in Point p)
    {
        var b = Field448.Square(Field448.Add(p.X, p.Y));
        var c = Field448.Square(p.X);
        var d = Field448.Square(p.Y);
        var e = Field448.Add(c, d);
        var h = Field448.Square(p.Z);
        var j = Field448.Sub(e, Field448.Add(h, h));
        return new Point
        {
            X = Field448.Mul(Field448.Sub(b, e), j),
            Y = Field448.Mul(e, Field448.Sub(c, d)),
            Z = Field448.Mul(e, j),
        };
    }

    public Point Negate(in Point p) => new() { X = Field448.Negate(p.X), Y = p.Y, Z = p.Z };

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
        while (digit >= 0 && Bits(scalar, 4 * digit, 4) == 0)
            digit--;
        if (digit < 0)
            return Identity;
        var result = multiples[Bits(scalar, 4 * digit, 4)];
        for (digit--; digit >= 0; digit--)
        {
            result = Double(Double(Double(Double(result))));
            var value = Bits(scalar, 4 * digit, 4);
            if (value != 0)
                result = AddPoints(result, multiples[value]);
        }
        return result;
    }

    /// <summary>Fixed base from the table: no doubling, at most 75 mixed additions.</summary>
    public Point MultiplyBase(ReadOnlySpan<byte> scalar)
    {
        var significant = scalar.Length;
        while (significant > 0 && scalar[significant - 1] == 0)
            significant--;
        if (8 * significant > Rows * DigitBits)
            return Multiply(BasePoint, scalar);          // longer than the table covers; not used by RFC 8032

        var table = baseTable.Value;
        var result = Identity;
        for (var row = 0; row < Rows; row++)
        {
            var digit = Bits(scalar, DigitBits * row, DigitBits);
            if (digit != 0)
                result = AddAffine(result, table[row * RowEntries + digit - 1]);
        }
        return result;
    }

    /// <summary>Bits offset..offset+width-1 of a little-endian scalar (width at most 8), zero past its end.</summary>
    static int Bits(ReadOnlySpan<byte> scalar, int offset, int width)
    {
        var index = offset >> 3;
        var word = index < scalar.Length ? scalar[index] : 0;
        if (index + 1 < scalar.Length)
            word |= scalar[index + 1] << 8;
        return (word >> (offset & 7)) & ((1 << width) - 1);
    }

    /// <summary>
    /// The 75 x 63 table (605 KB), built once on first use: per row 62 projective additions or doublings,
    /// then one batch inversion (Montgomery's trick) to bring the row to Z = 1.
    /// </summary>
    static AffinePoint[] BuildBaseTable()
    {
        var table = new AffinePoint[Rows * RowEntries];
        var row = new Point[RowEntries];
        var power = BasePoint;                                   // 2^(6 i) B
        for (var i = 0; i < Rows; i++)
        {
            row[0] = power;
            for (var j = 2; j <= RowEntries; j++)
                row[j - 1] = j % 2 == 0 ? Double(row[j / 2 - 1]) : AddPoints(row[j - 2], power);
            ToAffine(row, table.AsSpan(i * RowEntries, RowEntries));
            power = Double(row[31]);                             // 2 * 32 = 2^6
        }
        return table;
    }

    /// <summary>All Z inverted with one inversion: invert the product, then peel one factor off per point.</summary>
    static void ToAffine(ReadOnlySpan<Point> points, Span<AffinePoint> destination)
    {
        var prefix = new Field448[points.Length];
        prefix[0] = points[0].Z;
        for (var i = 1; i < points.Length; i++)
            prefix[i] = Field448.Mul(prefix[i - 1], points[i].Z);
        var inverse = Field448.Inverse(prefix[^1]);              // 1 / (Z0 ... Zn)
        for (var i = points.Length - 1; i >= 0; i--)
        {
            var zInverse = i == 0 ? inverse : Field448.Mul(inverse, prefix[i - 1]);
            if (i > 0)
                inverse = Field448.Mul(inverse, points[i].Z);    // now 1 / (Z0 ... Z(i-1))
            destination[i] = new AffinePoint
            {
                X = Field448.Mul(points[i].X, zInverse),
                Y = Field448.Mul(points[i].Y, zInverse),
            };
        }
    }

    static Field448 FromInteger(BigInteger value)
    {
        Span<byte> bytes = stackalloc byte[Field448.ByteLength];
        value.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false);
        Field448.FromBytes(bytes, out var element);
        return element;
    }
}
