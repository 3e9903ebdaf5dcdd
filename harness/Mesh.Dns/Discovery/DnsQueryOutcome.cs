using DnsClient;
using DnsClient.Protocol;

namespace Mesh.Dns.Discovery;

/// <summary>
/// One DnsClient query reduced to what discovery decides on: records, NODATA, NXDOMAIN, or a failure with
/// a sentence saying what went wrong. Turns DnsClient's exceptions and RCODEs into one shape.
/// </summary>
internal sealed record DnsQueryOutcome(
    string Name,
    QueryType Type,
    DnsQueryOutcome.Kinds Kind,
    IReadOnlyList<DnsResourceRecord> Records,
    DiscoveryFailure? Failure = null,
    string? FailureText = null,
    Exception? Exception = null)
{
    public enum Kinds { Records, NoData, NxDomain, Failed }

    public bool Failed => Kind == Kinds.Failed;

    /// <summary>Short words for a report: "NXDOMAIN", "no SRV records", "3 records".</summary>
    public string Summary => Kind switch
    {
        Kinds.NxDomain => "NXDOMAIN",
        Kinds.NoData => $"no {Type} records",
        Kinds.Records => $"{Records.Count} {Type} record(s)",
        _ => FailureText ?? "failed",
    };

    public DiscoveryException ToException() =>
        new(Name, Type.ToString(), Failure ?? DiscoveryFailure.Transport, $"{Type} query for {Name} failed: {FailureText}", Exception);

    public static async Task<DnsQueryOutcome> RunAsync(IDnsQuery resolver, string name, QueryType type, CancellationToken cancellationToken)
    {
        IDnsQueryResponse response;
        try
        {
            response = await resolver.QueryAsync(name, type, QueryClass.IN, cancellationToken).ConfigureAwait(false);
        }
        catch (DnsResponseException e) when (!cancellationToken.IsCancellationRequested)
        {
            var timedOut = e.Code == DnsResponseCode.ConnectionTimeout || e.InnerException is TimeoutException or OperationCanceledException;
            return timedOut
                ? Fail(name, type, DiscoveryFailure.Timeout, $"timed out: no answer from {Server(resolver)}{Within(resolver)}", e)
                : Fail(name, type, DiscoveryFailure.Transport, $"{e.Message} ({Server(resolver)})", e);
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException)
        {
            return Fail(name, type, DiscoveryFailure.Transport, $"{e.Message} ({Server(resolver)})", e);
        }

        var code = response.Header.ResponseCode;
        switch (code)
        {
            case DnsHeaderResponseCode.NoError:
                var records = response.Answers.Where(r => r.RecordType == (ResourceRecordType)type).ToArray();
                return new(name, type, records.Length == 0 ? Kinds.NoData : Kinds.Records, records);
            case DnsHeaderResponseCode.NotExistentDomain:
                return new(name, type, Kinds.NxDomain, []);
            case DnsHeaderResponseCode.ServerFailure:
                return Fail(name, type, DiscoveryFailure.ServerFailure,
                    $"{Server(resolver)} answered SERVFAIL (RCODE 2), so whether the records exist is unknown");
            case DnsHeaderResponseCode.Refused:
                return Fail(name, type, DiscoveryFailure.Refused,
                    $"{Server(resolver)} answered REFUSED (RCODE 5): it will not answer for this name");
            default:
                return Fail(name, type, DiscoveryFailure.ErrorResponse,
                    $"{Server(resolver)} answered {code} (RCODE {(int)code})");
        }
    }

    static DnsQueryOutcome Fail(string name, QueryType type, DiscoveryFailure failure, string text, Exception? e = null) =>
        new(name, type, Kinds.Failed, [], failure, text, e);

    static string Server(IDnsQuery resolver) =>
        resolver is ILookupClient { NameServers.Count: > 0 } client
            ? "DNS server " + string.Join(", ", client.NameServers.Select(s => $"{s.Address}:{s.Port}"))
            : "the DNS server";

    static string Within(IDnsQuery resolver) =>
        resolver is ILookupClient client
            ? $" within {client.Settings.Timeout.TotalMilliseconds:0} ms per try, {client.Settings.Retries + 1} tries"
            : "";
}
