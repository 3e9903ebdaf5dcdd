using System.Net;
using DnsClient;
using Mesh.Client;
using Mesh.Dns;
using Mesh.Dns.Discovery;
using Mesh.Wire.Dare;
using Mesh.Wire.Json;
using Mesh.Wire.Messages;
using Mesh.Wire.Model;

namespace Mesh.Conformance.Simulation;

/// <summary>What the network does to the next request of one device: drawn by <see cref="FaultDice"/>.</summary>
public sealed record RequestFaults(bool DropRequest = false, bool DropResponse = false, bool Duplicate = false, int DelayMilliseconds = 0, int? CorruptSalt = null)
{
    public static RequestFaults None { get; } = new();
}

/// <summary>A request the network lost, before or after the service saw it.</summary>
public sealed class LostOnTheWireException(string message) : HttpRequestException(message);

/// <summary>
/// The simulated network between the devices and the service: one pooled HTTP transport all devices share (renewed
/// after a service restart, so no device inherits a dead connection), a link per device that applies that device's
/// request faults, and the DNS servers discovery asks: the service's own, and two copies of its zone that answer
/// late or SERVFAIL (a device's DNS path that is slow or failing).
/// </summary>
public sealed class SimNetwork : IAsyncDisposable
{
    readonly Func<string, CancellationToken, Task<IReadOnlyList<IPAddress>>> resolveHost;
    readonly MockDnsServer? slowDns;
    readonly MockDnsServer? failingDns;
    readonly LookupClient? dns;
    readonly string? pin;
    HttpMessageInvoker transport;

    /// <param name="serviceDns">The embedded service's DNS server: discovery asks it, and copies of its zone play the DNS faults.</param>
    /// <param name="domain">The domain discovery looks up.</param>
    /// <param name="resolver">For a foreign service: the DNS server that resolves its host name, or null for the system's.</param>
    /// <param name="pin">For a foreign service over TLS: the only certificate to accept.</param>
    public SimNetwork(MockDnsServer? serviceDns, string domain, IPEndPoint? resolver = null, string? pin = null)
    {
        this.pin = pin;
        if ((serviceDns?.EndPoint ?? resolver) is { } server) dns = ResolverFactory.Create(server);
        if (serviceDns is not null)
        {
            var srv = DnsZone.MeshServiceName(domain);
            slowDns = MockDnsServer.Start(serviceDns.Zone.Clone().AddDelay(srv, TimeSpan.FromMilliseconds(300)));
            failingDns = MockDnsServer.Start(serviceDns.Zone.Clone().AddFault(srv, DnsFault.ServFail));
        }
        var locator = dns is null ? null : new ServiceLocator(dns, DiscoveryOptions.Http);
        resolveHost = async (host, cancel) => locator is null ? await System.Net.Dns.GetHostAddressesAsync(host, cancel) : await locator.ResolveHostAsync(host, cancel);
        transport = NewTransport();
    }

    HttpMessageInvoker NewTransport() => new(TransportHandlers.Create((host, cancel) => resolveHost(host, cancel), pin, TimeSpan.FromSeconds(10)), disposeHandler: true);

    /// <summary>Drops every pooled connection: after a restart the old ones lead nowhere.</summary>
    public void Renew()
    {
        var old = Interlocked.Exchange(ref transport, NewTransport());
        old.Dispose();
    }

    public DeviceLink NewLink() => new(this);

    /// <summary>Finds the service for <paramref name="account"/> through DNS, the way the fault says: the normal, slow or failing server.</summary>
    /// <exception cref="DiscoveryException">The DNS answer was a failure.</exception>
    public async Task<Uri> DiscoverAsync(string account, bool slow, bool failing, CancellationToken cancel)
    {
        var server = failing ? failingDns! : slow ? slowDns! : null;
        var resolver = server is null ? dns! : ResolverFactory.Create(server.EndPoint);
        var result = await new ServiceLocator(resolver, DiscoveryOptions.Http, new Random(0)).DiscoverAsync(account, cancel);
        return result.Endpoints.FirstOrDefault()?.Uri ?? throw new DiscoveryException(DnsZone.MeshServiceName(result.Domain), "SRV", DiscoveryFailure.ErrorResponse, result.UnavailableReason ?? "no endpoint");
    }

    /// <summary>
    /// One device's link: sends through the shared transport and does to each request what <see cref="Next"/> says.
    /// A duplicate is the same bytes sent again after the first answer; its status is left in <see cref="DuplicateStatus"/>.
    /// </summary>
    public sealed class DeviceLink(SimNetwork network) : HttpMessageHandler
    {
        public RequestFaults Next { get; set; } = RequestFaults.None;
        public int? DuplicateStatus { get; private set; }
        /// <summary>Whether the last request went out with an envelope byte flipped.</summary>
        public bool Corrupted { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancel)
        {
            var faults = Next;
            Next = RequestFaults.None;
            DuplicateStatus = null;
            Corrupted = false;
            if (faults.DelayMilliseconds > 0) await Task.Delay(faults.DelayMilliseconds, cancel);
            if (faults.DropRequest) throw new LostOnTheWireException("the request was lost on the way to the service");
            var body = await request.Content!.ReadAsByteArrayAsync(cancel);
            var contentType = request.Content.Headers.ContentType;
            if (faults.CorruptSalt is { } salt && Corrupt(body, salt) is { } corrupted)
            {
                body = corrupted;
                Corrupted = true;
            }
            var response = await network.transport.SendAsync(Copy(request, body, contentType), cancel);
            if (faults.DropResponse)
            {
                response.Dispose();
                throw new LostOnTheWireException("the service's answer was lost on the way back");
            }
            if (faults.Duplicate)
            {
                await response.Content.LoadIntoBufferAsync(cancel);
                using var again = await network.transport.SendAsync(Copy(request, body, contentType), cancel);
                DuplicateStatus = (int)again.StatusCode;
            }
            return response;
        }

        static HttpRequestMessage Copy(HttpRequestMessage request, byte[] body, System.Net.Http.Headers.MediaTypeHeaderValue? contentType)
        {
            var copy = new HttpRequestMessage(request.Method, request.RequestUri) { Content = new ByteArrayContent(body) };
            copy.Content.Headers.ContentType = contentType;
            foreach (var header in request.Headers) copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
            return copy;
        }

        /// <summary>
        /// Flips one byte of an envelope's payload: the request's own envelope under DARE encapsulation, else an
        /// entry or message the request carries. Null when the request carries no envelope.
        /// </summary>
        static byte[]? Corrupt(byte[] body, int salt)
        {
            try
            {
                if (DareEnvelope.IsEnvelopeBody(body))
                {
                    var envelope = DareEnvelope.Decode(body);
                    if (!Flip(envelope, salt)) return null;
                    return envelope.EncodeArray(WireEncoding.Json, BinaryLayout.Unwrapped);
                }
                var request = WireSerializer.Decode(body);
                var carried = request switch
                {
                    UploadRequest upload => (upload.Updates ?? []).SelectMany(u => u.Envelopes ?? []).Concat(upload.Self ?? []).ToList(),
                    PostRequest post => post.Message ?? [],
                    _ => [],
                };
                if (carried.Count == 0 || !Flip(carried[salt % carried.Count], salt)) return null;
                return WireSerializer.Encode((WireRecord)request, WireEncoding.Json, BinaryLayout.Unwrapped);
            }
            catch (WireFormatException) { return null; }
        }

        static bool Flip(DareEnvelope envelope, int salt)
        {
            if (envelope.Payload is not { Length: > 0 } payload) return false;
            payload[salt % payload.Length] ^= (byte)(1 << (salt % 8));
            return true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        transport.Dispose();
        if (slowDns is not null) await slowDns.DisposeAsync();
        if (failingDns is not null) await failingDns.DisposeAsync();
    }
}
