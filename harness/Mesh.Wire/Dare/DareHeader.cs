using Mesh.Wire.Model;
using Mesh.Wire.Messages;
using Mesh.Wire.Objects;

namespace Mesh.Wire.Dare;

/// <summary>Envelope trailer (docs/reference-behaviour.md §D3): signatures and the digest of the payload as carried.</summary>
public class DareTrailer : WireRecord
{
    [Wire("signatures")] public List<DareSignature>? Signatures { get; set; }
    [Wire] public byte[]? SignedData { get; set; }
    [Wire] public byte[]? PayloadDigest { get; set; }
    [Wire] public byte[]? ChainDigest { get; set; }
    [Wire] public byte[]? TreeDigest { get; set; }
}

/// <summary>
/// Envelope header (docs/reference-behaviour.md §D2). It inherits the trailer, so trailer members come first; the header's
/// own <c>signatures</c> (signers) shares the JSON name and is the one a reader fills.
/// </summary>
public sealed class DareHeader : DareTrailer
{
    [Wire] public string? EnvelopeID { get; set; }
    [Wire("enc")] public string? EncryptionAlgorithm { get; set; }
    [Wire("dig")] public string? DigestAlgorithm { get; set; }
    [Wire] public byte[]? Salt { get; set; }
    [Wire] public byte[]? Malt { get; set; }
    [Wire("cloaked")] public byte[]? Cloaked { get; set; }
    /// <summary>Enhanced Data Sequences (docs/reference-behaviour.md §E2.4), written as <c>Annotations</c>.</summary>
    [Wire("Annotations")] public List<byte[]>? EDSS { get; set; }
    [Wire("signatures")] public List<DareSigner>? Signers { get; set; }
    [Wire("recipients")] public List<DareRecipient>? Recipients { get; set; }
    [Wire] public byte[]? ContentMetaData { get; set; }
    [Wire] public ContainerInfo? ContainerInfo { get; set; }
    [Wire] public ContainerIndex? ContainerIndex { get; set; }
}

/// <summary>A signer: digest, algorithm, key and certificate (DareSchema DareSigner); the header's presignatures.</summary>
public class DareSigner : WireRecord
{
    [Wire("dig")] public string? DigestAlgorithm { get; set; }
    [Wire("alg")] public string? Algorithm { get; set; }
    [Wire("kid")] public string? KeyIdentifier { get; set; }
    [Wire("cert")] public X509Certificate? Certificate { get; set; }
    [Wire("path")] public X509Certificate? Path { get; set; }
}

/// <summary>A signature (docs/reference-behaviour.md §D3). <c>alg</c> names the digest; the curve comes from the key named by <c>kid</c>.</summary>
public sealed class DareSignature : DareSigner
{
    [Wire] public byte[]? Manifest { get; set; }
    [Wire("signature")] public byte[]? SignatureValue { get; set; }
    /// <summary>Proof of knowledge of the plaintext for signed and encrypted envelopes (docs/reference-behaviour.md §D4).</summary>
    [Wire("witness")] public byte[]? WitnessValue { get; set; }
}

/// <summary>A certificate by URL or value (DareSchema X509Certificate).</summary>
public sealed class X509Certificate : WireRecord
{
    [Wire("x5u")] public string? X5u { get; set; }
    [Wire("x5")] public byte[]? X5 { get; set; }
}

/// <summary>A recipient's key exchange block (docs/reference-behaviour.md §D3, §D5): the master key wrapped under an agreed key.</summary>
public sealed class DareRecipient : WireRecord
{
    [Wire("kid")] public string? KeyIdentifier { get; set; }
    [Wire("kwd")] public string? KeyWrapDerivation { get; set; }
    [Wire("epk", Tagged = true)] public KeyParameters? EphemeralKey { get; set; }
    [Wire("wmk")] public byte[]? WrappedMasterKey { get; set; }
    [Wire("rkd")] public string? RecipientKeyData { get; set; }
}

/// <summary>Content metadata, carried untagged and base64url in <c>ContentMetaData</c> (docs/reference-behaviour.md §D2).</summary>
public sealed class ContentMeta : WireRecord
{
    [Wire] public string? UniqueID { get; set; }
    [Wire] public List<string>? Labels { get; set; }
    [Wire] public List<KeyValue>? KeyValues { get; set; }
    [Wire] public string? MessageType { get; set; }
    [Wire("cty")] public string? ContentType { get; set; }
    [Wire] public List<string>? Paths { get; set; }
    [Wire] public string? Filename { get; set; }
    [Wire] public string? Event { get; set; }
    [Wire] public DateTime? Created { get; set; }
    [Wire] public DateTime? Modified { get; set; }
    [Wire] public int? First { get; set; }
    [Wire] public int? Previous { get; set; }
}

/// <summary>Container framing information of an entry (docs/reference-behaviour.md §D2, docs/service.md).</summary>
public sealed class ContainerInfo : WireRecord
{
    // Order as the reference writes it (ExamplesContainer.md): DataEncoding, Index, ContainerType, TreePosition.
    [Wire] public string? DataEncoding { get; set; }
    [Wire] public int? Index { get; set; }
    [Wire] public string? ContainerType { get; set; }
    [Wire] public long? TreePosition { get; set; }
    [Wire] public long? IndexPosition { get; set; }
    [Wire] public string? ExchangePosition { get; set; }
}

/// <summary>A container index record; carried opaquely by the protocol.</summary>
public sealed class ContainerIndex : WireRecord
{
    [Wire] public bool? Full { get; set; }
    [Wire] public List<IndexPosition>? Positions { get; set; }
}

public sealed class IndexPosition : WireRecord
{
    [Wire] public int? Index { get; set; }
    [Wire] public long? Position { get; set; }
}
