using System.Security.Cryptography;
using System.Text;

namespace Mesh.Wire.Crypto;

/// <summary>
/// Where every random byte comes from (keys, nonces, salts, IVs), so that vector mode can replace the
/// system generator by a seeded stream and regenerate byte-identical output.
/// </summary>
public interface IRandomSource
{
    byte[] GetBytes(int count);
}

/// <summary>The operating system's cryptographic generator.</summary>
public sealed class SystemRandomSource : IRandomSource
{
    public static SystemRandomSource Instance { get; } = new();
    public byte[] GetBytes(int count) => RandomNumberGenerator.GetBytes(count);
}

/// <summary>
/// A deterministic stream for vector mode: block <c>i</c> is SHA-512(label ‖ i) (i as 8 bytes, big-endian).
/// Not for production keys; the point is that a label always yields the same bytes.
/// </summary>
public sealed class SeededRandomSource(string label) : IRandomSource
{
    readonly byte[] seed = Encoding.UTF8.GetBytes(label);
    readonly object gate = new();
    ulong counter;
    byte[] block = [];
    int used;

    public byte[] GetBytes(int count)
    {
        var result = new byte[count];
        lock (gate)
        {
            for (var i = 0; i < count; i++)
            {
                if (used == block.Length) NextBlock();
                result[i] = block[used++];
            }
        }
        return result;
    }

    void NextBlock()
    {
        var input = new byte[seed.Length + 8];
        seed.CopyTo(input, 0);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(input.AsSpan(seed.Length), counter++);
        block = SHA512.HashData(input);
        used = 0;
    }
}
