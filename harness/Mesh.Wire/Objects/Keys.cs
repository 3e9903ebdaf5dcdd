using Mesh.Wire.Model;

namespace Mesh.Wire.Objects;

/// <summary>Key parameters, always carried tagged: <c>{"PublicKeyECDH": {…}}</c> (docs/reference-behaviour.md §D7).</summary>
public abstract class KeyParameters : WireRecord;

/// <summary>An elliptic-curve public key: <c>crv</c> is Ed25519, Ed448, X25519 or X448 (RFC 8032 / 7748 encodings).</summary>
public class PublicKeyECDH : KeyParameters
{
    [Wire("crv")] public string? Curve { get; set; }
    [Wire] public byte[]? Public { get; set; }
}

/// <summary>An elliptic-curve private key; for Ed25519/Ed448 the RFC 8032 seed (any length for Ed448).</summary>
public sealed class PrivateKeyECDH : PublicKeyECDH
{
    [Wire] public byte[]? Private { get; set; }
}

/// <summary>A Mesh public key: its UDF (docs/reference-behaviour.md §U5) and its parameters.</summary>
public sealed class PublicKey : WireRecord
{
    [Wire] public string? UDF { get; set; }
    [Wire] public byte[]? X509Certificate { get; set; }
    [Wire] public List<byte[]>? X509Chain { get; set; }
    [Wire] public byte[]? X509CSR { get; set; }
    [Wire(Tagged = true)] public KeyParameters? PublicParameters { get; set; }
}

/// <summary>A key held in part by a service (schema KeyComposite).</summary>
public sealed class KeyComposite : WireRecord
{
    [Wire] public string? Service { get; set; }
}
