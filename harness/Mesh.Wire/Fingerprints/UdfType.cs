namespace Mesh.Wire.Fingerprints;

/// <summary>UDF type bytes of the draft's generation (docs/reference-behaviour.md §U1); the first Base32 letter follows from them.</summary>
public enum UdfType : byte
{
    AuthenticatorHmacSha2 = 0x00,
    AuthenticatorHmacSha3 = 0x01,
    EncryptionKey = 0x20,
    DigestSha3 = 0x50,
    DigestSha2 = 0x60,
    Nonce = 0x68,
    OidKeyIdentifier = 0x70,
    Share = 0x90,
    KeySeed = 0xC8,
}

/// <summary>The content digest algorithms of UDF (docs/reference-behaviour.md §U2).</summary>
public enum UdfDigest
{
    Sha2_512,
    Sha3_512,
}

/// <summary>Algorithm specifiers of seed UDFs (type 200), big-endian after the type byte (docs/reference-behaviour.md §U6).</summary>
public enum UdfKeyAlgorithm : ushort
{
    Any = 0,
    X25519 = 1,
    X448 = 2,
    Ed25519 = 3,
    Ed448 = 4,
    P256 = 5,
    P384 = 6,
    P521 = 7,
    Rsa2048 = 8,
    Rsa3072 = 9,
    Rsa4096 = 10,
    MeshProfileMaster = 256,
    MeshProfileDevice = 257,
    MeshProfileAccount = 258,
    MeshActivationDevice = 259,
    MeshActivationAccount = 260,
}
