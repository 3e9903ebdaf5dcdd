namespace Mesh.Wire.Crypto;

/// <summary>The four CFRG curves of the protocol and their <c>crv</c> names, key sizes and OIDs (docs/reference-behaviour.md §D7, docs/reference-behaviour.md §U5).</summary>
public enum Curve
{
    Ed25519,
    Ed448,
    X25519,
    X448,
}

public static class Curves
{
    public static string Name(this Curve curve) => curve.ToString();

    public static Curve Parse(string? name) => name switch
    {
        "Ed25519" => Curve.Ed25519,
        "Ed448" => Curve.Ed448,
        "X25519" => Curve.X25519,
        "X448" => Curve.X448,
        _ => throw new ArgumentException($"Unknown curve '{name}'"),
    };

    public static bool TryParse(string? name, out Curve curve)
    {
        curve = default;
        try { curve = Parse(name); return true; }
        catch (ArgumentException) { return false; }
    }

    public static bool IsSignature(this Curve curve) => curve is Curve.Ed25519 or Curve.Ed448;

    public static int PublicKeyLength(this Curve curve) => curve switch
    {
        Curve.Ed25519 or Curve.X25519 => 32,
        Curve.Ed448 => 57,
        _ => 56,
    };

    /// <summary>Length of a private key derived from a seed UDF (docs/reference-behaviour.md §U7): 32, or 56 for the 448 curves.</summary>
    public static int DerivedPrivateLength(this Curve curve) => curve is Curve.Ed25519 or Curve.X25519 ? 32 : 56;

    /// <summary>Last byte of the RFC 8410 OID 1.3.101.x.</summary>
    public static byte OidArc(this Curve curve) => curve switch
    {
        Curve.X25519 => 0x6E,
        Curve.X448 => 0x6F,
        Curve.Ed25519 => 0x70,
        _ => 0x71,
    };
}
