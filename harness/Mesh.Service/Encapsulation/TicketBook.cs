using System.Collections.Concurrent;
using Mesh.Wire.Crypto;
using Mesh.Wire.Fingerprints;

namespace Mesh.Service.Encapsulation;

/// <summary>A ticket (docs/encapsulation.md): who it was issued to, the key its MACs use, and when it expires.</summary>
public sealed record Ticket(string Id, byte[] Key, string Account, string? DeviceUdf, Wire.Objects.PublicKey ReplyKey, DateTimeOffset Expires);

/// <summary>
/// Tickets issued by the service and the request digests seen while a ticket could still be valid: a request
/// envelope whose PayloadDigest was already seen inside that window is a replay.
/// </summary>
public sealed class TicketBook(IRandomSource random, TimeProvider clock, TimeSpan lifetime, TimeSpan? replayWindow = null)
{
    // A digest is remembered for a ticket's lifetime unless told otherwise (the fault dare-replay-window-short).
    readonly TimeSpan window = replayWindow ?? lifetime;

    readonly ConcurrentDictionary<string, Ticket> tickets = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, DateTimeOffset> seen = new(StringComparer.Ordinal);
    readonly ConcurrentQueue<(string Digest, DateTimeOffset When)> arrivals = new();

    public DateTimeOffset Now => clock.GetUtcNow();

    public Ticket Issue(string account, string? deviceUdf, Wire.Objects.PublicKey replyKey)
    {
        var ticket = new Ticket(Udf.Nonce(random), random.GetBytes(64), account, deviceUdf, replyKey, Now + lifetime);
        tickets[ticket.Id] = ticket;
        return ticket;
    }

    public Ticket? Find(string id) => tickets.TryGetValue(id, out var ticket) ? ticket : null;

    /// <summary>How many tickets have been issued and are held: part of the state a refused request must leave as it was.</summary>
    public int Held => tickets.Count;

    /// <summary>Records a request digest; false when it was seen within the replay window.</summary>
    public bool FirstSight(byte[] payloadDigest)
    {
        var now = Now;
        // Digests leave the window in arrival order: forget the expired ones from the front.
        while (arrivals.TryPeek(out var oldest) && oldest.When + window < now && arrivals.TryDequeue(out oldest))
            seen.TryRemove(oldest.Digest, out _);
        var digest = Convert.ToBase64String(payloadDigest);
        if (!seen.TryAdd(digest, now)) return false;
        arrivals.Enqueue((digest, now));
        return true;
    }
}
