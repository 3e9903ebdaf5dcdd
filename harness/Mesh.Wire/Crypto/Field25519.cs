namespace Mesh.Wire.Crypto;

/// <summary>
/// GF(2^255 - 19) on five 51-bit limbs, products in <see cref="UInt128"/>. Every operation returns limbs below 2^52,
/// so sums and differences of two results may be multiplied again without overflow; <see cref="WriteBytes"/> gives
/// the canonical encoding. Not constant-time (see <see cref="Ed25519Group"/>).
/// </summary>
public readonly struct Field25519 : IEquatable<Field25519>
{
    public const int ByteLength = 32;
    const ulong Mask = (1UL << 51) - 1;
    // 4p, limb by limb: added before a subtraction so that no limb goes below zero.
    const ulong FourP0 = 4 * ((1UL << 51) - 19), FourP = 4 * Mask;

    readonly ulong l0, l1, l2, l3, l4;

    Field25519(ulong l0, ulong l1, ulong l2, ulong l3, ulong l4) => (this.l0, this.l1, this.l2, this.l3, this.l4) = (l0, l1, l2, l3, l4);

    public static Field25519 Zero => default;
    public static Field25519 One { get; } = new(1, 0, 0, 0, 0);

    public static Field25519 FromInteger(ulong value) => Carry(value & Mask, value >> 51, 0, 0, 0);

    /// <summary>The 255 low bits of 32 little-endian octets (the top bit is the caller's: RFC 8032 puts x's sign there).</summary>
    public static Field25519 FromBytes(ReadOnlySpan<byte> bytes)
    {
        var w0 = BitConverter.ToUInt64(bytes[..8]);
        var w1 = BitConverter.ToUInt64(bytes[8..16]);
        var w2 = BitConverter.ToUInt64(bytes[16..24]);
        var w3 = BitConverter.ToUInt64(bytes[24..32]);
        return new(w0 & Mask, (w0 >> 51 | w1 << 13) & Mask, (w1 >> 38 | w2 << 26) & Mask, (w2 >> 25 | w3 << 39) & Mask, (w3 >> 12) & Mask);
    }

    /// <summary>The canonical encoding: the value reduced below p, 32 octets little-endian, top bit clear.</summary>
    public void WriteBytes(Span<byte> destination)
    {
        var (a0, a1, a2, a3, a4) = Reduced();
        BitConverter.TryWriteBytes(destination[..8], a0 | a1 << 51);
        BitConverter.TryWriteBytes(destination[8..16], a1 >> 13 | a2 << 38);
        BitConverter.TryWriteBytes(destination[16..24], a2 >> 26 | a3 << 25);
        BitConverter.TryWriteBytes(destination[24..32], a3 >> 39 | a4 << 12);
    }

    /// <summary>Limbs below 2^51 of the value below p: subtract p once when the value is p or more.</summary>
    (ulong, ulong, ulong, ulong, ulong) Reduced()
    {
        // Twice: after one pass the lowest limb may still reach past 2^51 by a few multiples of 19.
        var once = Carry(l0, l1, l2, l3, l4);
        var f = Carry(once.l0, once.l1, once.l2, once.l3, once.l4);
        var q = (f.l0 + 19) >> 51;
        q = (f.l1 + q) >> 51;
        q = (f.l2 + q) >> 51;
        q = (f.l3 + q) >> 51;
        q = (f.l4 + q) >> 51;
        var a0 = f.l0 + 19 * q;
        var a1 = f.l1 + (a0 >> 51); a0 &= Mask;
        var a2 = f.l2 + (a1 >> 51); a1 &= Mask;
        var a3 = f.l3 + (a2 >> 51); a2 &= Mask;
        var a4 = f.l4 + (a3 >> 51); a3 &= Mask;
        return (a0, a1, a2, a3, a4 & Mask);
    }

    public bool IsZero => Reduced() == (0, 0, 0, 0, 0);

    /// <summary>The low bit of the canonical value: RFC 8032's sign of x.</summary>
    public bool IsOdd => (Reduced().Item1 & 1) == 1;

    public bool Equals(Field25519 other) => Reduced() == other.Reduced();
    public override bool Equals(object? obj) => obj is Field25519 other && Equals(other);
    public override int GetHashCode() => Reduced().GetHashCode();

    static Field25519 Carry(ulong a0, ulong a1, ulong a2, ulong a3, ulong a4)
    {
        a1 += a0 >> 51; a0 &= Mask;
        a2 += a1 >> 51; a1 &= Mask;
        a3 += a2 >> 51; a2 &= Mask;
        a4 += a3 >> 51; a3 &= Mask;
        a0 += 19 * (a4 >> 51); a4 &= Mask;
        return new(a0, a1, a2, a3, a4);
    }

    public static Field25519 Add(in Field25519 a, in Field25519 b) => Carry(a.l0 + b.l0, a.l1 + b.l1, a.l2 + b.l2, a.l3 + b.l3, a.l4 + b.l4);

    public static Field25519 Sub(in Field25519 a, in Field25519 b) =>
        Carry(a.l0 + FourP0 - b.l0, a.l1 + FourP - b.l1, a.l2 + FourP - b.l2, a.l3 + FourP - b.l3, a.l4 + FourP - b.l4);

    public static Field25519 Negate(in Field25519 a) => Sub(Zero, a);

    public static Field25519 Mul(in Field25519 a, in Field25519 b)
    {
        // 2^255 = 19 (mod p): a limb product that lands at 2^(51 k), k ≥ 5, comes back 19 times at 2^(51 (k - 5)).
        ulong b1 = 19 * b.l1, b2 = 19 * b.l2, b3 = 19 * b.l3, b4 = 19 * b.l4;
        var r0 = M(a.l0, b.l0) + M(a.l1, b4) + M(a.l2, b3) + M(a.l3, b2) + M(a.l4, b1);
        var r1 = M(a.l0, b.l1) + M(a.l1, b.l0) + M(a.l2, b4) + M(a.l3, b3) + M(a.l4, b2);
        var r2 = M(a.l0, b.l2) + M(a.l1, b.l1) + M(a.l2, b.l0) + M(a.l3, b4) + M(a.l4, b3);
        var r3 = M(a.l0, b.l3) + M(a.l1, b.l2) + M(a.l2, b.l1) + M(a.l3, b.l0) + M(a.l4, b4);
        var r4 = M(a.l0, b.l4) + M(a.l1, b.l3) + M(a.l2, b.l2) + M(a.l3, b.l1) + M(a.l4, b.l0);
        r1 += r0 >> 51;
        r2 += r1 >> 51;
        r3 += r2 >> 51;
        r4 += r3 >> 51;
        var c0 = (UInt128)((ulong)r0 & Mask) + 19 * (r4 >> 51);
        return Carry((ulong)(c0 & Mask), ((ulong)r1 & Mask) + (ulong)(c0 >> 51), (ulong)r2 & Mask, (ulong)r3 & Mask, (ulong)r4 & Mask);
    }

    static UInt128 M(ulong a, ulong b) => Math.BigMul(a, b);

    public static Field25519 Square(in Field25519 a) => Mul(a, a);

    /// <summary>a^e for an exponent given as little-endian octets.</summary>
    public static Field25519 Pow(in Field25519 a, ReadOnlySpan<byte> exponent)
    {
        var result = One;
        for (var bit = exponent.Length * 8 - 1; bit >= 0; bit--)
        {
            result = Square(result);
            if ((exponent[bit / 8] >> (bit % 8) & 1) == 1) result = Mul(result, a);
        }
        return result;
    }

    // p - 2 (inverse, Fermat) and (p - 5) / 8 (RFC 8032 §5.1.3's square root), little-endian.
    static readonly byte[] PMinus2 = [0xEB, .. Enumerable.Repeat((byte)0xFF, 30), 0x7F];
    static readonly byte[] PMinus5Over8 = [0xFD, .. Enumerable.Repeat((byte)0xFF, 30), 0x0F];

    public static Field25519 Inverse(in Field25519 a) => Pow(a, PMinus2);

    public static Field25519 PowerPMinus5Over8(in Field25519 a) => Pow(a, PMinus5Over8);
}
