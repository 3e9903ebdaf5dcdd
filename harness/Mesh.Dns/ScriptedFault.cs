namespace Mesh.Dns;

/// <summary>
/// A <see cref="DnsFault"/> bound to a name and, when <see cref="Type"/> is set, to one query type;
/// <see cref="Delay"/> only matters for <see cref="DnsFault.Delay"/>.
/// </summary>
public sealed record ScriptedFault(string Name, DnsFault Fault, ZoneRecordType? Type = null, TimeSpan Delay = default)
{
    /// <summary>The fault in the zone-file form <see cref="DnsZone.Parse"/> reads.</summary>
    public override string ToString() =>
        $"{Name}. FAULT {FaultWord(Fault)}{(Fault == DnsFault.Delay ? " " + (int)Delay.TotalMilliseconds : "")}{(Type is { } t ? " " + t : "")}";

    internal static string FaultWord(DnsFault fault) => fault switch
    {
        DnsFault.Timeout => "TIMEOUT",
        DnsFault.ServFail => "SERVFAIL",
        DnsFault.Refused => "REFUSED",
        DnsFault.Truncated => "TRUNCATED",
        DnsFault.Delay => "DELAY",
        _ => throw new ArgumentOutOfRangeException(nameof(fault)),
    };
}
