using System.Collections;
using Mesh.Wire.Dare;

namespace Mesh.Wire.Model;

/// <summary>Visits every record nested in a record (through lists, tagged values and envelope headers), with its path.</summary>
public static class WireWalker
{
    public static IEnumerable<(string Path, WireRecord Record)> Descendants(WireRecord root, string path = "$")
    {
        yield return (path, root);
        foreach (var member in WireSchema.MembersOf(root.GetType()))
        {
            foreach (var found in Visit(member.Get(root), $"{path}.{member.Name}"))
                yield return found;
        }
    }

    static IEnumerable<(string, WireRecord)> Visit(object? value, string path)
    {
        switch (value)
        {
            case WireRecord record:
                foreach (var found in Descendants(record, path)) yield return found;
                break;
            case DareEnvelope envelope:
                foreach (var found in Descendants(envelope.Header, path + "[0]")) yield return found;
                if (envelope.Trailer is not null)
                    foreach (var found in Descendants(envelope.Trailer, path + "[2]")) yield return found;
                break;
            case IList list when value is not byte[]:
                for (var i = 0; i < list.Count; i++)
                    foreach (var found in Visit(list[i], $"{path}[{i}]")) yield return found;
                break;
        }
    }

    /// <summary>Every envelope nested in a record, with its path.</summary>
    public static IEnumerable<(string Path, DareEnvelope Envelope)> Envelopes(WireRecord root, string path = "$")
    {
        foreach (var member in WireSchema.MembersOf(root.GetType()))
        {
            foreach (var found in EnvelopesIn(member.Get(root), $"{path}.{member.Name}"))
                yield return found;
        }
    }

    static IEnumerable<(string, DareEnvelope)> EnvelopesIn(object? value, string path)
    {
        switch (value)
        {
            case DareEnvelope envelope:
                yield return (path, envelope);
                break;
            case WireRecord record:
                foreach (var found in Envelopes(record, path)) yield return found;
                break;
            case IList list when value is not byte[]:
                for (var i = 0; i < list.Count; i++)
                    foreach (var found in EnvelopesIn(list[i], $"{path}[{i}]")) yield return found;
                break;
        }
    }
}
