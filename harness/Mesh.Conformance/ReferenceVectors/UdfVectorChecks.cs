using System.Text;
using System.Text.RegularExpressions;
using Mesh.Wire.Crypto;
using Mesh.Wire.Fingerprints;

namespace Mesh.Conformance.ReferenceVectors;

/// <summary>
/// The UDF examples (docs/reference-behaviour.md, part U): content digests with their intermediate values at every precision, the
/// compressed cases, encryption-key, nonce and share UDFs, and keys derived from seed UDFs. Inputs are
/// read from the files themselves, so a regeneration with other values is checked the same way.
/// </summary>
public static partial class UdfVectorChecks
{
    public static void Run(VectorSet set, CheckLog log)
    {
        set.With("UDFDigestLong.md", example => DigestLong(example, log), log);
        set.With("UDFEncrypt.md", example => EncryptionKey(example, log), log);
        set.With("UDFDeriveCFRG.md", example => Derivations(example, log), log);
        set.With("UDFNonce.md", example => Shape(example, log, "Nonce UDF", 'N', UdfType.Nonce), log);
        set.With("UDFShare.md", example => Shares(example, log), log);
    }

    static void DigestLong(MarkdownExample example, CheckLog log)
    {
        var file = example.Name;
        var contentType = Quoted(example.Text, @"&<Content-ID> is the UTF8 encoding of the string\s*""([^""]*)""");
        var data = Quoted(example.Text, @"&<Data> is the UTF8 encoding of the string\s*""([^""]*)""");
        var dataBytes = Encoding.UTF8.GetBytes(data);
        var sections = example.Text.Split("###Using ");
        foreach (var (section, digest) in new[] { ("SHA-2-512 Digest\n", UdfDigest.Sha2_512), ("SHA-3-512 Digest\n", UdfDigest.Sha3_512) })
        {
            var text = sections.FirstOrDefault(s => s.StartsWith(section, StringComparison.Ordinal));
            if (text is null) { log.Claim(file, $"{digest} section present", false, "section not found"); continue; }
            var name = digest == UdfDigest.Sha2_512 ? "SHA-2-512" : "SHA-3-512";
            var inner = Udf.Hash(digest, dataBytes);
            var block = MarkdownExample.FromText(file, text).Blocks.First(b => b.Contains("H(&<Data>)"));
            log.Equal(file, $"{name} H(Data) of '{data}'", MarkdownExample.HexAfter(block, "H(&<Data>) =") ?? [], inner);
            var binary = Udf.ContentDigestBinary(dataBytes, contentType, digest);
            log.Equal(file, $"{name} H(content-type ':' H(Data))",
                MarkdownExample.HexAfter(block, "H(&<Content-ID> + ‘:’ + H(&<Data>)) =") ?? [], binary[1..]);
            var prefix = MarkdownExample.HexAfter(block, "The prefixed Binary Data Sequence is thus") ?? [];
            log.Equal(file, $"{name} prefixed binary (type {binary[0]}) = first {prefix.Length} bytes", prefix, binary[..prefix.Length]);
            var presented = Match(text, @"fingerprint value is (\S+)");
            log.Equal(file, $"{name} UDF('{data}', '{contentType}') at 140 bits", presented, Udf.Present(binary));
            foreach (Match precision in PrecisionRow().Matches(text))
            {
                var bits = int.Parse(precision.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                log.Equal(file, $"{name} at {bits}-bit precision", precision.Groups[2].Value, Udf.Present(binary, bits));
            }
        }
        foreach (Match compressed in CompressedCase().Matches(example.Text))
        {
            var document = compressed.Groups[1].Value;
            var digest = compressed.Groups[2].Value == "SHA-2-512" ? UdfDigest.Sha2_512 : UdfDigest.Sha3_512;
            var expected = compressed.Groups[3].Value;
            var binary = Udf.ContentDigestBinary(Encoding.UTF8.GetBytes(document), contentType, digest);
            var baseType = digest == UdfDigest.Sha2_512 ? 0x60 : 0x50;
            log.Claim(file, $"compressed {compressed.Groups[2].Value} '{document}': ≥20 trailing zero bits, type {baseType + 1}, body not shortened",
                binary[0] == baseType + 1 && binary.Length == 65, $"type byte {binary[0]}");
            log.Equal(file, $"compressed {compressed.Groups[2].Value} '{document}' UDF", expected, Udf.Present(binary));
        }
    }

    static void EncryptionKey(MarkdownExample example, CheckLog log)
    {
        var block = example.Blocks.First(b => b.Contains("KeyValue:"));
        var key = MarkdownExample.HexAfter(block, "KeyValue:") ?? throw new FormatException("no KeyValue octets");
        var expected = Match(block, @"UDF:\s*(\S+)");
        log.Equal(example.Name, "type 32 + key bytes, Base32 over the whole length, 4-character groups", expected, Udf.EncryptionKey(key));
    }

    static void Derivations(MarkdownExample example, CheckLog log)
    {
        foreach (var block in example.Blocks.Where(b => b.Contains("Fingerprint =")))
        {
            var fingerprint = Match(block, @"Fingerprint =\s+(\S+)");
            var algorithm = KeyDerivation.Algorithm(fingerprint);
            var raw = Udf.Parse(fingerprint);
            log.Claim(example.Name, $"{fingerprint}: type byte 0xC8, specifier {algorithm}", raw[0] == 0xC8, $"type byte 0x{raw[0]:X2}");
            if (!Enum.TryParse<Curve>(algorithm.ToString(), out var curve))
            {
                log.Claim(example.Name, $"{fingerprint}: specifier names a CFRG curve", false, $"specifier {algorithm}");
                continue;
            }
            var (prk, ikm) = KeyDerivation.Extract(fingerprint);
            if (MarkdownExample.HexAfter(block, "IKM =") is { } givenIkm) log.Equal(example.Name, $"{fingerprint}: IKM = UDF bytes after the type", givenIkm, ikm);
            if (MarkdownExample.HexAfter(block, "salt =") is { } salt) log.Equal(example.Name, $"{fingerprint}: salt = the specifier", salt, ikm[..2]);
            if (MarkdownExample.HexAfter(block, "PRK =") is { } givenPrk) log.Equal(example.Name, $"{fingerprint}: PRK = HMAC-SHA-512(salt, IKM)", givenPrk, prk);
            var derived = KeyDerivation.DerivePrivateKey(fingerprint, curve);
            if (MarkdownExample.HexAfter(block, "OKM =") is { } okm) log.Equal(example.Name, $"{fingerprint}: OKM = HKDF-Expand(PRK, '', {okm.Length})", okm, derived);
            var key = MarkdownExample.HexAfter(block, "Key =") ?? throw new FormatException($"no Key octets for {fingerprint}");
            log.Equal(example.Name, $"{fingerprint}: derived {curve} private key", key, derived);
            log.Guard(example.Name, $"{fingerprint}: derived key is usable", () =>
            {
                var pair = KeyPair.FromPrivateKey(curve, derived);
                if (curve.IsSignature())
                    log.Claim(example.Name, $"{fingerprint}: derived {curve} key signs and verifies",
                        Signatures.Verify(curve, pair.PublicKey, ikm, pair.Sign(ikm)));
            });
        }
    }

    static void Shares(MarkdownExample example, CheckLog log)
    {
        foreach (Match share in ShareRow().Matches(example.Text))
        {
            var raw = Udf.Parse(share.Groups[2].Value);
            log.Claim(example.Name, $"share {share.Groups[1].Value} {share.Groups[2].Value}: type 144, Base32 of the whole value",
                raw.Length > 1 && raw[0] == (byte)UdfType.Share && Udf.Share(raw[1..]) == share.Groups[2].Value,
                $"type byte {raw.FirstOrDefault()}");
        }
    }

    static void Shape(MarkdownExample example, CheckLog log, string label, char letter, UdfType type)
    {
        var value = Match(example.Text, label + @":\s*(\S+)");
        var raw = Udf.Parse(value);
        log.Claim(example.Name, $"{label} {value}: type {(byte)type} ('{letter}'), 140-bit presentation",
            raw[0] == (byte)type && value.Replace("-", "").Length == 28, $"type byte {raw[0]}, {value.Replace("-", "").Length} characters");
    }

    static string Match(string text, string pattern) =>
        Regex.Match(text, pattern) is { Success: true } m ? m.Groups[1].Value : throw new FormatException($"pattern /{pattern}/ not found");

    static string Quoted(string text, string pattern) => Match(text, pattern);

    [GeneratedRegex(@"<dt>(\d+) bit precision\n<dd>(\S+)")]
    private static partial Regex PrecisionRow();

    [GeneratedRegex(@"""(UDF Compressed Document \d+)"" produces a UDF Content Digest (SHA-[23]-512).*?(?:fingerprint value is|Content Digest is)\s*([A-Z2-7]{4}(?:-[A-Z2-7]{1,4})+)", RegexOptions.Singleline)]
    private static partial Regex CompressedCase();

    [GeneratedRegex(@"Share (\d+):\s*(\S+)")]
    private static partial Regex ShareRow();
}
