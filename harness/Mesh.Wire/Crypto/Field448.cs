using System.Runtime.CompilerServices;

namespace Mesh.Wire.Crypto;

/// <summary>
/// An element of GF(p), p = 2^448 - 2^224 - 1, the field of edwards448 (RFC 8032 §5.2), as 16 limbs of
/// 28 bits (radix 2^28, little-endian). Written for the Ed448 group (<c>Ed448Group</c>): no heap allocation, and
/// not constant-time (<see cref="Canonical"/>, <see cref="IsZero"/> and the equality branch on the value),
/// which a test harness can afford.
/// </summary>
/// <remarks>
/// Every operation returns a <em>loose</em> element: each limb is below 2^28 + 2^8, so the value is below
/// 2^448 (1 + 2^-19) &lt; 2p and may exceed p. Every operation accepts loose inputs. The bounds quoted in
/// the comments below are what keeps the 64-bit accumulators of <see cref="Mul"/> from overflowing and
/// what makes <see cref="Sub"/> non-negative; <see cref="Canonical"/> gives the unique representative.
/// </remarks>
public struct Field448 : IEquatable<Field448>
{
    /// <summary>Octets of <see cref="WriteBytes"/> and <see cref="FromBytes"/>: 56, little-endian.</summary>
    public const int ByteLength = 56;

    const int LimbBits = 28;
    const uint Mask = (1u << LimbBits) - 1;
    const int Limbs = 16;

    [InlineArray(Limbs)]
    struct LimbArray
    {
        uint element;
    }

    LimbArray limb;

    /// <summary>0.</summary>
    public static Field448 Zero => default;

    /// <summary>1.</summary>
    public static Field448 One
    {
        get
        {
            var one = default(Field448);
            one.limb[0] = 1;
            return one;
        }
    }

    /// <summary>A small non-negative constant.</summary>
    public static Field448 FromUInt32(uint value)
    {
        var result = default(Field448);
        result.limb[0] = value & Mask;
        result.limb[1] = value >> LimbBits;
        return result;
    }

    // p in limbs: every limb 2^28 - 1 except limb 8 (the 2^224 term), 2^28 - 2.
    static uint PLimb(int i) => i == 8 ? Mask - 1 : Mask;

    // ---- Addition ----

    /// <summary>a + b. The limb sums (below 2^29 + 2^9) are carried back under 2^28 + 2^8.</summary>
    public static Field448 Add(in Field448 a, in Field448 b) => CarryLimbs(
            a.limb[0] + b.limb[0], a.limb[1] + b.limb[1], a.limb[2] + b.limb[2], a.limb[3] + b.limb[3],
            a.limb[4] + b.limb[4], a.limb[5] + b.limb[5], a.limb[6] + b.limb[6], a.limb[7] + b.limb[7],
            a.limb[8] + b.limb[8], a.limb[9] + b.limb[9], a.limb[10] + b.limb[10], a.limb[11] + b.limb[11],
            a.limb[12] + b.limb[12], a.limb[13] + b.limb[13], a.limb[14] + b.limb[14], a.limb[15] + b.limb[15]);

    // The limbs of 2p: 2^29 - 2, and 2^29 - 4 for limb 8.
    const uint TwoPLimb = 2 * Mask, TwoPLimb8 = 2 * (Mask - 1);

    /// <summary>
    /// a - b, computed as a + 2p - b so no limb goes negative: the limbs of 2p are 2^29 - 2 (limb 8:
    /// 2^29 - 4), more than any loose limb of b (below 2^28 + 2^8). The sums stay below 2^30.
    /// </summary>
    public static Field448 Sub(in Field448 a, in Field448 b) => CarryLimbs(
            a.limb[0] + TwoPLimb - b.limb[0], a.limb[1] + TwoPLimb - b.limb[1],
            a.limb[2] + TwoPLimb - b.limb[2], a.limb[3] + TwoPLimb - b.limb[3],
            a.limb[4] + TwoPLimb - b.limb[4], a.limb[5] + TwoPLimb - b.limb[5],
            a.limb[6] + TwoPLimb - b.limb[6], a.limb[7] + TwoPLimb - b.limb[7],
            a.limb[8] + TwoPLimb8 - b.limb[8], a.limb[9] + TwoPLimb - b.limb[9],
            a.limb[10] + TwoPLimb - b.limb[10], a.limb[11] + TwoPLimb - b.limb[11],
            a.limb[12] + TwoPLimb - b.limb[12], a.limb[13] + TwoPLimb - b.limb[13],
            a.limb[14] + TwoPLimb - b.limb[14], a.limb[15] + TwoPLimb - b.limb[15]);

    /// <summary>-a, as 2p - a.</summary>
    public static Field448 Negate(in Field448 a) => Sub(Zero, a);

    /// <summary>
    /// One carry pass over limbs below 2^31, kept in registers (a chain through memory would wait on
    /// store forwarding at every step). The carry out of the top limb is worth 2^448 = 2^224 + 1 (mod p),
    /// so it goes back into limbs 0 and 8, which end at most a few units above 2^28.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Field448 CarryLimbs(uint l0, uint l1, uint l2, uint l3, uint l4, uint l5, uint l6, uint l7,
        uint l8, uint l9, uint l10, uint l11, uint l12, uint l13, uint l14, uint l15)
    {
        l1 += l0 >> LimbBits; l0 &= Mask;
        l2 += l1 >> LimbBits; l1 &= Mask;
        l3 += l2 >> LimbBits; l2 &= Mask;
        l4 += l3 >> LimbBits; l3 &= Mask;
        l5 += l4 >> LimbBits; l4 &= Mask;
        l6 += l5 >> LimbBits; l5 &= Mask;
        l7 += l6 >> LimbBits; l6 &= Mask;
        l8 += l7 >> LimbBits; l7 &= Mask;
        l9 += l8 >> LimbBits; l8 &= Mask;
        l10 += l9 >> LimbBits; l9 &= Mask;
        l11 += l10 >> LimbBits; l10 &= Mask;
        l12 += l11 >> LimbBits; l11 &= Mask;
        l13 += l12 >> LimbBits; l12 &= Mask;
        l14 += l13 >> LimbBits; l13 &= Mask;
        l15 += l14 >> LimbBits; l14 &= Mask;
        var top = l15 >> LimbBits;
        l15 &= Mask;
        l0 += top;
        l8 += top;
        return Pack(l0, l1, l2, l3, l4, l5, l6, l7, l8, l9, l10, l11, l12, l13, l14, l15);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Field448 Pack(uint l0, uint l1, uint l2, uint l3, uint l4, uint l5, uint l6, uint l7,
        uint l8, uint l9, uint l10, uint l11, uint l12, uint l13, uint l14, uint l15)
    {
        Unsafe.SkipInit(out Field448 r);
        r.limb[0] = l0;
        r.limb[1] = l1;
        r.limb[2] = l2;
        r.limb[3] = l3;
        r.limb[4] = l4;
        r.limb[5] = l5;
        r.limb[6] = l6;
        r.limb[7] = l7;
        r.limb[8] = l8;
        r.limb[9] = l9;
        r.limb[10] = l10;
        r.limb[11] = l11;
        r.limb[12] = l12;
        r.limb[13] = l13;
        r.limb[14] = l14;
        r.limb[15] = l15;
        return r;
    }

    // ---- Multiplication ----

    /// <summary>
    /// a b mod p, with the reduction folded into a Karatsuba split. Write a = a0 + a1 t, b = b0 + b1 t with
    /// t = 2^224 and 8-limb halves; as t^2 = t + 1 (mod p),
    /// <code>a b = (a0 b0 + a1 b1) + ((a0 + a1)(b0 + b1) - a0 b0) t</code>
    /// (three half products instead of four). A half product P has 15 columns: P.lo = columns 0-7 and
    /// P.hi = columns 8-14, worth t more, so with P00 = a0 b0, P11 = a1 b1, S = (a0 + a1)(b0 + b1):
    /// <code>
    /// limb j     = P00.lo[j] - P00.hi[j] + P11.lo[j] + S.hi[j]
    /// limb j + 8 = P11.hi[j] + S.lo[j] + S.hi[j] - P00.lo[j]
    /// </code>
    /// Both are non-negative (S covers P00 column by column), so the unsigned wrap-around of the partial
    /// sums cancels. With loose limbs (below 2^28 + 2^8) a product is below 2^56.01 and a sum limb below
    /// 2^29.01; the largest column is at most 39 such products, under 2^62: no overflow.
    /// </summary>
    public static Field448 Mul(in Field448 x, in Field448 y)
    {
        ulong a0 = x.limb[0], a1 = x.limb[1], a2 = x.limb[2], a3 = x.limb[3],
            a4 = x.limb[4], a5 = x.limb[5], a6 = x.limb[6], a7 = x.limb[7],
            a8 = x.limb[8], a9 = x.limb[9], a10 = x.limb[10], a11 = x.limb[11],
            a12 = x.limb[12], a13 = x.limb[13], a14 = x.limb[14], a15 = x.limb[15];
        ulong b0 = y.limb[0], b1 = y.limb[1], b2 = y.limb[2], b3 = y.limb[3],
            b4 = y.limb[4], b5 = y.limb[5], b6 = y.limb[6], b7 = y.limb[7],
            b8 = y.limb[8], b9 = y.limb[9], b10 = y.limb[10], b11 = y.limb[11],
            b12 = y.limb[12], b13 = y.limb[13], b14 = y.limb[14], b15 = y.limb[15];
        ulong sa0 = a0 + a8, sa1 = a1 + a9, sa2 = a2 + a10, sa3 = a3 + a11,
            sa4 = a4 + a12, sa5 = a5 + a13, sa6 = a6 + a14, sa7 = a7 + a15;
        ulong sb0 = b0 + b8, sb1 = b1 + b9, sb2 = b2 + b10, sb3 = b3 + b11,
            sb4 = b4 + b12, sb5 = b5 + b13, sb6 = b6 + b14, sb7 = b7 + b15;
        ulong c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15;
        ulong p00lo, p00hi, p11lo, p11hi, slo, shi;
        // column 0
        p00lo = a0 * b0;
        p00hi = a1 * b7 + a2 * b6 + a3 * b5 + a4 * b4 + a5 * b3 + a6 * b2 + a7 * b1;
        p11lo = a8 * b8;
        p11hi = a9 * b15 + a10 * b14 + a11 * b13 + a12 * b12 + a13 * b11 + a14 * b10 + a15 * b9;
        slo = sa0 * sb0;
        shi = sa1 * sb7 + sa2 * sb6 + sa3 * sb5 + sa4 * sb4 + sa5 * sb3 + sa6 * sb2 + sa7 * sb1;
        c0 = p00lo - p00hi + p11lo + shi;
        c8 = p11hi + slo + shi - p00lo;
        // column 1
        p00lo = a0 * b1 + a1 * b0;
        p00hi = a2 * b7 + a3 * b6 + a4 * b5 + a5 * b4 + a6 * b3 + a7 * b2;
        p11lo = a8 * b9 + a9 * b8;
        p11hi = a10 * b15 + a11 * b14 + a12 * b13 + a13 * b12 + a14 * b11 + a15 * b10;
        slo = sa0 * sb1 + sa1 * sb0;
        shi = sa2 * sb7 + sa3 * sb6 + sa4 * sb5 + sa5 * sb4 + sa6 * sb3 + sa7 * sb2;
        c1 = p00lo - p00hi + p11lo + shi;
        c9 = p11hi + slo + shi - p00lo;
        // column 2
        p00lo = a0 * b2 + a1 * b1 + a2 * b0;
        p00hi = a3 * b7 + a4 * b6 + a5 * b5 + a6 * b4 + a7 * b3;
        p11lo = a8 * b10 + a9 * b9 + a10 * b8;
        p11hi = a11 * b15 + a12 * b14 + a13 * b13 + a14 * b12 + a15 * b11;
        slo = sa0 * sb2 + sa1 * sb1 + sa2 * sb0;
        shi = sa3 * sb7 + sa4 * sb6 + sa5 * sb5 + sa6 * sb4 + sa7 * sb3;
        c2 = p00lo - p00hi + p11lo + shi;
        c10 = p11hi + slo + shi - p00lo;
        // column 3
        p00lo = a0 * b3 + a1 * b2 + a2 * b1 + a3 * b0;
        p00hi = a4 * b7 + a5 * b6 + a6 * b5 + a7 * b4;
        p11lo = a8 * b11 + a9 * b10 + a10 * b9 + a11 * b8;
        p11hi = a12 * b15 + a13 * b14 + a14 * b13 + a15 * b12;
        slo = sa0 * sb3 + sa1 * sb2 + sa2 * sb1 + sa3 * sb0;
        shi = sa4 * sb7 + sa5 * sb6 + sa6 * sb5 + sa7 * sb4;
        c3 = p00lo - p00hi + p11lo + shi;
        c11 = p11hi + slo + shi - p00lo;
        // column 4
        p00lo = a0 * b4 + a1 * b3 + a2 * b2 + a3 * b1 + a4 * b0;
        p00hi = a5 * b7 + a6 * b6 + a7 * b5;
        p11lo = a8 * b12 + a9 * b11 + a10 * b10 + a11 * b9 + a12 * b8;
        p11hi = a13 * b15 + a14 * b14 + a15 * b13;
        slo = sa0 * sb4 + sa1 * sb3 + sa2 * sb2 + sa3 * sb1 + sa4 * sb0;
        shi = sa5 * sb7 + sa6 * sb6 + sa7 * sb5;
        c4 = p00lo - p00hi + p11lo + shi;
        c12 = p11hi + slo + shi - p00lo;
        // column 5
        p00lo = a0 * b5 + a1 * b4 + a2 * b3 + a3 * b2 + a4 * b1 + a5 * b0;
        p00hi = a6 * b7 + a7 * b6;
        p11lo = a8 * b13 + a9 * b12 + a10 * b11 + a11 * b10 + a12 * b9 + a13 * b8;
        p11hi = a14 * b15 + a15 * b14;
        slo = sa0 * sb5 + sa1 * sb4 + sa2 * sb3 + sa3 * sb2 + sa4 * sb1 + sa5 * sb0;
        shi = sa6 * sb7 + sa7 * sb6;
        c5 = p00lo - p00hi + p11lo + shi;
        c13 = p11hi + slo + shi - p00lo;
        // column 6
        p00lo = a0 * b6 + a1 * b5 + a2 * b4 + a3 * b3 + a4 * b2 + a5 * b1 + a6 * b0;
        p00hi = a7 * b7;
        p11lo = a8 * b14 + a9 * b13 + a10 * b12 + a11 * b11 + a12 * b10 + a13 * b9 + a14 * b8;
        p11hi = a15 * b15;
        slo = sa0 * sb6 + sa1 * sb5 + sa2 * sb4 + sa3 * sb3 + sa4 * sb2 + sa5 * sb1 + sa6 * sb0;
        shi = sa7 * sb7;
        c6 = p00lo - p00hi + p11lo + shi;
        c14 = p11hi + slo + shi - p00lo;
        // column 7
        p00lo = a0 * b7 + a1 * b6 + a2 * b5 + a3 * b4 + a4 * b3 + a5 * b2 + a6 * b1 + a7 * b0;
        p11lo = a8 * b15 + a9 * b14 + a10 * b13 + a11 * b12 + a12 * b11 + a13 * b10 + a14 * b9 + a15 * b8;
        slo = sa0 * sb7 + sa1 * sb6 + sa2 * sb5 + sa3 * sb4 + sa4 * sb3 + sa5 * sb2 + sa6 * sb1 + sa7 * sb0;
        c7 = p00lo + p11lo;
        c15 = slo - p00lo;
        return CarryWide(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15);
    }

    /// <summary>
    /// a^2: the columns of <see cref="Mul"/> with each cross product a_i a_k (i ≠ k) taken once, doubled
    /// (d_i = 2 a_i). Same bounds as <see cref="Mul"/>.
    /// </summary>
    public static Field448 Square(in Field448 x)
    {
        ulong a0 = x.limb[0], a1 = x.limb[1], a2 = x.limb[2], a3 = x.limb[3],
            a4 = x.limb[4], a5 = x.limb[5], a6 = x.limb[6], a7 = x.limb[7],
            a8 = x.limb[8], a9 = x.limb[9], a10 = x.limb[10], a11 = x.limb[11],
            a12 = x.limb[12], a13 = x.limb[13], a14 = x.limb[14], a15 = x.limb[15];
        ulong d0 = 2 * a0, d1 = 2 * a1, d2 = 2 * a2, d3 = 2 * a3, d4 = 2 * a4, d5 = 2 * a5, d6 = 2 * a6,
            d8 = 2 * a8, d9 = 2 * a9, d10 = 2 * a10, d11 = 2 * a11, d12 = 2 * a12, d13 = 2 * a13, d14 = 2 * a14;
        ulong sa0 = a0 + a8, sa1 = a1 + a9, sa2 = a2 + a10, sa3 = a3 + a11,
            sa4 = a4 + a12, sa5 = a5 + a13, sa6 = a6 + a14, sa7 = a7 + a15;
        ulong sd0 = 2 * sa0, sd1 = 2 * sa1, sd2 = 2 * sa2, sd3 = 2 * sa3, sd4 = 2 * sa4, sd5 = 2 * sa5, sd6 = 2 * sa6;
        ulong c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15;
        ulong p00lo, p00hi, p11lo, p11hi, slo, shi;
        // column 0
        p00lo = a0 * a0;
        p00hi = d1 * a7 + d2 * a6 + d3 * a5 + a4 * a4;
        p11lo = a8 * a8;
        p11hi = d9 * a15 + d10 * a14 + d11 * a13 + a12 * a12;
        slo = sa0 * sa0;
        shi = sd1 * sa7 + sd2 * sa6 + sd3 * sa5 + sa4 * sa4;
        c0 = p00lo - p00hi + p11lo + shi;
        c8 = p11hi + slo + shi - p00lo;
        // column 1
        p00lo = d0 * a1;
        p00hi = d2 * a7 + d3 * a6 + d4 * a5;
        p11lo = d8 * a9;
        p11hi = d10 * a15 + d11 * a14 + d12 * a13;
        slo = sd0 * sa1;
        shi = sd2 * sa7 + sd3 * sa6 + sd4 * sa5;
        c1 = p00lo - p00hi + p11lo + shi;
        c9 = p11hi + slo + shi - p00lo;
        // column 2
        p00lo = d0 * a2 + a1 * a1;
        p00hi = d3 * a7 + d4 * a6 + a5 * a5;
        p11lo = d8 * a10 + a9 * a9;
        p11hi = d11 * a15 + d12 * a14 + a13 * a13;
        slo = sd0 * sa2 + sa1 * sa1;
        shi = sd3 * sa7 + sd4 * sa6 + sa5 * sa5;
        c2 = p00lo - p00hi + p11lo + shi;
        c10 = p11hi + slo + shi - p00lo;
        // column 3
        p00lo = d0 * a3 + d1 * a2;
        p00hi = d4 * a7 + d5 * a6;
        p11lo = d8 * a11 + d9 * a10;
        p11hi = d12 * a15 + d13 * a14;
        slo = sd0 * sa3 + sd1 * sa2;
        shi = sd4 * sa7 + sd5 * sa6;
        c3 = p00lo - p00hi + p11lo + shi;
        c11 = p11hi + slo + shi - p00lo;
        // column 4
        p00lo = d0 * a4 + d1 * a3 + a2 * a2;
        p00hi = d5 * a7 + a6 * a6;
        p11lo = d8 * a12 + d9 * a11 + a10 * a10;
        p11hi = d13 * a15 + a14 * a14;
        slo = sd0 * sa4 + sd1 * sa3 + sa2 * sa2;
        shi = sd5 * sa7 + sa6 * sa6;
        c4 = p00lo - p00hi + p11lo + shi;
        c12 = p11hi + slo + shi - p00lo;
        // column 5
        p00lo = d0 * a5 + d1 * a4 + d2 * a3;
        p00hi = d6 * a7;
        p11lo = d8 * a13 + d9 * a12 + d10 * a11;
        p11hi = d14 * a15;
        slo = sd0 * sa5 + sd1 * sa4 + sd2 * sa3;
        shi = sd6 * sa7;
        c5 = p00lo - p00hi + p11lo + shi;
        c13 = p11hi + slo + shi - p00lo;
        // column 6
        p00lo = d0 * a6 + d1 * a5 + d2 * a4 + a3 * a3;
        p00hi = a7 * a7;
        p11lo = d8 * a14 + d9 * a13 + d10 * a12 + a11 * a11;
        p11hi = a15 * a15;
        slo = sd0 * sa6 + sd1 * sa5 + sd2 * sa4 + sa3 * sa3;
        shi = sa7 * sa7;
        c6 = p00lo - p00hi + p11lo + shi;
        c14 = p11hi + slo + shi - p00lo;
        // column 7
        p00lo = d0 * a7 + d1 * a6 + d2 * a5 + d3 * a4;
        p11lo = d8 * a15 + d9 * a14 + d10 * a13 + d11 * a12;
        slo = sd0 * sa7 + sd1 * sa6 + sd2 * sa5 + sd3 * sa4;
        c7 = p00lo + p11lo;
        c15 = slo - p00lo;
        return CarryWide(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15);
    }

    /// <summary>a k for a small constant k &lt; 2^20 (39081 in the curve equation): limb products below 2^49.</summary>
    public static Field448 MulSmall(in Field448 a, uint k)
    {
        if (k >= 1u << 20)
            throw new ArgumentOutOfRangeException(nameof(k), "MulSmall takes constants below 2^20.");
        return CarryWide(
            (ulong)a.limb[0] * k, (ulong)a.limb[1] * k, (ulong)a.limb[2] * k, (ulong)a.limb[3] * k,
            (ulong)a.limb[4] * k, (ulong)a.limb[5] * k, (ulong)a.limb[6] * k, (ulong)a.limb[7] * k,
            (ulong)a.limb[8] * k, (ulong)a.limb[9] * k, (ulong)a.limb[10] * k, (ulong)a.limb[11] * k,
            (ulong)a.limb[12] * k, (ulong)a.limb[13] * k, (ulong)a.limb[14] * k, (ulong)a.limb[15] * k);
    }

    /// <summary>
    /// Carries 64-bit columns below 2^62 (what Mul, Square and MulSmall give) down to loose limbs, in
    /// registers. The first pass leaves carries below 2^34; the one out of limb 15 is worth
    /// 2^448 = 2^224 + 1, so it is added to limbs 0 and 8 (then below 2^35), and one more step from each
    /// moves their excess, below 2^7, into limbs 1 and 9: every limb ends below 2^28 + 2^8.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Field448 CarryWide(ulong c0, ulong c1, ulong c2, ulong c3, ulong c4, ulong c5, ulong c6, ulong c7,
        ulong c8, ulong c9, ulong c10, ulong c11, ulong c12, ulong c13, ulong c14, ulong c15)
    {
        c1 += c0 >> LimbBits; c0 &= Mask;
        c2 += c1 >> LimbBits; c1 &= Mask;
        c3 += c2 >> LimbBits; c2 &= Mask;
        c4 += c3 >> LimbBits; c3 &= Mask;
        c5 += c4 >> LimbBits; c4 &= Mask;
        c6 += c5 >> LimbBits; c5 &= Mask;
        c7 += c6 >> LimbBits; c6 &= Mask;
        c8 += c7 >> LimbBits; c7 &= Mask;
        c9 += c8 >> LimbBits; c8 &= Mask;
        c10 += c9 >> LimbBits; c9 &= Mask;
        c11 += c10 >> LimbBits; c10 &= Mask;
        c12 += c11 >> LimbBits; c11 &= Mask;
        c13 += c12 >> LimbBits; c12 &= Mask;
        c14 += c13 >> LimbBits; c13 &= Mask;
        c15 += c14 >> LimbBits; c14 &= Mask;
        var top = c15 >> LimbBits;
        c15 &= Mask;
        c0 += top;
        c8 += top;
        c1 += c0 >> LimbBits; c0 &= Mask;
        c9 += c8 >> LimbBits; c8 &= Mask;
        return Pack((uint)c0, (uint)c1, (uint)c2, (uint)c3, (uint)c4, (uint)c5, (uint)c6, (uint)c7,
            (uint)c8, (uint)c9, (uint)c10, (uint)c11, (uint)c12, (uint)c13, (uint)c14, (uint)c15);
    }

    // ---- Exponentiation ----

    /// <summary>x^(2^n): n squarings.</summary>
    public static Field448 SquareTimes(in Field448 x, int n)
    {
        var r = x;
        for (var i = 0; i < n; i++)
            r = Square(r);
        return r;
    }

    /// <summary>x^e for a little-endian exponent, square-and-multiply from the top bit.</summary>
    public static Field448 Power(in Field448 x, ReadOnlySpan<byte> exponent)
    {
        var r = One;
        for (var i = exponent.Length * 8 - 1; i >= 0; i--)
        {
            r = Square(r);
            if ((exponent[i >> 3] >> (i & 7) & 1) != 0)
                r = Mul(r, x);
        }
        return r;
    }

    /// <summary>
    /// x^((p-3)/4), the exponentiation of the square root of a ratio (RFC 8032 §5.2.3). In binary
    /// (p-3)/4 = 2^446 - 2^222 - 1 is 223 ones, a zero and 222 ones, so with e(k) = x^(2^k - 1) and
    /// e(k + m) = e(k)^(2^m) e(m) the result is e(223)^(2^223) e(222): 448 squarings and 13 multiplications.
    /// </summary>
    public static Field448 PowerPMinus3Over4(in Field448 x)
    {
        var e2 = Mul(Square(x), x);
        var e3 = Mul(Square(e2), x);
        var e6 = Mul(SquareTimes(e3, 3), e3);
        var e12 = Mul(SquareTimes(e6, 6), e6);
        var e24 = Mul(SquareTimes(e12, 12), e12);
        var e30 = Mul(SquareTimes(e24, 6), e6);
        var e48 = Mul(SquareTimes(e24, 24), e24);
        var e96 = Mul(SquareTimes(e48, 48), e48);
        var e192 = Mul(SquareTimes(e96, 96), e96);
        var e222 = Mul(SquareTimes(e192, 30), e30);
        var e223 = Mul(Square(e222), x);
        return Mul(SquareTimes(e223, 223), e222);
    }

    /// <summary>1/x by Fermat, x^(p-2) = (x^((p-3)/4))^4 x. The inverse of 0 comes out as 0.</summary>
    public static Field448 Inverse(in Field448 x) => Mul(Square(Square(PowerPMinus3Over4(x))), x);

    // ---- Canonical form, encoding and comparison ----

    /// <summary>
    /// The representative in [0, p) with limbs below 2^28. A loose value is below 2p, so one conditional
    /// subtraction of p suffices: subtract with borrows, and if the result went negative add p back.
    /// </summary>
    public readonly Field448 Canonical()
    {
        var borrow = SubtractP(this, out var r);
        // borrow is 0 when the value was at least p (r is then the answer) and -1 otherwise.
        var addBack = (uint)borrow;
        long carry = 0;
        for (var i = 0; i < Limbs; i++)
        {
            var t = (long)r.limb[i] + (PLimb(i) & addBack) + carry;
            r.limb[i] = (uint)t & Mask;
            carry = t >> LimbBits;
        }
        return r;
    }

    /// <summary>value - p normalised to 28-bit limbs; returns the final borrow, 0 or -1 for values below 2p.</summary>
    static long SubtractP(in Field448 value, out Field448 difference)
    {
        Unsafe.SkipInit(out difference);
        long carry = 0;
        for (var i = 0; i < Limbs; i++)
        {
            var t = (long)value.limb[i] - PLimb(i) + carry;
            difference.limb[i] = (uint)t & Mask;
            carry = t >> LimbBits; // arithmetic shift: a borrow is -1
        }
        return carry;
    }

    /// <summary>
    /// Reads 56 little-endian octets. Every 56-octet string is below 2^448 and so a valid (loose) element;
    /// returns whether it was the canonical encoding, below p (RFC 8032 §5.2.3 rejects the others).
    /// </summary>
    public static bool FromBytes(ReadOnlySpan<byte> bytes, out Field448 value)
    {
        if (bytes.Length != ByteLength)
            throw new ArgumentException($"A GF(p) element is {ByteLength} octets, got {bytes.Length}.", nameof(bytes));
        Unsafe.SkipInit(out value);
        // Two limbs are exactly seven octets.
        for (var pair = 0; pair < Limbs / 2; pair++)
        {
            ulong word = 0;
            for (var k = 0; k < 7; k++)
                word |= (ulong)bytes[7 * pair + k] << (8 * k);
            value.limb[2 * pair] = (uint)word & Mask;
            value.limb[2 * pair + 1] = (uint)(word >> LimbBits);
        }
        return SubtractP(value, out _) < 0;
    }

    /// <summary>The canonical value as 56 little-endian octets.</summary>
    public readonly void WriteBytes(Span<byte> destination)
    {
        if (destination.Length < ByteLength)
            throw new ArgumentException($"A GF(p) element needs {ByteLength} octets.", nameof(destination));
        var canonical = Canonical();
        for (var pair = 0; pair < Limbs / 2; pair++)
        {
            var word = canonical.limb[2 * pair] | (ulong)canonical.limb[2 * pair + 1] << LimbBits;
            for (var k = 0; k < 7; k++)
                destination[7 * pair + k] = (byte)(word >> (8 * k));
        }
    }

    /// <summary>Whether the value is 0 mod p.</summary>
    public readonly bool IsZero
    {
        get
        {
            var canonical = Canonical();
            uint bits = 0;
            for (var i = 0; i < Limbs; i++)
                bits |= canonical.limb[i];
            return bits == 0;
        }
    }

    /// <summary>Whether the canonical value is odd: the sign of x in RFC 8032 point encodings.</summary>
    public readonly bool IsOdd => (Canonical().limb[0] & 1) != 0;

    /// <summary>Equality mod p.</summary>
    public readonly bool Equals(in Field448 other) => Sub(this, other).IsZero;

    readonly bool IEquatable<Field448>.Equals(Field448 other) => Equals(in other);

    public override readonly bool Equals(object? obj) => obj is Field448 other && Equals(in other);

    public override readonly int GetHashCode()
    {
        var canonical = Canonical();
        var hash = new HashCode();
        for (var i = 0; i < Limbs; i++)
            hash.Add(canonical.limb[i]);
        return hash.ToHashCode();
    }

    public static bool operator ==(in Field448 a, in Field448 b) => a.Equals(in b);

    public static bool operator !=(in Field448 a, in Field448 b) => !a.Equals(in b);

    /// <summary>The canonical value in hexadecimal, most significant octet first.</summary>
    public override readonly string ToString()
    {
        Span<byte> bytes = stackalloc byte[ByteLength];
        WriteBytes(bytes);
        bytes.Reverse();
        return Convert.ToHexString(bytes).ToLowerInvariant();
    }
}
