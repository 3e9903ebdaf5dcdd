using Mesh.Wire.Dare;
using Mesh.Wire.Messages;

namespace Mesh.Client.Accounts;

/// <summary>Entries for Upload: plain envelopes keyed by ContentMeta.UniqueID (Event New) at a container index (protocol.md §2.3).</summary>
public static class ContainerEntries
{
    public static DareEnvelope Entry(byte[] payload, string key, int index, string @event = "New")
    {
        var envelope = EnvelopeWriter.Plain(payload, new ContentMeta { UniqueID = key, Event = @event });
        envelope.Header.ContainerInfo = new ContainerInfo { Index = index };
        return envelope;
    }

    /// <summary><paramref name="count"/> text entries "entry i of container", keyed "key-i", from index <paramref name="first"/>.</summary>
    public static ContainerUpdate TextEntries(string container, int first, int count) => new()
    {
        Container = container,
        Envelopes = Enumerable.Range(first, count)
            .Select(i => Entry(System.Text.Encoding.UTF8.GetBytes($"entry {i} of {container}"), $"key-{i}", i)).ToList(),
    };
}
