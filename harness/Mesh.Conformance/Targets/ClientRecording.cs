using System.Text.Json;
using Mesh.Dns;
using Mesh.Hosting.Recording;

namespace Mesh.Conformance.Targets;

/// <summary>Where and how the recorded service was announced, for judging the client's discovery and Host header.</summary>
public sealed record RecordedSetting(string Domain, string HostName, int Port, bool Tls, string ServiceUri);

/// <summary>A DNS query the client made to the recording service's DNS server.</summary>
public sealed record RecordedQuery(string Name, string Type, string Transport);

/// <summary>
/// A <c>serve --record DIR</c> folder: <c>requests.jsonl</c> (every request), <c>setting.json</c> (the announced
/// service) and <c>dns.jsonl</c> (the DNS queries received), read back by <c>check-client</c>.
/// </summary>
public sealed record ClientRecording(RecordedSetting Setting, IReadOnlyList<RecordedRequest> Requests, IReadOnlyList<RecordedQuery> Queries)
{
    static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    public static void WriteSetting(string folder, EmbeddedService service)
    {
        Directory.CreateDirectory(folder);
        var setting = new RecordedSetting(service.Domain, service.HostName, service.Host.Port, service.Host.Certificate is not null, service.ServiceUri.ToString());
        File.WriteAllText(Path.Combine(folder, "setting.json"), JsonSerializer.Serialize(setting, Json));
    }

    public static void WriteDnsQueries(string folder, MockDnsServer dns) =>
        File.WriteAllLines(Path.Combine(folder, "dns.jsonl"),
            dns.Queries.All.Select(q => JsonSerializer.Serialize(new RecordedQuery(q.Name, q.Type.ToString(), q.Transport.ToString()))));

    public static ClientRecording Read(string folder)
    {
        var setting = Path.Combine(folder, "setting.json");
        if (!File.Exists(setting)) throw new FileNotFoundException($"{folder} is not a recording of serve --record (no setting.json)");
        var dns = Path.Combine(folder, "dns.jsonl");
        return new ClientRecording(
            JsonSerializer.Deserialize<RecordedSetting>(File.ReadAllText(setting), Json)!,
            RequestLog.Read(folder),
            File.Exists(dns) ? File.ReadLines(dns).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<RecordedQuery>(l)!).ToList() : []);
    }
}
