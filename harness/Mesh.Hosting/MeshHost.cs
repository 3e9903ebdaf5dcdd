using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Mesh.Service;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mesh.Hosting;

/// <summary>Where and how the service listens.</summary>
public sealed record MeshHostOptions
{
    public IPAddress Address { get; init; } = IPAddress.Loopback;
    /// <summary>0 picks a free port.</summary>
    public int Port { get; init; }
    /// <summary>TLS 1.3 with a self-signed certificate made at start (docs/service.md).</summary>
    public bool Tls { get; init; }
    /// <summary>Names the certificate is made for, besides localhost and the loopback addresses.</summary>
    public IReadOnlyList<string> HostNames { get; init; } = [];
    /// <summary>Request paths the service answers on (A1); a TXT <c>path=</c> in a test zone adds its own.</summary>
    public IReadOnlyList<string> Paths { get; init; } = [MeshHttpBinding.WellKnownPath, MeshHttpBinding.WellKnownPath.TrimEnd('/')];
    /// <summary>Record every request received into this folder (serve --record), or null.</summary>
    public string? RecordFolder { get; init; }
    /// <summary>
    /// With <see cref="Tls"/>: serve this certificate instead of making one, so a restarted host keeps the
    /// thumbprint clients pinned. The caller owns it; the host does not dispose it.
    /// </summary>
    public X509Certificate2? Certificate { get; init; }
    /// <summary>Serve <see cref="TestClockEndpoint"/> for this clock (the service's own), or null: no such path.</summary>
    public ManualClock? TestClock { get; init; }
}

/// <summary>
/// The reference service on Kestrel (real sockets) or on an in-process TestServer (no sockets, same
/// pipeline). Either way clients talk to it through an <see cref="HttpMessageHandler"/>.
/// </summary>
public sealed class MeshHost : IAsyncDisposable
{
    readonly MeshHostOptions options;
    /// <summary>What the host serves now; replaced whole by <see cref="Serve"/>, so that a request sees one service.</summary>
    volatile Attachment attached;
    WebApplication app = null!;
    bool ownsCertificate;

    sealed record Attachment(MeshService Service, MeshHttpBinding Binding, int Generation);

    MeshHost(MeshService service, MeshHostOptions options)
    {
        this.options = options;
        attached = Attach(service, 0);
    }

    public MeshService Service => attached.Service;
    /// <summary>The listening address (null for an in-process host).</summary>
    public Uri? BaseUri { get; private set; }
    public int Port => BaseUri?.Port ?? 0;
    public X509Certificate2? Certificate { get; private set; }
    /// <summary>SHA-256 of the self-signed certificate, hex, for clients that pin it.</summary>
    public string? CertificateFingerprint => Certificate is null ? null : Convert.ToHexString(SHA256.HashData(Certificate.RawData));
    /// <summary>Whether the host serves <see cref="TestClockEndpoint"/>.</summary>
    public bool TestClock => options.TestClock is not null;
    public Uri? ServiceUri => BaseUri is null ? null : new Uri(BaseUri, MeshHttpBinding.WellKnownPath);

    /// <summary>Starts the service on Kestrel.</summary>
    public static async Task<MeshHost> StartAsync(MeshService service, MeshHostOptions options)
    {
        var host = new MeshHost(service, options);
        var certificate = options.Tls ? options.Certificate ?? SelfSignedCertificate(options.HostNames) : null;
        var builder = Builder();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = null; // the binding enforces BytesMax itself, with a tagged 413 body
            kestrel.Listen(options.Address, options.Port, listen =>
            {
                if (certificate is not null) listen.UseHttps(certificate, https => https.SslProtocols =
                    service.Context.Commits(Mesh.Service.Faults.ServiceFaults.Tls12Only) ? SslProtocols.Tls12 : SslProtocols.Tls13);
            });
        });
        host.Certificate = certificate;
        host.ownsCertificate = certificate != options.Certificate;
        await host.StartAsync(builder);
        var address = host.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host.BaseUri = new Uri(address.Replace("[::]", "localhost", StringComparison.Ordinal));
        return host;
    }

    /// <summary>Starts the service in process: requests go through <see cref="CreateHandler"/> without sockets.</summary>
    public static async Task<MeshHost> StartInProcessAsync(MeshService service, MeshHostOptions? options = null)
    {
        var host = new MeshHost(service, options ?? new MeshHostOptions());
        var builder = Builder();
        builder.WebHost.UseTestServer();
        await host.StartAsync(builder);
        return host;
    }

    /// <summary>A handler that reaches this host: in process for a TestServer, else a socket handler.</summary>
    public HttpMessageHandler CreateHandler() => BaseUri is null
        ? app.GetTestServer().CreateHandler()
        : new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, cert, _, _) => cert is not null && Certificate is not null && cert.GetCertHashString() == Certificate.GetCertHashString() } };

    /// <summary>
    /// Serves <paramref name="service"/> from now on, on the same sockets, in place of the one served until now. A
    /// connection opened before is closed at its next request, so that no client of the earlier service reaches
    /// this one. The suite runs each scenario's own service this way, on a host kept from scenario to scenario.
    /// </summary>
    public void Serve(MeshService service) => attached = Attach(service, attached.Generation + 1);

    Attachment Attach(MeshService service, int generation) =>
        new(service, new MeshHttpBinding(service, options.Paths, options.RecordFolder is null ? null : new Recording.RequestLog(options.RecordFolder)), generation);

    /// <summary>
    /// An empty builder: no configuration files, environment or logging. The slim builder's appsettings.json
    /// reloading watches the content root, on Linux one inotify watch per folder below it: from a checkout with its
    /// build trees that cost more CPU than the scenarios the host served.
    /// </summary>
    static WebApplicationBuilder Builder() => WebApplication.CreateEmptyBuilder(new WebApplicationOptions());

    async Task StartAsync(WebApplicationBuilder builder)
    {
        app = builder.Build();
        app.Run(Route);
        await app.StartAsync();
    }

    /// <summary>A request goes to the service attached now, unless its connection was opened for an earlier one.</summary>
    Task Route(HttpContext context)
    {
        if (options.TestClock is { } clock && context.Request.Path.Value == TestClockEndpoint.Path) return TestClockEndpoint.HandleAsync(context, clock);
        var now = attached;
        if (context.Features.Get<IConnectionItemsFeature>()?.Items is { } connection)
        {
            if (connection.TryGetValue(typeof(Attachment), out var generation) && (int)generation! != now.Generation)
            {
                context.Abort();
                return Task.CompletedTask;
            }
            connection[typeof(Attachment)] = now.Generation;
        }
        return now.Binding.HandleAsync(context);
    }

    /// <summary>A self-signed TLS certificate for localhost, the loopback addresses and <paramref name="names"/>, valid for a week.</summary>
    public static X509Certificate2 SelfSignedCertificate(IReadOnlyList<string> names)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=MeshConformance reference service", key, HashAlgorithmName.SHA256);
        var alternative = new SubjectAlternativeNameBuilder();
        alternative.AddDnsName("localhost");
        alternative.AddIpAddress(IPAddress.Loopback);
        alternative.AddIpAddress(IPAddress.IPv6Loopback);
        foreach (var name in names) alternative.AddDnsName(name);
        request.CertificateExtensions.Add(alternative.Build());
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(7));
        // Kestrel on Linux needs the key in an exportable container: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>
    /// How long a stop waits for requests in flight before it closes their connections. The host's own default is 30 s,
    /// which a client that sent half a request and stopped would use up whole; past five seconds the draft (§9.1.2.1)
    /// calls a transaction an overload or an attack.
    /// </summary>
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    /// <summary>Stops listening, lets requests in flight finish for up to <see cref="StopGrace"/>, then closes what is left.</summary>
    public async ValueTask DisposeAsync()
    {
        using (var grace = new CancellationTokenSource(StopGrace)) await app.StopAsync(grace.Token);
        await app.DisposeAsync();
        if (ownsCertificate) Certificate?.Dispose();
    }
}
