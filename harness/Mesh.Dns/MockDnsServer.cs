using System.Net;
using System.Net.Sockets;
using ARSoft.Tools.Net;
using ArDns = ARSoft.Tools.Net.Dns;

namespace Mesh.Dns;

/// <summary>
/// An authoritative DNS server on 127.0.0.1 for tests: serves a <see cref="DnsZone"/> over UDP and TCP on
/// the same free port, plays the zone's scripted faults and logs every question it receives.
/// </summary>
/// <remarks>
/// Built on ARSoft.Tools.Net's <c>DnsServer</c>, which handles each query on the thread pool, so a delayed or
/// never-answered question does not hold up the others (except later questions on the same TCP connection,
/// which ARSoft reads one after the other).
/// </remarks>
public sealed class MockDnsServer : IAsyncDisposable, IDisposable
{
    // How often to pick another port when the one picked turns out taken for UDP or TCP.
    const int BindAttempts = 20;

    // ARSoft's read/write timeout per connection, and how long an idle TCP connection stays open for
    // further queries (RFC 7766 §6.2.3 suggests seconds); disposal closes them anyway.
    const int TransportTimeoutMs = 5000;
    const int TcpKeepAliveMs = 10000;

    readonly ArDns.DnsServer _server;
    readonly ArDns.IServerTransport[] _transports;
    readonly CancellationTokenSource _stopping = new();
    DnsZone _zone;
    int _disposed;

    MockDnsServer(ArDns.DnsServer server, ArDns.IServerTransport[] transports, IPEndPoint endPoint, DnsZone zone)
    {
        _server = server;
        _transports = transports;
        EndPoint = endPoint;
        _zone = zone;
    }

    /// <summary>Where the server listens, for UDP and TCP alike.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>The questions received so far.</summary>
    public QueryLog Queries { get; } = new();

    /// <summary>The zone served; setting it swaps zones atomically between two queries.</summary>
    public DnsZone Zone
    {
        get => Volatile.Read(ref _zone);
        set => Volatile.Write(ref _zone, value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>Starts a server for <paramref name="zone"/> (an empty zone when null) on <paramref name="port"/>, or on a free loopback port when 0.</summary>
    /// <exception cref="SocketException">The port, or no port free for both UDP and TCP, could be bound.</exception>
    public static MockDnsServer Start(DnsZone? zone = null, int port = 0)
    {
        SocketException? last = null;
        for (var attempt = 0; attempt < (port == 0 ? BindAttempts : 1); attempt++)
        {
            var endPoint = new IPEndPoint(IPAddress.Loopback, port == 0 ? CandidatePort() : port);
            var udp = new ArDns.UdpServerTransport(endPoint, TransportTimeoutMs);
            var tcp = new ArDns.TcpServerTransport(endPoint, TransportTimeoutMs, TcpKeepAliveMs);
            var server = new ArDns.DnsServer(udp, tcp);
            var mock = new MockDnsServer(server, [udp, tcp], endPoint, zone ?? new DnsZone());
            server.QueryReceived += mock.OnQueryReceivedAsync;
            try
            {
                server.Start();
                return mock;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                // The UDP port was free when probed but TCP's is taken (or someone was faster): try another.
                last = e;
                udp.Dispose();
                tcp.Dispose();
            }
        }
        throw last!;
    }

    /// <summary>Counts queries received for <paramref name="name"/>; shorthand for <see cref="Queries"/>.<see cref="QueryLog.Count(string, ZoneRecordType?, DnsTransport?)"/>.</summary>
    public int CountQueries(string name, ZoneRecordType? type = null, DnsTransport? transport = null) =>
        Queries.Count(name, type, transport);

    // An ephemeral UDP port the system just handed out; TCP on the same number is tried by Start.
    static int CandidatePort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    async Task OnQueryReceivedAsync(object sender, ArDns.QueryReceivedEventArgs e)
    {
        if (e.Query is not ArDns.DnsMessage query) return; // ARSoft then answers SERVFAIL; only plain queries are expected.

        var transport = e.TransportProtocol == ArDns.TransportProtocol.Udp ? DnsTransport.Udp : DnsTransport.Tcp;
        if (query.Questions.Count != 1)
        {
            // RFC 9619: a query has exactly one question.
            e.Response = ZoneResponder.Empty(query, ArDns.ReturnCode.FormatError);
            return;
        }

        var question = query.Questions[0];
        var name = QuestionName(question.Name);
        var type = ZoneResponder.ZoneType(question.RecordType);
        Queries.Record(new ReceivedQuery(name ?? question.Name.ToString(), ZoneResponder.TypeWord(question.RecordType), transport));
        if (name is null || name == DnsName.Root)
        {
            // Nothing of ours lives at the root or under a name our spelling rejects.
            e.Response = ZoneResponder.Empty(query, ArDns.ReturnCode.NxDomain);
            return;
        }

        var zone = Zone;
        var fault = zone.FaultFor(name, type);
        switch (fault?.Fault)
        {
            case DnsFault.Timeout:
                // Hold the question until the server stops: the client sees no answer at all.
                // (ContinueWith absorbs the cancellation that Dispose brings, without an exception.)
                await Task.Delay(Timeout.Infinite, _stopping.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            case DnsFault.ServFail:
                e.Response = ZoneResponder.Empty(query, ArDns.ReturnCode.ServerFailure);
                return;
            case DnsFault.Refused:
                e.Response = ZoneResponder.Empty(query, ArDns.ReturnCode.Refused);
                return;
            case DnsFault.Truncated when transport == DnsTransport.Udp:
                // RFC 2181 §9: TC set means the answer did not fit; the client must ask again over TCP.
                var truncated = ZoneResponder.Empty(query, ArDns.ReturnCode.NoError);
                truncated.IsTruncated = true;
                e.Response = truncated;
                return;
            case DnsFault.Delay:
                await Task.Delay(fault.Delay, _stopping.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                break;
        }

        e.Response = ZoneResponder.Answer(query, question, name, zone);
    }

    static string? QuestionName(DomainName name)
    {
        try
        {
            return DnsName.Normalize(name.ToString());
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Stops listening and releases any question held by <see cref="DnsFault.Timeout"/> or <see cref="DnsFault.Delay"/>.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _stopping.Cancel();
        try
        {
            _server.Stop();
        }
        catch (AggregateException e) when (e.InnerExceptions.All(i => i is OperationCanceledException))
        {
            // ARSoft's Stop cancels, then waits for, the Task.Run that starts each accept loop; a server
            // disposed right after Start finds that task cancelled before it ran, and Stop throws before
            // closing the sockets. Nothing was listening yet; the sockets are closed below.
        }
        foreach (var transport in _transports)
        {
            transport.Close();
            (transport as IDisposable)?.Dispose();
        }
        // _stopping is not disposed: a late query may still read its token, and it holds no timer.
    }

    /// <inheritdoc cref="Dispose"/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
