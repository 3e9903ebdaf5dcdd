using System.Collections.Concurrent;

namespace Mesh.Wire.Crypto;

/// <summary>
/// Keys from a text seed and a purpose, so that a named service, account or device always has the same
/// keys: the key's private bytes come from <see cref="SeededRandomSource"/>("seed/purpose").
/// </summary>
public static class SeededKeys
{
    /// <summary>
    /// Derived keys, kept because every scenario of a suite run derives the same service, account and device keys
    /// again; a key pair is immutable, so sharing one changes nothing. Emptied when full: seeds are unbounded.
    /// </summary>
    static readonly ConcurrentDictionary<(string Seed, Curve Curve), KeyPair> derived = new();
    const int DerivedMax = 4096;

    public static KeyPair Derive(string seed, string purpose, Curve curve)
    {
        var key = (seed + "/" + purpose, curve);
        if (derived.TryGetValue(key, out var known)) return known;
        if (derived.Count >= DerivedMax) derived.Clear();
        return derived.GetOrAdd(key, k => KeyPair.Generate(k.Curve, new SeededRandomSource(k.Seed)));
    }
}
