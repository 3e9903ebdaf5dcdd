using Mesh.Client.Accounts;
using Mesh.Wire.Dare;
using Mesh.Wire.Messages;
using Mesh.Wire.Objects;

namespace Mesh.Conformance.Simulation;

/// <summary>The scheduled steps, each as the devices carry it out, and the books they keep.</summary>
public sealed partial class Simulator
{
    async Task<string> CreateAccountAsync(SimStep step, SimAccount account, CancellationToken cancel)
    {
        if (account.Created) return "skipped: already created";
        account.Keys ??= MeshAccountKeys.FromSeed($"simulation/{options.Seed}/{account.Name}");
        var admin = account.Administrator;
        if (await BringOnlineAsync(step, account, admin, account.Keys.MeshOnline, account.Keys.MeshEncryption, null, cancel) is { } offline) return offline;
        var sent = await SendAsync<CreateResponse>(step, 1, admin, account.Keys.CreateRequest(account.Name, Layout), cancel);
        // After a lost answer, "account exists" is our own first attempt.
        account.Created = sent.Succeeded || (sent.Status == 409 && sent.MaybeApplied);
        if (account.Created) admin.Connected = true;
        return account.Created ? "created" : $"refused {sent.Status}: {sent.Result.Response?.StatusDescription}";
    }

    async Task<string> ConnectDeviceAsync(SimStep step, SimAccount account, CancellationToken cancel)
    {
        var device = account.Devices[step.Device];
        if (!account.Live) return "skipped: no account";
        if (device.Connected) return "skipped: already connected";
        var keys = DeviceKeys(device);
        if (await BringOnlineAsync(step, account, device, keys.Authentication, keys.Encryption, keys.EnvelopedProfileDevice(Layout), cancel) is { } offline) return offline;
        var connection = new DeviceConnection(keys, account.Name, Layout);
        var connect = await SendAsync<ConnectResponse>(step, 1, device, connection.Connect(), cancel);
        if (connect.Result.Typed?.EnvelopedConnectionResponse is not { } acknowledgement) return $"Connect refused {connect.Status}";
        if (DeviceConnection.MessageIdOf(acknowledgement) is not { } messageId) return "Connect acknowledged without a MessageID";

        var admin = account.Administrator;
        var status = await SendAsync<StatusResponse>(step, 2, admin, new StatusRequest { Account = account.Name }, cancel);
        if (status.Result.Typed is not { } counts) return $"Status refused {status.Status}";
        int Count(string container) => counts.ContainerStatus?.FirstOrDefault(c => c.Container == container)?.Index ?? 0;
        var acceptance = connection.Accept(account.Keys!, messageId, (names.Device, Count(names.Device)), (names.Local, Count(names.Local)));
        foreach (var update in acceptance.Upload.Updates!) update.Envelopes = update.Envelopes!.Select(WithDigest).ToList();
        var upload = await UploadEntriesAsync(step, 3, admin, account, acceptance.Upload, cancel);
        if (!upload.Stored) return $"acceptance {upload}";

        var complete = await SendAsync<Response>(step, 4, device, connection.Complete(acceptance), cancel);
        if (!complete.Succeeded) return $"Complete refused {complete.Status}";
        // The device takes only the answer to its own request: the RespondConnection under its ResponseID.
        var answer = (complete.Result.Typed as CompleteResponse)?.SignedResponse;
        if (answer is null || EnvelopeReader.Payload<RespondConnection>(answer).MessageID != acceptance.ResponseId)
            return "Complete answered with another response than the device's own";
        device.Connected = true;
        return "connected";
    }

    async Task<string> UploadAsync(SimStep step, SimAccount account, CancellationToken cancel)
    {
        var device = account.Devices[step.Device];
        if (!account.Live || !device.Connected) return "skipped: not connected";
        var container = step.Container!;
        var view = device.ReplicaOf(container).Count;
        var payloads = Enumerable.Range(0, step.Count).Select(k => (Id: $"s{step.Number}-{k}", Text: $"{container} entry {k} of step {step.Number} by {device}")).ToList();
        UploadRequest Request(int first) => new()
        {
            Account = account.Name,
            Updates = [new() { Container = container, Envelopes = payloads.Select((p, k) => Entry(device, container, p.Id, p.Text, first + k)).ToList() }],
        };
        var outcome = await UploadEntriesAsync(step, 1, device, account, Request(view), cancel);
        if (outcome.End != UploadEnd.Conflict) return outcome.ToString();
        // A conflict is reported to the device, which synchronises and uploads again on top of what it now knows.
        await SyncAsync(step, 2, account, device, cancel);
        var rebased = await UploadEntriesAsync(step, 3, device, account, Request(device.ReplicaOf(container).Count), cancel);
        return $"conflict, rebased: {rebased}";
    }

    /// <summary>
    /// Sends an Upload and keeps the books: an acceptance is checked against what was acknowledged before (a stale
    /// index accepted is a conflict merged silently) and recorded; a conflict after a lost answer is settled by reading
    /// the entries back.
    /// </summary>
    async Task<UploadOutcome> UploadEntriesAsync(SimStep step, int ordinal, SimDevice device, SimAccount account, UploadRequest request, CancellationToken cancel)
    {
        var sent = await SendAsync<UploadResponse>(step, ordinal, device, request, cancel);
        var updates = request.Updates!.Where(u => u.Envelopes is { Count: > 0 }).ToList();
        if (sent.Succeeded)
        {
            foreach (var update in updates)
            {
                var first = update.Envelopes![0].Header.ContainerInfo!.Index!.Value;
                var known = account.AcknowledgedIn(update.Container!).Count;
                invariants.Check(Invariants.ConflictsReported, step.Number, first >= known,
                    () => $"{device} uploaded to {update.Container} of {account.Name} at index {first}, but {known} entries were already acknowledged there: the service accepted a stale index instead of answering 409");
                Acknowledge(step, device, account, update.Container!, first, update.Envelopes!);
            }
            return new(UploadEnd.Accepted);
        }
        if (sent.Status != 409) return new(UploadEnd.Refused, sent.Status);
        if (sent.MaybeApplied && await LandedAsync(step, ordinal, device, account, updates, cancel))
        {
            foreach (var update in updates) Acknowledge(step, device, account, update.Container!, update.Envelopes![0].Header.ContainerInfo!.Index!.Value, update.Envelopes!);
            return new(UploadEnd.Reconciled);
        }
        return new(UploadEnd.Conflict);
    }

    // Whether an upload whose answer was lost is in the service after all, entry for entry at its indexes.
    async Task<bool> LandedAsync(SimStep step, int ordinal, SimDevice device, SimAccount account, List<ContainerUpdate> updates, CancellationToken cancel)
    {
        var select = updates.Select(u => new ConstraintsSelect
        {
            Container = u.Container,
            IndexMin = u.Envelopes![0].Header.ContainerInfo!.Index,
            IndexMax = u.Envelopes![^1].Header.ContainerInfo!.Index,
        }).ToList();
        var read = await SendAsync<DownloadResponse>(step, ordinal + 20, device, new DownloadRequest { Account = account.Name, Select = select }, cancel);
        if (read.Result.Typed?.Updates is not { } found) return false;
        return updates.All(u => found.FirstOrDefault(f => f.Container == u.Container)?.Envelopes?.Select(EntryId.Of).SequenceEqual(u.Envelopes!.Select(EntryId.Of)) == true);
    }

    void Acknowledge(SimStep step, SimDevice device, SimAccount account, string container, int first, IReadOnlyList<DareEnvelope> entries)
    {
        var list = account.AcknowledgedIn(container);
        for (var k = 0; k < entries.Count; k++)
        {
            var index = first + k;
            var id = EntryId.Of(entries[k]);
            while (list.Count < index) list.Add(null); // landed, but no answer said what
            if (index == list.Count) list.Add(id);
            else
            {
                var earlier = list[index];
                invariants.Check(Invariants.OneEntryPerIndex, step.Number, earlier is null || earlier == id,
                    () => $"index {index} of {container} in {account.Name} was acknowledged for {earlier} and again, by {device}, for {id}");
                list[index] ??= id;
            }
        }
        if (device.ReplicaOf(container).Count == first) device.ReplicaOf(container).AddRange(entries.Select(EntryId.Of));
    }

    async Task<string> SyncStepAsync(SimStep step, SimAccount account, CancellationToken cancel)
    {
        var device = account.Devices[step.Device];
        if (!account.Live || !device.Connected) return "skipped: not connected";
        return await SyncAsync(step, 1, account, device, cancel);
    }

    /// <summary>
    /// Status, then one Download of everything the device has not seen; every entry read is held against what was
    /// acknowledged at its index, and afterwards the device must hold as many entries as the service reports.
    /// </summary>
    async Task<string> SyncAsync(SimStep step, int ordinal, SimAccount account, SimDevice device, CancellationToken cancel, bool faultFree = false)
    {
        var status = await SendAsync<StatusResponse>(step, ordinal, device, new StatusRequest { Account = account.Name }, cancel, faultFree);
        if (status.Result.Typed is not { } counts) return $"Status refused {status.Status}";
        var behind = (counts.ContainerStatus ?? []).Where(c => c.Container is not null && (c.Index ?? 0) != device.ReplicaOf(c.Container).Count).ToList();
        foreach (var shrunk in behind.Where(c => (c.Index ?? 0) < device.ReplicaOf(c.Container!).Count))
        {
            invariants.Check(Invariants.AcknowledgedKept, step.Number, false,
                () => $"{shrunk.Container} of {account.Name} has {shrunk.Index} entries, but {device} had already read {device.ReplicaOf(shrunk.Container!).Count}");
        }
        var select = behind.Where(c => (c.Index ?? 0) > device.ReplicaOf(c.Container!).Count)
            .Select(c => new ConstraintsSelect { Container = c.Container, IndexMin = device.ReplicaOf(c.Container!).Count }).ToList();
        if (select.Count == 0) return "up to date";
        var read = await SendAsync<DownloadResponse>(step, ordinal + 10, device, new DownloadRequest { Account = account.Name, Select = select }, cancel, faultFree);
        if (read.Result.Typed is not { } download) return $"Download refused {read.Status}";
        var fetched = 0;
        foreach (var update in download.Updates ?? [])
        {
            var replica = device.ReplicaOf(update.Container!);
            var acknowledged = account.AcknowledgedIn(update.Container!);
            foreach (var envelope in update.Envelopes ?? [])
            {
                var position = replica.Count;
                var id = EntryId.Of(envelope);
                var framed = envelope.Header.ContainerInfo?.Index;
                invariants.Check(Invariants.OneEntryPerIndex, step.Number, framed is null || framed == position,
                    () => $"entry {position} of {update.Container} in {account.Name} is framed as index {framed}");
                var expected = position < acknowledged.Count ? acknowledged[position] : null;
                invariants.Check(Invariants.AcknowledgedKept, step.Number, expected is null || expected == id,
                    () => $"index {position} of {update.Container} in {account.Name} holds {id}, but {expected} was acknowledged there");
                replica.Add(id);
                fetched++;
            }
            var reported = counts.ContainerStatus!.First(c => c.Container == update.Container).Index ?? 0;
            invariants.Check(Invariants.DevicesConverge, step.Number, replica.Count == reported,
                () => $"after synchronising, {device} holds {replica.Count} entries of {update.Container} in {account.Name}; the service reports {reported}");
        }
        return $"synchronised {fetched}";
    }

    async Task<string> PostAsync(SimStep step, SimAccount account, CancellationToken cancel)
    {
        var device = account.Devices[step.Device];
        if (!account.Live || !device.Connected) return "skipped: not connected";
        var recipient = accounts[step.Other];
        var messageId = $"m{step.Number}";
        var message = Entry(device, "mmm_Inbound", messageId, $"message of step {step.Number} from {account.Name}", null, device.Client?.Encapsulation?.Signer);
        var sent = await SendAsync<PostResponse>(step, 2, device, new PostRequest { Accounts = [recipient.Name], Message = [message] }, cancel);
        if (recipient.Live) recipient.Posts[messageId] = sent.Succeeded;
        else invariants.Check(Invariants.PostExactlyOnce, step.Number, !sent.Succeeded,
            () => $"the service acknowledged message {messageId} to {recipient.Name}, an account it does not hold: delivered nowhere");
        return sent.Succeeded ? "delivered" : $"reported failed {sent.Status}";
    }

    async Task<string> IntrudeAsync(SimStep step, SimAccount account, CancellationToken cancel)
    {
        var victim = accounts[step.Other];
        var intruder = account.Devices[step.Device];
        if (!victim.Live) return "skipped: no account to intrude on";
        if (step.Other == step.Account && intruder.Connected) return "skipped: the device is connected by now";
        if (intruder.Client is null)
        {
            var keys = DeviceKeys(intruder);
            if (await BringOnlineAsync(step, account, intruder, keys.Authentication, keys.Encryption, keys.EnvelopedProfileDevice(Layout), cancel) is { } offline) return offline;
        }
        // It signs as itself, with no ticket: a ticket names the account it was issued for.
        var session = intruder.Client!.Encapsulation;
        if (session is not null) session.UseTickets = false;
        try
        {
            var read = await SendAsync<DownloadResponse>(step, 1, intruder, new DownloadRequest { Account = victim.Name, Select = [new() { Container = names.Device }] }, cancel);
            Refused(read.Succeeded, read.Status, "read");
            var index = victim.AcknowledgedIn(ScheduleGenerator.Catalogs[0]).Count;
            var write = await SendAsync<UploadResponse>(step, 2, intruder, new UploadRequest
            {
                Account = victim.Name,
                Updates = [new() { Container = ScheduleGenerator.Catalogs[0], Envelopes = [Entry(intruder, ScheduleGenerator.Catalogs[0], $"intruder-{step.Number}", "not yours", index)] }],
            }, cancel);
            Refused(write.Succeeded, write.Status, "wrote to");
            return $"refused {read.Status}/{write.Status}";
        }
        finally
        {
            if (session is not null) session.UseTickets = true;
        }

        void Refused(bool succeeded, int? status, string what) => invariants.Check(Invariants.UnconnectedRefused, step.Number, !succeeded,
            () => $"{intruder}, not connected to {victim.Name}, {what} it: Status {status}");
    }

    async Task<string> DeleteAccountAsync(SimStep step, SimAccount account, CancellationToken cancel)
    {
        if (!account.Live) return "skipped: no account";
        var sent = await SendAsync<DeleteResponse>(step, 1, account.Administrator, new DeleteRequest { Account = account.Name }, cancel);
        account.Deleted = sent.Succeeded || (sent.Status == 404 && sent.MaybeApplied);
        return account.Deleted ? "deleted" : $"refused {sent.Status}";
    }

    async Task RestartAsync(SimStep step, int round)
    {
        if (!await service.RestartAsync())
        {
            Outcome(step, round, "skipped: a foreign service is not restarted");
            return;
        }
        network!.Renew();
        Outcome(step, round, "restarted");
        // Whatever was acknowledged before the restart must be there after it.
        foreach (var account in accounts.Where(a => a.Live))
        {
            var kept = await ReadAllAsync(step.Number, account, CancellationToken.None);
            foreach (var (container, acknowledged) in account.Acknowledged)
            {
                var held = kept?.GetValueOrDefault(container) ?? [];
                for (var i = 0; i < acknowledged.Count; i++)
                {
                    var expected = acknowledged[i];
                    if (expected is null) continue;
                    invariants.Check(Invariants.AcknowledgedKept, step.Number, i < held.Count && held[i] == expected,
                        () => $"after the restart, index {i} of {container} in {account.Name} holds {(i < held.Count ? held[i] : "nothing")}; {expected} was acknowledged");
                }
            }
        }
    }

}

/// <summary>How an Upload ended: stored (accepted, or found stored after a lost answer), a conflict, or refused.</summary>
enum UploadEnd { Accepted, Reconciled, Conflict, Refused }

/// <summary>An Upload's end for the simulator's books; its text is the step outcome the reports and digests show.</summary>
readonly record struct UploadOutcome(UploadEnd End, int? Status = null)
{
    public bool Stored => End is UploadEnd.Accepted or UploadEnd.Reconciled;

    public override string ToString() => End == UploadEnd.Refused ? $"refused {Status}" : End.ToString().ToLowerInvariant();
}
