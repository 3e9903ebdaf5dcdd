using System.Collections.Concurrent;
using Mesh.Wire.Crypto;
using Mesh.Wire.Fingerprints;

namespace Mesh.Service.Encapsulation;

/// <summary>A ticket (docs/encapsulation.md): who it was issued to, the key its MACs use, and when it expires.</summary>
public sealed record Ticket(string Id, byte[] Key, string Account, string? DeviceUdf, Wire.Objects.PublicKey ReplyKey, DateTimeOffset Expires);

/// <summary>
/// Tickets issued by the service and the request digests seen while a ticket could still be valid: a request
/// envelope whose PayloadDigest was already seen inside that window is a replay.
/// Both books are bounded (docs/encapsulation.md). An expired ticket is forgotten when the next one is issued, and
/// beyond <see cref="MaxTickets"/> the oldest goes first: its holder is then told the ticket is unknown and signs
/// again. A digest cannot be forgotten inside its window without letting a replay through, so a full digest book
/// refuses new requests as busy (503) until digests leave the window.
/// </summary>
public sealed class TicketBook(IRandomSource random, TimeProvider clock, TimeSpan lifetime, TimeSpan? replayWindow = null,
    bool forgetExpired = true, int maxTickets = TicketBook.MaxTickets, int maxDigests = TicketBook.MaxDigests)
{
    public const int MaxTickets = 1 << 18;
    public const int MaxDigests = 1 << 20;

    // A digest is remembered for a ticket's lifetime unless told otherwise (the fault dare-replay-window-short).
    readonly TimeSpan window = replayWindow ?? lifetime;

    readonly ConcurrentDictionary<string, Ticket> tickets = new(StringComparer.Ordinal);
    readonly ConcurrentQueue<Ticket> issued = new();
    readonly ConcurrentDictionary<string, DateTimeOffset> seen = new(StringComparer.Ordinal);
    readonly ConcurrentQueue<(string Digest, DateTimeOffset When)> arrivals = new();

    public DateTimeOffset Now => clock.GetUtcNow();

    public Ticket Issue(string account, string? deviceUdf, Wire.Objects.PublicKey replyKey)
    {
        var now = Now;
        var ticket = new Ticket(Udf.Nonce(random), random.GetBytes(64), account, deviceUdf, replyKey, now + lifetime);
        // Tickets expire in the order they were issued (one lifetime for all), so the expired ones are at the front.
        // The fault dare-ticket-never-expires keeps them, or it could not be seen accepting one.
        while (issued.TryPeek(out var oldest) && ((forgetExpired && oldest.Expires <= now) || tickets.Count >= maxTickets)
               && issued.TryDequeue(out oldest))
            tickets.TryRemove(oldest.Id, out _);
        tickets[ticket.Id] = ticket;
        issued.Enqueue(ticket);
        return ticket;
    }

    public Ticket? Find(string id) => tickets.TryGetValue(id, out var ticket) ? ticket : null;

    /// <summary>How many tickets have been issued and are held: part of the state a refused request must leave as it was.</summary>
    public int Held => tickets.Count;

    /// <summary>How many request digests are held inside the replay window.</summary>
    public int DigestsHeld => seen.Count;

    /// <summary>
    /// Records a request digest; false when it was seen within the replay window. Throws a busy refusal when the
    /// book is full of digests still inside the window.
    /// </summary>
    public bool FirstSight(byte[] payloadDigest)
    {
        var now = Now;
        // Digests leave the window in arrival order: forget the expired ones from the front.
        while (arrivals.TryPeek(out var oldest) && oldest.When + window < now && arrivals.TryDequeue(out oldest))
            seen.TryRemove(oldest.Digest, out _);
        var digest = Convert.ToBase64String(payloadDigest);
        if (seen.ContainsKey(digest)) return false;
        if (seen.Count >= maxDigests)
            throw MeshFailure.Busy($"The replay book holds {maxDigests} request digests still inside the replay window: try again later");
        if (!seen.TryAdd(digest, now)) return false;
        arrivals.Enqueue((digest, now));
        return true;
    }
}
