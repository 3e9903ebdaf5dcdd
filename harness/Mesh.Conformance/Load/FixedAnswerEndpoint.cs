using Mesh.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mesh.Conformance.Load;

/// <summary>
/// The bench's baseline: bare Kestrel (or a TestServer in process) that reads the request body and answers
/// <see cref="Answer"/> with the headers the service sends (draft §4.2): what any Mesh service over this transport
/// pays before it does any work of its own.
/// </summary>
public sealed class FixedAnswerEndpoint : IAsyncDisposable
{
    readonly WebApplication app;
    readonly bool sockets;

    FixedAnswerEndpoint(WebApplication app, Uri uri, bool sockets)
    {
        this.app = app;
        this.sockets = sockets;
        Uri = uri;
    }

    public Uri Uri { get; }

    /// <summary>The bytes every request is answered with.</summary>
    public byte[] Answer { get; set; } = [];

    public static async Task<FixedAnswerEndpoint> StartAsync(bool sockets)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (sockets) builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        else builder.WebHost.UseTestServer();
        var app = builder.Build();
        FixedAnswerEndpoint? endpoint = null;
        app.Run(async context =>
        {
            var buffer = new byte[4096];
            while (await context.Request.Body.ReadAsync(buffer, context.RequestAborted) > 0) { }
            var answer = endpoint!.Answer;
            context.Response.ContentType = "application/json";
            context.Response.Headers.CacheControl = "no-store";
            context.Response.ContentLength = answer.Length;
            await context.Response.Body.WriteAsync(answer, context.RequestAborted);
        });
        await app.StartAsync();
        var uri = sockets
            ? new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + MeshHttpBinding.WellKnownPath)
            : new Uri("http://localhost" + MeshHttpBinding.WellKnownPath);
        endpoint = new FixedAnswerEndpoint(app, uri, sockets);
        return endpoint;
    }

    public HttpMessageHandler CreateHandler() => sockets ? new SocketsHttpHandler() : app.GetTestServer().CreateHandler();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
