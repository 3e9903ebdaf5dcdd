namespace Mesh.Wire.Crypto;

/// <summary>
/// Keys from a text seed and a purpose, so that a named service, account or device always has the same
/// keys: the key's private bytes come from <see cref="SeededRandomSource"/>("seed/purpose").
/// </summary>
public static class SeededKeys
{
    public static KeyPair Derive(string seed, string purpose, Curve curve) =>
        KeyPair.Generate(curve, new SeededRandomSource(seed + "/" + purpose));
}
