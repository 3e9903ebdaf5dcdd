using System.Numerics;
using Mesh.Wire.Crypto;

namespace Mesh.Wire.Tests.Crypto;

/// <summary>GF(2^448 - 2^224 - 1) on limbs against BigInteger mod p, on seeded random values and the edges.</summary>
public class Field448Tests
{
    static readonly BigInteger P = BigInteger.Pow(2, 448) - BigInteger.Pow(2, 224) - 1;
    static readonly BigInteger TwoTo448 = BigInteger.Pow(2, 448);

    static BigInteger Mod(BigInteger x) => (x % P + P) % P;

    static byte[] Bytes(BigInteger value)
    {
        var bytes = new byte[Field448.ByteLength];
        value.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false);
        return bytes;
    }

    static Field448 Element(BigInteger value)
    {
        Field448.FromBytes(Bytes(value), out var element);
        return element;
    }

    static BigInteger Value(in Field448 element)
    {
        var bytes = new byte[Field448.ByteLength];
        element.WriteBytes(bytes);
        return new BigInteger(bytes, isUnsigned: true, isBigEndian: false);
    }

    /// <summary>Inputs below 2^448 as raw octets: p and above included, since FromBytes accepts them as elements.</summary>
    static IEnumerable<BigInteger> EdgeValues()
    {
        yield return 0;
        yield return 1;
        yield return 2;
        yield return P - 1;
        yield return P;
        yield return P + 1;
        yield return TwoTo448 - 1;                       // every limb all ones
        yield return BigInteger.Pow(2, 224);             // limb 8 alone: the fold point of the reduction
        yield return BigInteger.Pow(2, 224) - 1;
        yield return BigInteger.Pow(2, 224) + 1;
        yield return BigInteger.Pow(2, 28) - 1;          // one full limb
        yield return BigInteger.Pow(2, 28);
        yield return BigInteger.Pow(2, 420);             // top limb's lowest bit
        yield return 39081;
        yield return P - 39081;
        yield return (P + 1) / 2;
        yield return new BigInteger(Enumerable.Repeat((byte)0xFF, 20).Concat(new byte[36]).ToArray(), isUnsigned: true); // leading zero octets
    }

    static IEnumerable<BigInteger> Values(int seed, int randomCount)
    {
        foreach (var edge in EdgeValues())
            yield return edge;
        var random = new Random(seed);
        for (var i = 0; i < randomCount; i++)
        {
            var bytes = new byte[Field448.ByteLength];
            random.NextBytes(bytes);
            // Leading (most significant) zero octets now and then: short values; and zero runs inside.
            if (i % 5 == 0)
                bytes.AsSpan(Field448.ByteLength - 1 - random.Next(40)).Clear();
            if (i % 7 == 0)
                bytes.AsSpan(random.Next(40), 1 + random.Next(15)).Clear();
            yield return new BigInteger(bytes, isUnsigned: true, isBigEndian: false);
        }
    }

    static List<(BigInteger A, BigInteger B)> Pairs()
    {
        var values = Values(448, 120).ToList();
        var edges = EdgeValues().ToList();
        var pairs = new List<(BigInteger, BigInteger)>();
        foreach (var a in edges)
            foreach (var b in edges)
                pairs.Add((a, b));
        for (var i = 0; i + 1 < values.Count; i++)
            pairs.Add((values[i], values[i + 1]));
        return pairs;
    }

    [Fact]
    public void FromBytes_reports_whether_the_value_is_below_p_and_WriteBytes_is_canonical()
    {
        foreach (var value in Values(1, 200))
        {
            var canonical = Field448.FromBytes(Bytes(value), out var element);
            Assert.Equal(value < P, canonical);
            Assert.Equal(Mod(value), Value(element));
            Assert.Equal(Bytes(Mod(value)), ToBytes(element));
        }
    }

    static byte[] ToBytes(in Field448 element)
    {
        var bytes = new byte[Field448.ByteLength];
        element.WriteBytes(bytes);
        return bytes;
    }

    [Fact]
    public void FromBytes_and_WriteBytes_check_their_lengths()
    {
        Assert.Throws<ArgumentException>(() => Field448.FromBytes(new byte[55], out _));
        Assert.Throws<ArgumentException>(() => Field448.FromBytes(new byte[57], out _));
        Assert.Throws<ArgumentException>(() => Field448.One.WriteBytes(new byte[55]));
    }

    [Fact]
    public void Add_Sub_Mul_Square_Negate_match_BigInteger()
    {
        foreach (var (a, b) in Pairs())
        {
            var (x, y) = (Element(a), Element(b));
            var inputs = $"a={a:x} b={b:x}";
            Assert.True(Mod(a + b) == Value(Field448.Add(x, y)), "add " + inputs);
            Assert.True(Mod(a - b) == Value(Field448.Sub(x, y)), "sub " + inputs);
            Assert.True(Mod(a * b) == Value(Field448.Mul(x, y)), "mul " + inputs);
            Assert.True(Mod(a * a) == Value(Field448.Square(x)), "square " + inputs);
            Assert.True(Mod(-a) == Value(Field448.Negate(x)), "negate " + inputs);
            Assert.True(Mod(a * 39081) == Value(Field448.MulSmall(x, 39081)), "mul 39081 " + inputs);
        }
    }

    /// <summary>
    /// Results fed back as inputs: every operation must accept the loose limbs the others return
    /// (limbs a little over 2^28, values above p), which fresh decoded inputs never have.
    /// </summary>
    [Fact]
    public void Long_chains_of_operations_on_loose_results_match_BigInteger()
    {
        var random = new Random(4480);
        var values = EdgeValues().Concat(Values(2, 8)).ToList();
        var elements = values.Select(Element).ToList();
        for (var step = 0; step < 5000; step++)
        {
            var (i, j) = (random.Next(values.Count), random.Next(values.Count));
            var target = random.Next(values.Count);
            switch (random.Next(7))
            {
                case 0: (values[target], elements[target]) = (Mod(values[i] + values[j]), Field448.Add(elements[i], elements[j])); break;
                case 1: (values[target], elements[target]) = (Mod(values[i] - values[j]), Field448.Sub(elements[i], elements[j])); break;
                case 2: (values[target], elements[target]) = (Mod(values[i] * values[j]), Field448.Mul(elements[i], elements[j])); break;
                case 3: (values[target], elements[target]) = (Mod(values[i] * values[i]), Field448.Square(elements[i])); break;
                case 4: (values[target], elements[target]) = (Mod(-values[i]), Field448.Negate(elements[i])); break;
                case 5: (values[target], elements[target]) = (Mod(values[i] * 39081), Field448.MulSmall(elements[i], 39081)); break;
                // Sums of sums: the largest limbs Add can leave.
                case 6:
                    var sum = Field448.Add(Field448.Add(elements[i], elements[j]), Field448.Add(elements[i], elements[j]));
                    (values[target], elements[target]) = (Mod(2 * values[i] + 2 * values[j]), sum);
                    break;
            }
            Assert.True(values[target] == Value(elements[target]), $"step {step}");
        }
        // And the all-loose extremes: Add of two all-ones-limb values leaves limbs 0 and 8 over 2^28.
        var ones = Element(TwoTo448 - 1);
        var loose = Field448.Add(ones, ones);
        var expected = Mod(2 * (TwoTo448 - 1));
        Assert.Equal(Mod(expected * expected), Value(Field448.Mul(loose, loose)));
        Assert.Equal(Mod(expected * expected), Value(Field448.Square(loose)));
        Assert.Equal(Mod(expected - 2 * (TwoTo448 - 1)), Value(Field448.Sub(loose, loose)));
    }

    [Fact]
    public void Inverse_and_powers_match_BigInteger()
    {
        var exponent = (P - 3) / 4;
        foreach (var a in Values(3, 25))
        {
            var x = Element(a);
            Assert.Equal(BigInteger.ModPow(a, P - 2, P), Value(Field448.Inverse(x)));
            Assert.Equal(BigInteger.ModPow(a, exponent, P), Value(Field448.PowerPMinus3Over4(x)));
            if (!Mod(a).IsZero)
                Assert.Equal(BigInteger.One, Value(Field448.Mul(x, Field448.Inverse(x))));
        }
        var random = new Random(5);
        foreach (var a in Values(4, 10))
        {
            var e = new byte[random.Next(1, 60)];
            random.NextBytes(e);
            var expected = BigInteger.ModPow(a, new BigInteger(e, isUnsigned: true, isBigEndian: false), P);
            Assert.Equal(expected, Value(Field448.Power(Element(a), e)));
        }
        Assert.Equal(BigInteger.ModPow(12345, BigInteger.Pow(2, 100), P), Value(Field448.SquareTimes(Element(12345), 100)));
    }

    [Fact]
    public void IsZero_IsOdd_and_equality_look_at_the_value_mod_p()
    {
        foreach (var a in Values(6, 60))
        {
            var x = Element(a);
            Assert.Equal(Mod(a).IsZero, x.IsZero);
            Assert.Equal(!Mod(a).IsEven, x.IsOdd);
            Assert.True(x.Equals(Element(Mod(a))));
            Assert.True(x == Element(Mod(a)));
            Assert.Equal(Element(Mod(a)).GetHashCode(), x.GetHashCode());
            Assert.False(x.Equals(Element(Mod(a + 1))));
            Assert.True(x != Element(Mod(a + 1)));
        }
        // p and 0 are the same element; p + 1 is odd as a string but the element 1.
        Assert.True(Element(P).IsZero);
        Assert.True(Element(P + 1).IsOdd);
        Assert.False(Element(P + 2).IsOdd);
        Assert.Equal(Field448.One, Element(P + 1));
        Assert.Equal(Field448.FromUInt32(39081), Element(39081));
        Assert.Equal(Field448.FromUInt32(uint.MaxValue), Element(uint.MaxValue));
        Assert.Throws<ArgumentOutOfRangeException>(() => Field448.MulSmall(Field448.One, 1u << 20));
    }
}
