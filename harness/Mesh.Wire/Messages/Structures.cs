using Mesh.Wire.Dare;
using Mesh.Wire.Model;

namespace Mesh.Wire.Messages;

/// <summary>Retrieval key and value to match (docs/wire.md; also ContentMeta key values).</summary>
public sealed class KeyValue : WireRecord
{
    [Wire] public string? Key { get; set; }
    [Wire] public string? Value { get; set; }
}

/// <summary>Selects entries of one container (docs/wire.md); IndexMin and IndexMax are inclusive.</summary>
public sealed class ConstraintsSelect : WireRecord
{
    [Wire] public string? Container { get; set; }
    [Wire] public int? IndexMin { get; set; }
    [Wire] public int? IndexMax { get; set; }
    [Wire] public DateTime? NotBefore { get; set; }
    [Wire] public DateTime? Before { get; set; }
    [Wire] public string? PageKey { get; set; }
}

/// <summary>Limits on data returned or sent (docs/wire.md).</summary>
public sealed class ConstraintsData : WireRecord
{
    [Wire] public int? MaxEntries { get; set; }
    [Wire] public int? BytesOffset { get; set; }
    [Wire] public int? BytesMax { get; set; }
    [Wire] public bool? Header { get; set; }
    [Wire] public bool? Payload { get; set; }
    [Wire] public bool? Trailer { get; set; }
}

/// <summary>Account-name policy advertised in Hello.</summary>
public sealed class PolicyAccount : WireRecord
{
    [Wire] public int? Minimum { get; set; }
    [Wire] public int? Maximum { get; set; }
    [Wire] public string? InvalidCharacters { get; set; }
}

/// <summary>A container's name, entry count (its next index) and apex digest (docs/service.md).</summary>
public class ContainerStatus : WireRecord
{
    [Wire] public string? Container { get; set; }
    [Wire] public int? Index { get; set; }
    [Wire] public byte[]? Digest { get; set; }
}

/// <summary>Entries of one container, sent by Upload or returned by Download.</summary>
public sealed class ContainerUpdate : ContainerStatus
{
    [Wire] public List<DareEnvelope>? Envelopes { get; set; }
}

/// <summary>The outcome for one uploaded or posted entry: Accept, Reject or Conflict.</summary>
public sealed class EntryResponse : WireRecord
{
    [Wire] public int? IndexRequest { get; set; }
    [Wire] public int? IndexContainer { get; set; }
    [Wire] public string? Result { get; set; }
    [Wire] public ConstraintsData? ConstraintsData { get; set; }
}

/// <summary>A protocol version and the encodings it accepts (absent encodings: JSON only).</summary>
[WireTag("Version")]
public sealed class ProtocolVersion : WireRecord
{
    [Wire] public int? Major { get; set; }
    [Wire] public int? Minor { get; set; }
    [Wire] public List<ProtocolEncoding>? Encodings { get; set; }
    [Wire] public List<string>? URI { get; set; }
}

/// <summary>An encoding a service accepts: IANA media names and named JSON-C dictionaries.</summary>
[WireTag("Encoding")]
public sealed class ProtocolEncoding : WireRecord
{
    [Wire] public List<string>? ID { get; set; }
    [Wire] public List<string>? Dictionary { get; set; }
}
