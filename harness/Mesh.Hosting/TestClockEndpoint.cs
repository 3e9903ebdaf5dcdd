using System.Globalization;
using Mesh.Service;
using Microsoft.AspNetCore.Http;

namespace Mesh.Hosting;

/// <summary>
/// A test hook, not part of the protocol (<c>serve --test-clock</c>; docs/third-party.md): <c>POST</c>
/// <see cref="Path"/><c>?advance=SECONDS</c> moves the service's clock on by a whole number of seconds and answers 200
/// with the time after the move (RFC 3339, text). A service offers it to a conformance run only, so that what depends on
/// time passing (a ticket's lifetime, the replay window) can be judged over the wire without waiting an hour.
/// </summary>
public static class TestClockEndpoint
{
    public const string Path = "/.well-known/mesh-conformance/clock";

    /// <summary>Ten million seconds (about 116 days): more than any lifetime a scenario waits out.</summary>
    public const long MaxAdvance = 10_000_000;

    public static async Task HandleAsync(HttpContext context, ManualClock clock)
    {
        var response = context.Response;
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            response.StatusCode = 405;
            response.Headers.Allow = "POST";
            return;
        }
        // Only forward: a clock moved back would let an expired ticket or a forgotten digest live again.
        if (!long.TryParse(context.Request.Query["advance"], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds is < 1 or > MaxAdvance)
        {
            response.StatusCode = 400;
            await response.WriteAsync($"advance=SECONDS: a whole number of seconds from 1 to {MaxAdvance}");
            return;
        }
        clock.Advance(TimeSpan.FromSeconds(seconds));
        response.ContentType = "text/plain; charset=utf-8";
        await response.WriteAsync(clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
    }
}
