using System.Net;

namespace Mesh.Dns;

/// <summary>
/// A zone declared in code or read from a zone file (<see cref="Parse"/>, <see cref="Load"/>): records,
/// names that answer NXDOMAIN, and scripted faults. Every member is thread-safe, so a test may change
/// the zone while <see cref="MockDnsServer"/> serves it.
/// </summary>
/// <remarks>
/// Answers follow what an authoritative server says (RFC 1034 §4.3.2, RFC 2308): a name with records
/// but none of the asked type is NODATA; a name with no records but names below it is an empty
/// non-terminal, also NODATA (RFC 8020 §2); anything else is NXDOMAIN. A CNAME is followed within the zone.
/// </remarks>
public sealed class DnsZone
{
    /// <summary>The Mesh service label prefixed to a domain for SRV and TXT discovery.</summary>
    public const string MeshServiceLabel = "_mmm._tcp";

    // Longest CNAME chain followed before the answer stops; a loop in a test zone must not hang the server.
    const int MaxCNameChain = 8;

    readonly object _gate = new();
    readonly List<ZoneRecord> _records = [];
    readonly HashSet<string> _nxDomains = [];
    readonly Dictionary<(string Name, ZoneRecordType? Type), ScriptedFault> _faults = [];

    /// <summary><c>_mmm._tcp.&lt;domain&gt;</c>, the owner of the Mesh SRV and TXT records of a domain.</summary>
    public static string MeshServiceName(string domain) => MeshServiceLabel + "." + DnsName.Normalize(domain);

    /// <summary>Every record, in the order added.</summary>
    public IReadOnlyList<ZoneRecord> Records
    {
        get { lock (_gate) return _records.ToArray(); }
    }

    /// <summary>Every name declared NXDOMAIN.</summary>
    public IReadOnlyCollection<string> NxDomainNames
    {
        get { lock (_gate) return _nxDomains.ToArray(); }
    }

    /// <summary>Every scripted fault.</summary>
    public IReadOnlyCollection<ScriptedFault> Faults
    {
        get { lock (_gate) return _faults.Values.ToArray(); }
    }

    /// <summary>Adds a record.</summary>
    public DnsZone Add(ZoneRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate) _records.Add(record);
        return this;
    }

    /// <summary>Adds an SRV record at <paramref name="name"/>.</summary>
    public DnsZone AddSrv(string name, ushort priority, ushort weight, ushort port, string target, int ttl = ZoneRecord.DefaultTtl) =>
        Add(new SrvZoneRecord(name, priority, weight, port, target, ttl));

    /// <summary>Adds an SRV record at <c>_mmm._tcp.&lt;domain&gt;</c>.</summary>
    public DnsZone AddMeshSrv(string domain, ushort priority, ushort weight, ushort port, string target) =>
        AddSrv(MeshServiceName(domain), priority, weight, port, target);

    /// <summary>Adds one TXT record holding <paramref name="strings"/>.</summary>
    public DnsZone AddTxt(string name, params string[] strings) => Add(new TxtZoneRecord(name, strings));

    /// <summary>Adds one TXT record at <c>_mmm._tcp.&lt;domain&gt;</c>.</summary>
    public DnsZone AddMeshTxt(string domain, params string[] strings) => AddTxt(MeshServiceName(domain), strings);

    /// <summary>Adds an A record.</summary>
    public DnsZone AddA(string name, string address) => AddA(name, IPAddress.Parse(address));

    /// <summary>Adds an A record.</summary>
    public DnsZone AddA(string name, IPAddress address)
    {
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
            throw new ArgumentException($"{address} is not an IPv4 address.", nameof(address));
        return Add(new AddressZoneRecord(name, address));
    }

    /// <summary>Adds an AAAA record.</summary>
    public DnsZone AddAaaa(string name, string address) => AddAaaa(name, IPAddress.Parse(address));

    /// <summary>Adds an AAAA record.</summary>
    public DnsZone AddAaaa(string name, IPAddress address)
    {
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
            throw new ArgumentException($"{address} is not an IPv6 address.", nameof(address));
        return Add(new AddressZoneRecord(name, address));
    }

    /// <summary>Adds a CNAME record.</summary>
    public DnsZone AddCName(string name, string target) => Add(new CNameZoneRecord(name, target));

    /// <summary>Makes <paramref name="name"/> and every name below it answer NXDOMAIN, whatever records they hold.</summary>
    public DnsZone AddNxDomain(string name)
    {
        var normalized = DnsName.Normalize(name);
        lock (_gate) _nxDomains.Add(normalized);
        return this;
    }

    /// <summary>
    /// Scripts a fault for <paramref name="name"/>: for one query <paramref name="type"/>, or for every type when null.
    /// A fault for the exact type wins over one for every type; a later fault for the same key replaces the earlier.
    /// </summary>
    public DnsZone AddFault(string name, DnsFault fault, ZoneRecordType? type = null)
    {
        if (fault == DnsFault.Delay) throw new ArgumentException("Use AddDelay for DnsFault.Delay.", nameof(fault));
        return Script(new ScriptedFault(DnsName.Normalize(name), fault, type));
    }

    /// <summary>Scripts an answer for <paramref name="name"/> that comes only after <paramref name="delay"/>.</summary>
    public DnsZone AddDelay(string name, TimeSpan delay, ZoneRecordType? type = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return Script(new ScriptedFault(DnsName.Normalize(name), DnsFault.Delay, type, delay));
    }

    /// <summary>Removes the faults scripted for <paramref name="name"/> (every type).</summary>
    public DnsZone ClearFaults(string name)
    {
        var normalized = DnsName.Normalize(name);
        lock (_gate)
        {
            foreach (var key in _faults.Keys.Where(k => k.Name == normalized).ToArray()) _faults.Remove(key);
        }
        return this;
    }

    DnsZone Script(ScriptedFault fault)
    {
        lock (_gate) _faults[(fault.Name, fault.Type)] = fault;
        return this;
    }

    /// <summary>
    /// The fault scripted for a question, if any. <paramref name="type"/> is null for a query type the zone
    /// cannot hold (MX, ANY, …); only a fault for every type applies to such a query.
    /// </summary>
    public ScriptedFault? FaultFor(string name, ZoneRecordType? type)
    {
        var normalized = DnsName.Normalize(name);
        lock (_gate)
        {
            if (type is not null && _faults.TryGetValue((normalized, type), out var exact)) return exact;
            return _faults.GetValueOrDefault((normalized, null));
        }
    }

    /// <summary>
    /// Answers a question as the authoritative server does. <paramref name="type"/> is null for a query type
    /// the zone cannot hold: such a question gets NODATA for an existing name, NXDOMAIN otherwise.
    /// </summary>
    public ZoneLookupResult Lookup(string name, ZoneRecordType? type)
    {
        var normalized = DnsName.Normalize(name);
        lock (_gate)
        {
            var answer = new List<ZoneRecord>();
            var seen = new HashSet<string>();
            var current = normalized;
            for (var hop = 0; hop <= MaxCNameChain && seen.Add(current); hop++)
            {
                if (IsNxDomain(current)) return hop == 0 ? ZoneLookupResult.NxDomain : new(ZoneAnswerKind.Answer, answer);

                var owned = _records.Where(r => r.Name == current).ToList();
                if (owned.Count == 0)
                {
                    // RFC 1034 §4.3.2: a chain that leaves the zone ends with what was found so far.
                    if (hop > 0) return new(ZoneAnswerKind.Answer, answer);
                    return _records.Any(r => DnsName.IsAtOrBelow(r.Name, current))
                        ? ZoneLookupResult.NoData
                        : ZoneLookupResult.NxDomain;
                }

                var cname = owned.OfType<CNameZoneRecord>().FirstOrDefault();
                if (cname is not null && type != ZoneRecordType.CNAME)
                {
                    answer.Add(cname);
                    current = cname.Target;
                    continue;
                }

                answer.AddRange(owned.Where(r => r.Type == type));
                return answer.Count == 0 ? ZoneLookupResult.NoData : new(ZoneAnswerKind.Answer, answer);
            }
            return new(ZoneAnswerKind.Answer, answer);
        }
    }

    bool IsNxDomain(string name) => _nxDomains.Any(nx => DnsName.IsAtOrBelow(name, nx));

    /// <summary>A copy that later changes to either zone do not affect.</summary>
    public DnsZone Clone()
    {
        var copy = new DnsZone();
        lock (_gate)
        {
            copy._records.AddRange(_records);
            copy._nxDomains.UnionWith(_nxDomains);
            foreach (var (key, fault) in _faults) copy._faults[key] = fault;
        }
        return copy;
    }

    /// <summary>Reads a zone in the format <see cref="ZoneFileParser"/> describes.</summary>
    /// <exception cref="ZoneFileFormatException">A line is malformed; the message names the line.</exception>
    public static DnsZone Parse(string text, string sourceName = "zone") => ZoneFileParser.Parse(text, sourceName);

    /// <summary>Reads a zone file from disk.</summary>
    /// <exception cref="ZoneFileFormatException">A line is malformed; the message names the file and line.</exception>
    public static DnsZone Load(string path) => ZoneFileParser.Parse(File.ReadAllText(path), path);

    /// <summary>The zone in zone-file form: <c>DnsZone.Parse(zone.ToString())</c> gives an equal zone.</summary>
    public override string ToString()
    {
        lock (_gate)
        {
            var lines = _records.Select(r => r.ToString())
                .Concat(_nxDomains.Order(StringComparer.Ordinal).Select(n => $"{n}. NXDOMAIN"))
                .Concat(_faults.Values.Select(f => f.ToString()));
            return string.Join('\n', lines) + "\n";
        }
    }
}
