using System.Diagnostics;
using Mesh.Client;
using Mesh.Client.Accounts;
using Mesh.Dns.Discovery;
using Mesh.Wire.Crypto;
using Mesh.Wire.Dare;
using Mesh.Wire.Messages;

namespace Mesh.Conformance.Simulation;

/// <summary>Devices coming online, and every transaction sent through the faults drawn for it.</summary>
public sealed partial class Simulator
{
    MeshDeviceKeys DeviceKeys(SimDevice device) => device.Keys ??= MeshDeviceKeys.FromSeed($"simulation/{options.Seed}/{accounts[device.Account].Name}/device{device.Index}");

    /// <summary>
    /// Finds the service through DNS (the slow-dns and dns-failure faults strike here; a failed discovery is tried
    /// again), and gives the device a client; under DARE encapsulation, a session with its keys and a Hello.
    /// </summary>
    /// <returns>Null when the device is online, else why not.</returns>
    async Task<string?> BringOnlineAsync(SimStep step, SimAccount account, SimDevice device, KeyPair signer, KeyPair decryption, DareEnvelope? deviceProfile, CancellationToken cancel)
    {
        var uri = service.Url;
        for (var attempt = 0; uri is null && attempt < MaxAttempts; attempt++)
        {
            var slow = dice.Fires(SimFaults.SlowDns, step.Number, attempt, device.Index);
            var failing = dice.Fires(SimFaults.DnsFailure, step.Number, attempt, device.Index);
            var started = Stopwatch.GetTimestamp();
            try
            {
                uri = await network!.DiscoverAsync(account.Name, slow, failing, cancel);
                stats.Count("discovery", slow ? "slow" : "found");
            }
            catch (DiscoveryException) { stats.Count("discovery", "failed, tried again"); }
            stats.Completed("discovery", Stopwatch.GetElapsedTime(started));
        }
        if (uri is null) return $"the service was not found through DNS in {MaxAttempts} tries";
        device.Link ??= network!.NewLink();
        device.Client = new MeshClient(device.Link, uri, new MeshClientOptions { Layout = Layout, Timeout = TimeSpan.FromSeconds(60) });
        if (Dare)
        {
            device.Client.Encapsulation = new DareSession(new SeededRandomSource($"simulation/{options.Seed}/{device}/session"))
            {
                Signer = signer,
                Decryption = decryption,
                DeviceProfile = deviceProfile,
            };
            var hello = await SendAsync<MeshHelloResponse>(step, 0, device, new HelloRequest(), cancel);
            if (hello.Result.Typed?.EnvelopedProfileService is null) return $"Hello did not give the service's profile (Status {hello.Status})";
        }
        return null;
    }

    /// <summary>A transaction's last answer, and whether an earlier attempt may have acted although its answer was lost.</summary>
    sealed record Sent<T>(MeshResult<T> Result, bool MaybeApplied) where T : Response
    {
        public int? Status => Result.Status;
        public bool Succeeded => Result.Succeeded;
    }

    /// <summary>
    /// Sends one transaction as a device, through the faults drawn for this step, transaction and attempt: lost
    /// requests and answers are sent again, as are requests the network corrupted, and requests refused for a ticket
    /// the service no longer honours (expired, or forgotten in a restart) go again with a signature. Checks that no
    /// answer to a well-formed request is 5xx.
    /// </summary>
    async Task<Sent<T>> SendAsync<T>(SimStep step, int ordinal, SimDevice device, Request request, CancellationToken cancel, bool faultFree = false) where T : Response
    {
        var transaction = Transactions.Find(Wire.Model.WireTypes.TagOf(request.GetType()))?.Name ?? request.GetType().Name;
        var maybeApplied = false;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var faults = faultFree ? RequestFaults.None : Faults(step.Number, ordinal, attempt, CarriesEnvelope(request));
            device.Link!.Next = faults;
            DropExpiredTicket(device);
            if (Dare && request is PostRequest && device.Client!.Encapsulation!.Ticket is null)
            {
                // Post is authenticated by a ticket (docs/encapsulation.md): a signed Status earns one.
                await SendAsync<StatusResponse>(step, ordinal + 40, device, new StatusRequest { Account = accounts[device.Account].Name }, cancel, faultFree);
            }
            if (Dare) request.ID = null; // every attempt is a new request to the replay check
            var started = Stopwatch.GetTimestamp();
            MeshResult<T> result;
            try { result = await device.Client!.SendAsync<T>(request, cancel); }
            catch (MeshClientException e) when (e.InnerException is HttpRequestException or TaskCanceledException)
            {
                maybeApplied |= faults.DropResponse || e.InnerException is not LostOnTheWireException;
                stats.Count(transaction, faults.DropRequest ? "request lost, sent again" : (faults.DropResponse ? "answer lost, sent again" : "no answer, sent again"));
                continue;
            }
            stats.Completed(transaction, Stopwatch.GetElapsedTime(started));
            // What the client's own checks found (an answer not signed by the host, a wrong tag) is shown, not retried.
            if (result.Problems.Count > 0) stats.Count(transaction, "answer failed the client's checks");
            var status = result.Status ?? result.HttpStatus;
            if (device.Link.DuplicateStatus is { } duplicate)
            {
                stats.Count(transaction, $"duplicate answered {duplicate}");
                invariants.Check(Invariants.No5xx, step.Number, duplicate < 500, () => $"the second copy of {device}'s {transaction} was answered HTTP {duplicate}");
            }
            if (device.Link.Corrupted)
            {
                stats.Count(transaction, $"corrupted, answered {status}");
                if (!result.Succeeded) continue; // refused, as it should be: the true bytes go again
            }
            else
            {
                invariants.Check(Invariants.No5xx, step.Number, status < 500, () => $"{device}'s {transaction} was answered {status}: {result.Response?.StatusDescription}");
            }
            if (status == 401 && device.Client.Encapsulation is { Ticket: not null } session && session.UseTickets)
            {
                session.Ticket = null;
                stats.Count(transaction, "ticket refused, signed again");
                continue;
            }
            stats.Count(transaction, Outcome(status));
            return new Sent<T>(result, maybeApplied);
        }
        stats.Count(transaction, "gave up");
        throw new GaveUpException($"{transaction} by {device} failed {MaxAttempts} times");
    }

    static string Outcome(int status) => status switch
    {
        >= 200 and < 300 => "accepted",
        409 => "conflict",
        _ => $"refused {status}",
    };

    bool CarriesEnvelope(Request request) => Dare || request is UploadRequest or PostRequest;

    RequestFaults Faults(int step, int ordinal, int attempt, bool carriesEnvelope)
    {
        var dropRequest = dice.Fires(SimFaults.DropRequest, step, attempt, ordinal);
        return new RequestFaults(
            DropRequest: dropRequest,
            DropResponse: !dropRequest && dice.Fires(SimFaults.DropResponse, step, attempt, ordinal),
            Duplicate: dice.Fires(SimFaults.DuplicateRequest, step, attempt, ordinal),
            DelayMilliseconds: dice.Fires(SimFaults.Delay, step, attempt, ordinal) ? dice.Between("delay-ms", step, attempt * 100 + ordinal, 5, 50) : 0,
            CorruptSalt: carriesEnvelope && dice.Fires(SimFaults.CorruptByte, step, attempt, ordinal) ? dice.Between("corrupt-at", step, attempt * 100 + ordinal, 0, 1 << 20) : null);
    }

    // The device judges a ticket's expiry by its own clock, which may be skewed; the service judges by its own.
    void DropExpiredTicket(SimDevice device)
    {
        if (device.Client?.Encapsulation is { Ticket: { } ticket } session && ticket.Expires <= clock.GetUtcNow() + device.ClockSkew) session.Ticket = null;
    }

    /// <summary>An entry or message: a digest-protected envelope keyed by <paramref name="uniqueId"/>, stamped with the device's own (possibly skewed) clock.</summary>
    /// <summary>An entry of <paramref name="container"/>: a record of the catalog's type (Mesh.Client ContainerEntries), keyed <paramref name="uniqueId"/>.</summary>
    /// <summary>An entry or message of <paramref name="device"/>; signed by <paramref name="signer"/> when given (posted messages under DARE, draft §9.1.1).</summary>
    DareEnvelope Entry(SimDevice device, string container, string uniqueId, string text, int? index, KeyPair? signer = null)
    {
        var payload = ContainerEntries.Content(container, uniqueId, text).Payload;
        var meta = new ContentMeta { UniqueID = uniqueId, Event = "New", Created = (clock.GetUtcNow() + device.ClockSkew).UtcDateTime };
        var envelope = signer is null ? EnvelopeWriter.Plain(payload, meta) : EnvelopeWriter.Signed(payload, signer, meta);
        if (index is { } i) envelope.Header.ContainerInfo = new ContainerInfo { Index = i };
        return signer is null ? WithDigest(envelope) : envelope;
    }

}
