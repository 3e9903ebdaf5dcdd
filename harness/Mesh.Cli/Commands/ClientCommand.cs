using System.CommandLine;
using System.Text;
using Mesh.Client;
using Mesh.Client.Accounts;
using Mesh.Conformance.Reports;
using Mesh.Conformance.Targets;
using Mesh.Dns;
using Mesh.Dns.Discovery;
using Mesh.Service;
using Mesh.Wire.Dare;
using Mesh.Wire.Json;
using Mesh.Wire.Messages;

namespace Mesh.Cli.Commands;

/// <summary>
/// <c>client</c>: one transaction against a service found by DNS (or given by URL), printing the exchange.
/// For people checking a service by hand. Exit 0 when the payload Status is 2xx, 1 when it is not, 2 when
/// the service could not be found or reached.
/// </summary>
public static class ClientCommand
{
    const string Usage = """
        Transactions and their arguments:
          hello
          create ACCOUNT                    keys from --seed (default: the account)
          delete ACCOUNT
          status ACCOUNT
          download ACCOUNT CONTAINER [FROM [TO]]
          upload ACCOUNT CONTAINER TEXT...  plain entries at the container's next index
          connect ACCOUNT                   device keys from --seed (default: device)
          complete ACCOUNT RESPONSE-ID
          post ACCOUNT TEXT
        """;

    public static Command Create()
    {
        var domain = new Option<string?>("--domain") { Description = "Find the service through DNS for this domain (or account address)" };
        var dns = new Option<string?>("--dns") { Description = "DNS server HOST:PORT to ask (the mock DNS of serve)" };
        var url = UrlOption.Create("--url", "Service URI, instead of discovery");
        var http = new Option<bool>("--http") { Description = "Plain HTTP (reference interop) instead of HTTPS" };
        var pin = new Option<string?>("--pin") { Description = "SHA-1 thumbprint of the only TLS certificate to accept" };
        var profile = new Option<string>("--profile") { Description = "draft-03 (unwrapped base64) or reference (wrapped)", DefaultValueFactory = _ => "draft-03" };
        var seed = new Option<string?>("--seed") { Description = "Seed for account or device keys" };
        var encapsulation = new Option<string>("--encapsulation") { Description = "none, or dare: envelopes signed by the account's (or, for connect, the device's) keys", DefaultValueFactory = _ => "none" };
        var transaction = new Argument<string>("transaction") { Description = "hello, create, delete, status, download, upload, connect, complete, post" };
        var arguments = new Argument<string[]>("arguments") { Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("client", "Perform one transaction and print the exchange\n\n" + Usage)
        {
            domain, dns, url, http, pin, profile, seed, encapsulation, transaction, arguments,
        };
        command.SetAction(async (parse, cancel) =>
        {
            try
            {
                var layout = ProtocolProfiles.Parse(parse.GetValue(profile)!) == ProtocolProfile.Reference ? BinaryLayout.ReferenceWrapped : BinaryLayout.Unwrapped;
                var options = new MeshClientOptions { Layout = layout };
                using var client = await Connect(parse.GetValue(url), parse.GetValue(domain), parse.GetValue(dns), parse.GetValue(http), parse.GetValue(pin), options, cancel);
                var name = parse.GetValue(transaction)!;
                var args = parse.GetValue(arguments) ?? [];
                if (parse.GetValue(encapsulation) == "dare") await Encapsulate(client, name, args, parse.GetValue(seed), cancel);
                var request = await Build(client, name, args, parse.GetValue(seed), layout, cancel);
                var result = await client.SendAsync<Response>(request, cancel);
                Console.WriteLine(ExchangeText.Render(result.Exchange));
                if (client.Encapsulation is not null && result.Response is not null)
                    Console.WriteLine("The answer, opened:\n" + Encoding.UTF8.GetString(Mesh.Wire.Model.WireSerializer.Encode(result.Response, WireEncoding.Json, layout)) + "\n");
                foreach (var problem in result.Problems) Console.WriteLine($"problem: {problem}");
                return result.Succeeded ? 0 : 1;
            }
            catch (Exception e) when (e is DiscoveryException or MeshClientException or ArgumentException or FormatException)
            {
                Console.Error.WriteLine($"client: {e.Message}");
                return 2;
            }
        });
        return command;
    }

    // DARE mode: Hello first (it brings the service's keys), then requests signed by the account's Mesh key, or the device's for connect.
    static async Task Encapsulate(MeshClient client, string transaction, string[] args, string? seed, CancellationToken cancel)
    {
        var holder = seed ?? (args.Length > 0 ? args[0] : "client");
        var session = new DareSession(Mesh.Wire.Crypto.SystemRandomSource.Instance);
        if (transaction == "connect")
        {
            var device = MeshDeviceKeys.FromSeed(seed ?? "device");
            (session.Signer, session.Decryption) = (device.Authentication, device.Encryption);
        }
        else
        {
            var account = MeshAccountKeys.FromSeed(holder);
            (session.Signer, session.Decryption) = (account.MeshOnline, account.MeshEncryption);
        }
        client.Encapsulation = session;
        if (transaction != "hello") (await client.HelloAsync(cancel)).Expect();
    }

    static async Task<MeshClient> Connect(Uri? url, string? domain, string? dns, bool http, string? pin, MeshClientOptions options, CancellationToken cancel)
    {
        if (url is not null) return new MeshClient(TransportHandlers.Create(pinnedCertificateHash: pin), url, options);
        if (domain is null || dns is null) throw new ArgumentException("give --url, or --domain and --dns");
        var discovered = await DiscoveredClient.ConnectAsync(domain, ResolverFactory.ParseEndPoint(dns), http ? DiscoveryOptions.Http : DiscoveryOptions.Https, options, pin, cancel);
        Console.WriteLine($"discovered {discovered.Endpoint}");
        return discovered.Client;
    }

    static async Task<Request> Build(MeshClient client, string transaction, string[] args, string? seed, BinaryLayout layout, CancellationToken cancel)
    {
        string Arg(int i, string name) => i < args.Length ? args[i] : throw new ArgumentException($"{transaction} needs {name}\n{Usage}");
        switch (transaction)
        {
            case "hello": return new HelloRequest();
            case "create": return MeshAccountKeys.FromSeed(seed ?? Arg(0, "ACCOUNT")).CreateRequest(Arg(0, "ACCOUNT"), layout);
            case "delete": return new DeleteRequest { Account = Arg(0, "ACCOUNT") };
            case "status": return new StatusRequest { Account = Arg(0, "ACCOUNT") };
            case "download":
                return new DownloadRequest
                {
                    Account = Arg(0, "ACCOUNT"),
                    Select = [new() { Container = Arg(1, "CONTAINER"), IndexMin = args.Length > 2 ? int.Parse(args[2]) : null, IndexMax = args.Length > 3 ? int.Parse(args[3]) : null }],
                };
            case "upload":
                var (account, container) = (Arg(0, "ACCOUNT"), Arg(1, "CONTAINER"));
                var status = await client.StatusAsync(new StatusRequest { Account = account, Catalogs = [container], Spools = [container] }, cancel);
                var next = status.Typed?.ContainerStatus?.FirstOrDefault()?.Index ?? 0;
                return new UploadRequest
                {
                    Account = account,
                    Updates = [new() { Container = container, Envelopes = args.Skip(2).Select((text, i) => ContainerEntries.Entry(Encoding.UTF8.GetBytes(text), $"entry-{next + i}", next + i)).ToList() }],
                };
            case "connect":
                return MeshDeviceKeys.FromSeed(seed ?? "device").ConnectRequest(Arg(0, "ACCOUNT"), System.Security.Cryptography.RandomNumberGenerator.GetBytes(16), layout);
            case "complete": return new CompleteRequest { Account = Arg(0, "ACCOUNT"), ResponseID = Arg(1, "RESPONSE-ID") };
            case "post": return new PostRequest { Accounts = [Arg(0, "ACCOUNT")], Message = [EnvelopeWriter.Plain(Encoding.UTF8.GetBytes(Arg(1, "TEXT")))] };
            default: throw new ArgumentException($"unknown transaction '{transaction}'\n{Usage}");
        }
    }
}
