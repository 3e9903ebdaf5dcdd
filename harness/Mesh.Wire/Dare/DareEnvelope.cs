using Mesh.Wire.Json;
using Mesh.Wire.Model;
using Mesh.Wire.Text;

namespace Mesh.Wire.Dare;

/// <summary>
/// A DARE envelope as the protocol carries it: <c>[header, payload, trailer]</c>, the trailer omitted
/// when absent (docs/reference-behaviour.md §D1). <see cref="Payload"/> holds the bytes as carried — plaintext, or the
/// ciphertext of an encrypted envelope — and is never re-encoded: digests and signatures cover it.
/// </summary>
public sealed class DareEnvelope
{
    public DareHeader Header { get; init; } = new();
    public byte[] Payload { get; init; } = [];
    public DareTrailer? Trailer { get; init; }

    /// <summary>Writes the JSON array form; the payload's wrap column follows the last member name written.</summary>
    public void Write(IWireWriter writer)
    {
        writer.BeginArray();
        WireSerializer.WriteRecord(writer, Header);
        writer.WriteBinary(Payload);
        if (Trailer is not null) WireSerializer.WriteRecord(writer, Trailer);
        writer.EndArray();
    }

    /// <summary>Encodes as a standalone tagged value <c>{"DareEnvelope": [...]}</c>; JSON-C with its <paramref name="dictionary"/>.</summary>
    public byte[] Encode(WireEncoding encoding = WireEncoding.Json, BinaryLayout layout = BinaryLayout.ReferenceWrapped, IReadOnlyList<string>? dictionary = null)
    {
        var writer = WireSerializer.CreateWriter(encoding, layout, dictionary);
        writer.BeginObject();
        writer.Member(nameof(DareEnvelope));
        Write(writer);
        writer.EndObject();
        return writer.ToArray();
    }

    /// <summary>Encodes just the array form, as an HTTP body in DARE encapsulation (docs/encapsulation.md).</summary>
    public byte[] EncodeArray(WireEncoding encoding = WireEncoding.Json, BinaryLayout layout = BinaryLayout.ReferenceWrapped)
    {
        var writer = WireSerializer.CreateWriter(encoding, layout);
        Write(writer);
        return writer.ToArray();
    }

    /// <summary>Reads the array form, or the tagged <c>{"DareEnvelope": [...]}</c> form; JSON-C with its <paramref name="dictionary"/>.</summary>
    public static DareEnvelope Decode(ReadOnlySpan<byte> data, IReadOnlyList<string>? dictionary = null)
    {
        var node = WireReader.Parse(data, dictionary);
        if (node is WireObject { Members.Count: 1 } tagged && tagged.Members[0].Key == nameof(DareEnvelope))
            node = tagged.Members[0].Value;
        return Bind(node, "$");
    }

    /// <summary>Whether a message body is a DARE envelope, a JSON array, rather than a bare message, an object (docs/encapsulation.md).</summary>
    public static bool IsEnvelopeBody(ReadOnlySpan<byte> body) => body.TrimStart(" \t\r\n"u8) is [(byte)'[', ..];

    public static DareEnvelope Bind(WireNode node, string path) => Bind(node, WirePath.Of(path));

    public static DareEnvelope Bind(WireNode node, WirePath path)
    {
        if (node is not WireArray { Items.Count: 2 or 3 } array)
            throw new WireFormatException($"Envelope at {path} must be an array [header, payload, trailer?]", node.Offset);
        var payload = array.Items[1] switch
        {
            WireBytes bytes => bytes.Value,
            WireString s when Base64Url.IsBinaryText(s.Value) => Base64Url.Decode(s.Value),
            var other => throw new WireFormatException($"Envelope payload at {path}[1] must be base64url, found {other.Kind}", other.Offset),
        };
        return new DareEnvelope
        {
            Header = (DareHeader)WireSerializer.BindRecord(array.Items[0], typeof(DareHeader), path.Item(0)),
            Payload = payload,
            Trailer = array.Items.Count == 3
                ? (DareTrailer)WireSerializer.BindRecord(array.Items[2], typeof(DareTrailer), path.Item(2))
                : null,
        };
    }
}
