namespace Mesh.Wire.Dare;

/// <summary>Algorithm identifiers as the reference writes them (dare.md §6); readers also accept the JOSE names.</summary>
public static class DareAlgorithms
{
    public const string Sha2 = "SHA2";
    public const string Sha3 = "SHA3";
    public const string Aes256Cbc = "A256CBC";

    /// <summary>Whether <paramref name="id"/> names SHA-2-512 (<c>SHA2</c>, or the JOSE-style <c>S512</c>).</summary>
    public static bool IsSha2(string? id) => id is Sha2 or "S512";
}
