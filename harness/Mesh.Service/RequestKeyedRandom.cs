using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Mesh.Wire.Crypto;

namespace Mesh.Service;

/// <summary>
/// Seeded service randomness that does not depend on the order in which requests arrive. The simulator
/// runs the requests of different accounts concurrently; the service's random choices (Connect message
/// identifiers and server nonces, spool UniqueIDs, tickets, envelope keys) must come out the same whatever
/// the interleaving, so that the same seed gives the same final state.
/// <para>
/// <see cref="BeginRequest"/> opens a scope (flowing with the async context) keyed by the SHA-256 of the
/// request body and by how many times that exact body was seen before, so an exact duplicate request still
/// gets fresh values. Inside the scope call <c>n</c> (from 0) of <see cref="GetBytes"/> returns the blocks
/// SHA-512(seed ‖ body digest ‖ occurrence ‖ n ‖ block) for block = 0, 1, … (occurrence, n and block as
/// 8 bytes, big-endian), cut to the length asked. Outside any scope (service start, a background task) it
/// falls back to one locked seeded stream, which is as order-dependent as any shared stream.
/// </para>
/// <para>
/// The occurrence counts are kept for the last <see cref="Capacity"/> distinct bodies, in the order they were first
/// seen; the oldest is forgotten to make room. The values stay the same for the same sequence of requests, and a
/// duplicate gets fresh values as long as fewer than <see cref="Capacity"/> other distinct bodies came between it
/// and the original (a vector run sends a few hundred in all; a retry follows its original closely). Only a seeded
/// service uses this source: one with system randomness keeps no book at all.
/// </para>
/// </summary>
public sealed class RequestKeyedRandom : IRandomSource
{
    readonly byte[] seed;
    readonly SeededRandomSource fallback;
    readonly Dictionary<string, long> seen = new(StringComparer.Ordinal);
    readonly Queue<string> firstSeen = new();
    readonly AsyncLocal<Scope?> current = new();

    /// <summary>How many distinct bodies are remembered by default.</summary>
    public const int DefaultCapacity = 1 << 16;

    public RequestKeyedRandom(string seed, int capacity = DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(seed);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        this.seed = Encoding.UTF8.GetBytes(seed);
        fallback = new SeededRandomSource(seed);
        Capacity = capacity;
    }

    /// <summary>The most distinct request bodies whose occurrences are counted.</summary>
    public int Capacity { get; }

    /// <summary>How many distinct bodies are remembered now (never more than <see cref="Capacity"/>).</summary>
    public int Remembered
    {
        get { lock (seen) return seen.Count; }
    }

    /// <summary>Opens the scope of one request; dispose it when the request has been answered.</summary>
    public IDisposable BeginRequest(ReadOnlySpan<byte> body)
    {
        var digest = SHA256.HashData(body);
        var occurrence = Occurrence(Convert.ToHexString(digest));
        var scope = new Scope(this, digest, occurrence, current.Value);
        current.Value = scope;
        return scope;
    }

    public byte[] GetBytes(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return current.Value is { } scope ? scope.Derive(count) : fallback.GetBytes(count);
    }

    long Occurrence(string key)
    {
        lock (seen)
        {
            if (seen.TryGetValue(key, out var before))
            {
                seen[key] = before + 1;
                return before;
            }
            if (seen.Count == Capacity) seen.Remove(firstSeen.Dequeue());
            seen.Add(key, 1);
            firstSeen.Enqueue(key);
            return 0;
        }
    }

    sealed class Scope(RequestKeyedRandom owner, byte[] digest, long occurrence, Scope? outer) : IDisposable
    {
        long calls;

        public byte[] Derive(int count)
        {
            var call = Interlocked.Increment(ref calls) - 1;
            var input = new byte[owner.seed.Length + digest.Length + 24];
            owner.seed.CopyTo(input, 0);
            digest.CopyTo(input, owner.seed.Length);
            var counters = input.AsSpan(owner.seed.Length + digest.Length);
            BinaryPrimitives.WriteInt64BigEndian(counters, occurrence);
            BinaryPrimitives.WriteInt64BigEndian(counters[8..], call);
            var result = new byte[count];
            for (long block = 0, written = 0; written < count; block++, written += SHA512.HashSizeInBytes)
            {
                BinaryPrimitives.WriteInt64BigEndian(counters[16..], block);
                var hash = SHA512.HashData(input);
                hash.AsSpan(0, (int)Math.Min(hash.Length, count - written)).CopyTo(result.AsSpan((int)written));
            }
            return result;
        }

        public void Dispose()
        {
            if (owner.current.Value == this) owner.current.Value = outer;
        }
    }
}
