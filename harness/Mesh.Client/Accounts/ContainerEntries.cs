using System.Security.Cryptography;
using System.Text;
using Mesh.Wire.Crypto;
using Mesh.Wire.Dare;
using Mesh.Wire.Messages;
using Mesh.Wire.Model;
using Mesh.Wire.Objects;

namespace Mesh.Client.Accounts;

/// <summary>Entries for Upload: envelopes keyed by ContentMeta.UniqueID (Event New) at a container index, plain or signed.</summary>
public static class ContainerEntries
{
    public static DareEnvelope Entry(byte[] payload, string key, int index, string @event = "New", KeyPair? signer = null)
    {
        var meta = new ContentMeta { UniqueID = key, Event = @event };
        var envelope = signer is null ? EnvelopeWriter.Plain(payload, meta) : EnvelopeWriter.Signed(payload, signer, meta);
        envelope.Header.ContainerInfo = new ContainerInfo { Index = index };
        return envelope;
    }

    /// <summary><paramref name="count"/> text entries "entry i of container", keyed "key-i", from index <paramref name="first"/>.</summary>
    public static ContainerUpdate TextEntries(string container, int first, int count) => new()
    {
        Container = container,
        Envelopes = Enumerable.Range(first, count)
            .Select(i => Entry(Encoding.UTF8.GetBytes($"entry {i} of {container}"), $"key-{i}", i)).ToList(),
    };

    /// <summary>
    /// <paramref name="count"/> entries from index <paramref name="first"/> as a device would upload them: in a catalog, a
    /// record of the catalog's type (draft §7: catalogs hold Cataloged… records) keyed by its primary key; in a spool or a
    /// container of no known catalog, an opaque text message.
    /// </summary>
    public static ContainerUpdate Entries(string container, int first, int count) => new()
    {
        Container = container,
        Envelopes = Enumerable.Range(first, count).Select(i =>
        {
            var (key, payload) = Content(container, $"{Kind(container)?.ToLowerInvariant() ?? "entry"}-{i}", $"entry {i} of {container}");
            return Entry(payload, key, i);
        }).ToList(),
    };

    /// <summary>The primary key and payload of an entry: a catalog's record for <paramref name="name"/>, or the text itself.</summary>
    public static (string Key, byte[] Payload) Content(string container, string name, string text)
    {
        CatalogedEntry? record = Kind(container) switch
        {
            "Device" => Device(name),
            "Contact" => new CatalogedContact { Self = false, Key = name },
            "Credential" => new CatalogedCredential { Protocol = "https", Service = $"{name}.example.net", Username = name },
            "Network" => new CatalogedNetwork { Protocol = "wpa2", Service = name },
            "Bookmark" => new CatalogedBookmark { Uri = $"https://example.net/{name}", Title = text, Path = "bookmarks" },
            "Calendar" => new CatalogedTask { Key = name, Title = text },
            "Application" => new CatalogedApplication { Key = name },
            _ => null,
        };
        if (record is null) return (name, Encoding.UTF8.GetBytes(text));
        return (record is CatalogedDevice device ? device.UDF! : name, WireSerializer.Encode(record, Wire.Json.WireEncoding.Json));
    }

    /// <summary>The catalog a container name stands for in either spelling (mmm_Contact, mmm/Contact), or null.</summary>
    static string? Kind(string container)
    {
        var name = container.StartsWith("mmm_", StringComparison.Ordinal) || container.StartsWith("mmm/", StringComparison.Ordinal) ? container[4..] : container;
        return name is "Device" or "Contact" or "Credential" or "Network" or "Bookmark" or "Calendar" or "Application" ? name : null;
    }

    /// <summary>A device entry of a device that exists only by name: its UDF is that of an Ed448 key derived from the name.</summary>
    static CatalogedDevice Device(string name)
    {
        var udf = KeyInfo.Udf(Curve.Ed448, SHA512.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, 57));
        return new CatalogedDevice { UDF = udf, DeviceUDF = udf };
    }
}
