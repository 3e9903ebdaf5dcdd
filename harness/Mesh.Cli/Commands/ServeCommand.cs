using System.CommandLine;
using Mesh.Conformance.Targets;
using Mesh.Service;
using Mesh.Service.Variations;
using Mesh.Wire.Protocol;

namespace Mesh.Cli.Commands;

/// <summary><c>serve</c>: the reference service and the mock DNS on loopback, until interrupted.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "HTTP(S) port (0: a free one)" };
        var dnsPort = new Option<int>("--dns-port") { Description = "DNS port, UDP and TCP (0: a free one)" };
        var domain = new Option<string>("--domain") { Description = "Domain the service hosts accounts for", DefaultValueFactory = _ => "example.com" };
        var profile = new Option<string>("--profile") { Description = "draft-03 or reference", DefaultValueFactory = _ => "draft-03" };
        var store = new Option<string>("--store") { Description = "memory, or a folder for the durable store", DefaultValueFactory = _ => "memory" };
        var tls = new Option<bool>("--tls") { Description = "TLS 1.3 with a self-signed certificate made at start" };
        var seed = SeedOption.Text("Seed of the service and host keys", "mesh-conformance-service");
        var spelling = new Option<string>("--containers") { Description = "Container names: 2019 (mmm_Device) or 2020 (mmm/Device)", DefaultValueFactory = _ => "2019" };
        var binary = new Option<bool>("--binary-encodings") { Description = "Accept and advertise JSON-B and JSON-C" };
        var fault = new Option<string?>("--fault") { Description = "Commit one deviation of the fault catalogue (see --list-faults)" };
        var record = new Option<string?>("--record") { Description = "Record every request and DNS query into this folder, for check-client" };
        var replay = new Option<string?>("--replay") { Description = "Answer from recorded vectors instead (a recorded example set, or a vectors/<profile> folder) with WireMock.Net" };
        var listFaults = new Option<bool>("--list-faults") { Description = "Print the fault catalogue, one name a line, and stop" };
        var variation = new Option<string[]>("--variation") { Description = "Take a conforming variation of the catalogue (repeatable; see --list-variations)" };
        var listVariations = new Option<bool>("--list-variations") { Description = "Print the conforming variations, one name a line, and stop" };
        var testClock = new Option<bool>("--test-clock") { Description = $"Let a conformance run move the service's clock on (POST {Mesh.Hosting.TestClockEndpoint.Path}?advance=SECONDS), to judge ticket expiry and the replay window; a test hook, not for production" };
        var encapsulation = new Option<string>("--encapsulation") { Description = "none (bare JSON) or dare (DARE message encapsulation, draft-03 only)", DefaultValueFactory = _ => "none" };
        var command = new Command("serve", "Run the reference service and the mock DNS on loopback; print the endpoints and the zone; stop with Ctrl-C")
        {
            port, dnsPort, domain, profile, store, tls, seed, spelling, binary, encapsulation, fault, listFaults, variation, listVariations, record, replay, testClock,
        };
        command.SetAction(async (parse, cancel) =>
        {
            if (parse.GetValue(listFaults))
            {
                foreach (var entry in Mesh.Service.Faults.ServiceFaults.All) Console.WriteLine(entry.Name);
                return 0;
            }
            if (parse.GetValue(listVariations))
            {
                foreach (var entry in Mesh.Service.Variations.ServiceVariations.All) Console.WriteLine(entry.Name);
                return 0;
            }
            if (parse.GetValue(replay) is { } source) return await Replay(source, parse.GetValue(domain)!, parse.GetValue(port), parse.GetValue(dnsPort), cancel);
            ServiceOptions service;
            try
            {
                service = new ServiceOptions
                {
                    Profile = ProtocolProfiles.Parse(parse.GetValue(profile)!),
                    Domains = [parse.GetValue(domain)!],
                    KeySeed = parse.GetValue(seed)!,
                    Spelling = parse.GetValue(spelling) == "2020" ? ContainerSpelling.Names2020 : ContainerSpelling.Names2019,
                    BinaryEncodings = parse.GetValue(binary),
                    DareEncapsulation = parse.GetValue(encapsulation) == "dare",
                    Fault = parse.GetValue(fault),
                }.Take(parse.GetValue(variation) ?? []);
                if (service.Fault is not null && !Mesh.Service.Faults.ServiceFaults.IsKnown(service.Fault))
                    throw new ArgumentException($"unknown fault '{service.Fault}': --list-faults prints the catalogue");
                if (service.DareEncapsulation && service.Profile != ProtocolProfile.Draft03)
                    throw new ArgumentException("DARE encapsulation is defined for the draft-03 profile only (docs/service.md, Profiles)");
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine($"serve: {e.Message}");
                return 2;
            }
            var folder = parse.GetValue(store)!;
            await using var embedded = await EmbeddedService.StartAsync(new EmbeddedServiceOptions
            {
                Service = service,
                StoreFolder = folder == "memory" ? null : folder,
                HttpPort = parse.GetValue(port),
                DnsPort = parse.GetValue(dnsPort),
                Tls = parse.GetValue(tls),
                RecordFolder = parse.GetValue(record),
                TestClock = parse.GetValue(testClock),
            });
            if (embedded.RecordFolder is { } recording) Console.WriteLine($"  recording  every request into {Path.GetFullPath(recording)}; judge them with ./run-conformance.sh check-client {recording}");
            if (service.Fault is not null) Console.WriteLine($"COMMITTING FAULT {service.Fault}: this service deviates on purpose");
            if (embedded.Host.TestClock) Console.WriteLine($"TEST CLOCK: POST {Mesh.Hosting.TestClockEndpoint.Path}?advance=SECONDS moves this service's clock on");
            if (service.Variations.Count > 0) Console.WriteLine($"TAKING VARIATIONS {string.Join(", ", service.Variations)}: conforming, but not the reference's choices");
            Console.WriteLine($"Mesh service ({service.Profile.Name()} profile, {(service.DareEncapsulation ? "DARE encapsulation" : "bare JSON")}, {(folder == "memory" ? "memory store" : "store in " + Path.GetFullPath(folder))})");
            Console.WriteLine($"  listening  {embedded.Host.ServiceUri}");
            Console.WriteLine($"  announced  {embedded.ServiceUri}");
            if (embedded.Host.CertificateFingerprint is { } fingerprint)
            {
                Console.WriteLine($"  TLS 1.3    certificate SHA-256 {fingerprint}");
                Console.WriteLine($"             pin with --pin {embedded.Host.Certificate!.GetCertHashString()}");
            }
            Console.WriteLine($"Mock DNS on {embedded.Dns.EndPoint} (UDP and TCP), zone:");
            foreach (var line in embedded.Dns.Zone.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)) Console.WriteLine("  " + line);
            Console.WriteLine($"Try: ./run-conformance.sh client --domain {embedded.Domain} --dns {embedded.Dns.EndPoint}{(parse.GetValue(tls) ? "" : " --http")} hello");
            Console.WriteLine("Ctrl-C stops.");
            try { await Task.Delay(Timeout.Infinite, cancel); }
            catch (OperationCanceledException) { }
            Console.WriteLine("Stopped.");
            return 0;
        });
        return command;
    }

    static async Task<int> Replay(string source, string domain, int port, int dnsPort, CancellationToken cancel)
    {
        IReadOnlyList<RecordedAnswer> answers;
        try { answers = ReplayService.Load(source); }
        catch (Exception e) when (e is DirectoryNotFoundException or FormatException or System.Text.Json.JsonException)
        {
            Console.Error.WriteLine($"serve: --replay: {e.Message}");
            return 2;
        }
        using var replay = ReplayService.Start(answers, domain, port, dnsPort);
        Console.WriteLine($"Replay of {Path.GetFullPath(source)} ({answers.Count} recorded answers) on WireMock.Net");
        Console.WriteLine($"  listening  http://127.0.0.1:{replay.Port}{Mesh.Hosting.MeshHttpBinding.WellKnownPath}");
        Console.WriteLine($"  announced  {replay.ServiceUri}");
        Console.WriteLine($"  answers    {string.Join(", ", replay.Transactions)}");
        Console.WriteLine($"Mock DNS on {replay.Dns.EndPoint} (UDP and TCP), zone:");
        foreach (var line in replay.Dns.Zone.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)) Console.WriteLine("  " + line);
        Console.WriteLine($"Try: ./run-conformance.sh client --domain {domain} --dns {replay.Dns.EndPoint} --http --profile reference hello");
        Console.WriteLine("Ctrl-C stops.");
        try { await Task.Delay(Timeout.Infinite, cancel); }
        catch (OperationCanceledException) { }
        return 0;
    }
}
