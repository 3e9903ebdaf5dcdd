using Mesh.Client;
using Mesh.Client.Accounts;
using Mesh.Conformance.Scenarios;
using Mesh.Wire.Dare;
using Mesh.Wire.Messages;
using Mesh.Wire.Objects;
using static Mesh.Conformance.Scenarios.Expect;

namespace Mesh.Conformance.Drivers;

/// <summary>
/// A device's connection in bare JSON (draft §8), through the scenario's transaction driver so every answer is
/// judged: the device's Connect, the administrator's acceptance or rejection (found from the AcknowledgeConnection
/// in the account's inbound spool, as an administration device finds it), and the device's Complete. The requests
/// are <see cref="DeviceConnection"/>'s, which the DARE steps and the simulator send too.
/// </summary>
public sealed class ConnectionDriver(ServiceTargetDriver target, TransactionDriver transactions, ActorsDriver actors)
{
    /// <summary>What each device's Connect answered: the device completes with the MessageID it was given.</summary>
    readonly Dictionary<string, DareEnvelope> acknowledgements = new(StringComparer.OrdinalIgnoreCase);

    Mesh.Wire.Json.BinaryLayout Layout => target.Client.Options.Layout;

    public async Task<MeshResult<Response>> ConnectAsync(string device, string account, string? pinUdf = null)
    {
        var result = await transactions.SendAsync(actors.Connection(device, account, Layout, pinUdf).Connect());
        if (result.Succeeded && result.Response is ConnectResponse { EnvelopedConnectionResponse: { } ack }) acknowledgements[device] = ack;
        return result;
    }

    /// <summary>The administrator <paramref name="holder"/> accepts the request the inbound spool last acknowledged.</summary>
    public async Task<MeshResult<Response>> AcceptAsync(string holder, string device)
    {
        var account = target.Account(holder);
        var messageId = await AcknowledgedMessageIdAsync(account);
        var (devices, local) = (target.Containers.Device, target.Containers.Local);
        var acceptance = actors.Connection(device, account, Layout).Accept(actors.Account(holder), messageId,
            (devices, await target.EntryCountAsync(account, devices)), (local, await target.EntryCountAsync(account, local)));
        return await transactions.SendAsync(acceptance.Upload);
    }

    public async Task<MeshResult<Response>> RejectAsync(string holder)
    {
        var account = target.Account(holder);
        var messageId = await AcknowledgedMessageIdAsync(account);
        var local = target.Containers.Local;
        var rejection = actors.Account(holder).RejectDevice(account, messageId, (local, await target.EntryCountAsync(account, local)), Layout);
        return await transactions.SendAsync(rejection.Upload);
    }

    /// <summary>Complete with the ResponseID of the MessageID the device's own Connect was given.</summary>
    public Task<MeshResult<Response>> CompleteAsync(string device, string account)
    {
        var acknowledgement = acknowledgements.TryGetValue(device, out var envelope)
            ? Payload<AcknowledgeConnection>(envelope, "The AcknowledgeConnection of the device's Connect")
            : throw new InvalidOperationException($"the step is misused: the device \"{device}\" has not connected");
        return transactions.SendAsync(new CompleteRequest { Account = account, ResponseID = Message.ResponseIdFor(MessageIdOf(acknowledgement)) });
    }

    async Task<string> AcknowledgedMessageIdAsync(string account) => MessageIdOf(await LastAcknowledgementAsync(account));

    static string MessageIdOf(AcknowledgeConnection acknowledgement)
    {
        That(acknowledgement.MessageID is not null, "The AcknowledgeConnection carries a MessageID (draft §8)", "a MessageID", "none", "H25");
        return acknowledgement.MessageID!;
    }

    /// <summary>
    /// The AcknowledgeConnection the administrator finds in the inbound spool: the last entry labelled so, or, from a
    /// service that stores it without ContentMeta (the author's of 2019, A35), the last entry whose payload is one.
    /// </summary>
    async Task<AcknowledgeConnection> LastAcknowledgementAsync(string account)
    {
        var entries = await target.EntriesAsync(account, target.Containers.Inbound);
        var labelled = entries.LastOrDefault(e => EnvelopeReader.TryMeta(e)?.MessageType == nameof(AcknowledgeConnection));
        if (labelled is not null) return Payload<AcknowledgeConnection>(labelled, "The inbound entry labelled AcknowledgeConnection");
        foreach (var entry in entries.Reverse())
        {
            try { if (EnvelopeReader.Payload<AcknowledgeConnection>(entry) is { EnvelopedRequestConnection: not null } found) return found; }
            catch (Exception e) when (e is not OutOfMemoryException) { } // not an acknowledgement: look further back
        }
        throw new ConformanceFailure("Connect leaves the AcknowledgeConnection in the account's inbound spool for the administrator (A35)",
            "an AcknowledgeConnection among the inbound entries", $"{entries.Count} entries, none an AcknowledgeConnection", "H25");
    }
}
