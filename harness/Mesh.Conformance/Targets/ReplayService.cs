using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Mesh.Conformance.ReferenceVectors;
using Mesh.Conformance.Vectors;
using Mesh.Dns;
using Mesh.Hosting;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Mesh.Conformance.Targets;

/// <summary>A recorded answer: the transaction it answers, the request it answered (when known), and the response bytes.</summary>
public sealed record RecordedAnswer(string Transaction, string? Request, int HttpStatus, string ContentType, byte[] Response, string Source);

/// <summary>
/// <c>serve --replay SOURCE</c>: a Mesh endpoint on WireMock.Net that answers from recorded vectors, announced by
/// the mock DNS like the reference service, so a client under test meets exact recorded responses (the author's
/// Hello example among them). A request identical to a recorded one gets that recording's answer; any other
/// request of a known transaction gets the first successful answer recorded for it; anything else gets 404.
/// </summary>
public sealed partial class ReplayService : IDisposable
{
    ReplayService(WireMockServer server, MockDnsServer dns, string domain, IReadOnlyList<RecordedAnswer> answers)
    {
        Server = server;
        Dns = dns;
        Domain = domain;
        Answers = answers;
    }

    public WireMockServer Server { get; }
    public MockDnsServer Dns { get; }
    public string Domain { get; }
    public IReadOnlyList<RecordedAnswer> Answers { get; }
    public int Port => Server.Ports[0];
    public Uri ServiceUri => new($"http://mmm.{Domain}:{Port}{MeshHttpBinding.WellKnownPath}");
    public IReadOnlyList<string> Transactions => Answers.Select(a => a.Transaction).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// The answers of <paramref name="source"/>: a recorded example set (its <c>Examples/Protocol*.md</c>, request and
    /// response payload blocks in pairs) or a folder of this project's vector files (<c>vectors/draft-03</c>).
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder is neither.</exception>
    public static IReadOnlyList<RecordedAnswer> Load(string source)
    {
        if (Directory.Exists(Path.Combine(source, "Examples"))) return FromExamples(VectorSet.Open(source));
        if (!Directory.Exists(source)) throw new DirectoryNotFoundException($"'{source}' does not exist");
        var files = Directory.EnumerateFiles(source, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new DirectoryNotFoundException($"'{source}' holds neither Examples/ nor vector files (*.json)");
        return [.. files.SelectMany(file => VectorFile.Decode(File.ReadAllBytes(file)).Exchanges.Select(e => new RecordedAnswer(
            e.Transaction, e.Request.Form == "text" ? e.Request.Data : null, e.Status,
            e.ResponseHeaders.TryGetValue("Content-Type", out var type) ? type : "application/json", e.Response.Bytes(), Path.GetFileName(file))))];
    }

    static List<RecordedAnswer> FromExamples(VectorSet set)
    {
        var answers = new List<RecordedAnswer>();
        foreach (var example in set.ExamplesMatching("Protocol*.md"))
        {
            string? request = null;
            foreach (var block in example.Blocks)
            {
                if (FirstMember().Match(block) is not { Success: true } tag) continue;
                if (!tag.Groups[1].Value.EndsWith("Response", StringComparison.Ordinal)) request = block.Trim('\n');
                else if (request is not null && FirstMember().Match(request).Groups[1].Value is { } transaction)
                {
                    // The author's binding answers HTTP 200 whatever the payload Status (docs/service.md).
                    answers.Add(new RecordedAnswer(transaction, request, 200, "application/json", Encoding.UTF8.GetBytes(block.Trim('\n')), example.Name));
                    request = null;
                }
            }
        }
        return answers;
    }

    public static ReplayService Start(IReadOnlyList<RecordedAnswer> answers, string domain = "example.com", int port = 0, int dnsPort = 0)
    {
        // Loopback only, as the service it stands in for: WireMock.Net given a bare port listens on every interface.
        var server = WireMockServer.Start(new WireMock.Settings.WireMockServerSettings { Urls = [$"http://127.0.0.1:{(port == 0 ? FreeLoopbackPort() : port)}"] });
        foreach (var path in new[] { MeshHttpBinding.WellKnownPath, MeshHttpBinding.WellKnownPath.TrimEnd('/') })
        {
            var exact = new HashSet<string>(StringComparer.Ordinal);
            foreach (var answer in answers.Where(a => a.Request is not null && exact.Add(a.Request!)))
                server.Given(Request.Create().WithPath(path).UsingPost().WithBody(new ExactMatcher(answer.Request!)))
                    .AtPriority(1).RespondWith(Reply(answer));
            foreach (var answer in answers.Where(a => a.HttpStatus is >= 200 and < 300).DistinctBy(a => a.Transaction))
                server.Given(Request.Create().WithPath(path).UsingPost().WithBody(new RegexMatcher($"^\\s*\\{{\\s*\"{Regex.Escape(answer.Transaction)}\"\\s*:")))
                    .AtPriority(10).RespondWith(Reply(answer));
        }
        var zone = new DnsZone()
            .AddMeshSrv(domain, 0, 0, (ushort)server.Ports[0], "mmm." + domain)
            .AddMeshTxt(domain, "path=" + MeshHttpBinding.WellKnownPath)
            .AddA("mmm." + domain, IPAddress.Loopback);
        return new ReplayService(server, MockDnsServer.Start(zone, dnsPort), domain, answers);
    }

    static int FreeLoopbackPort()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    static IResponseBuilder Reply(RecordedAnswer answer) => Response.Create()
        .WithStatusCode(answer.HttpStatus)
        .WithHeader("Content-Type", answer.ContentType)
        .WithHeader("Cache-Control", "no-store")
        .WithBody(answer.Response);

    [GeneratedRegex("^\\s*\\{\\s*\"(\\w+)\"\\s*:")]
    private static partial Regex FirstMember();

    public void Dispose()
    {
        Server.Stop();
        Server.Dispose();
        Dns.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
