using Mesh.Service.Encapsulation;
using Mesh.Wire.Crypto;
using Xunit;

namespace Mesh.Service.Tests;

/// <summary>The replay book and the tickets are bounded without opening a replay or letting an expired ticket in.</summary>
public class TicketBookTests
{
    static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    static readonly Wire.Objects.PublicKey ReplyKey = KeyPair.Generate(Curve.X448, new SeededRandomSource("reply")).ToPublicKey();

    static byte[] Digest(int i) => BitConverter.GetBytes(i);

    [Fact]
    public void An_expired_ticket_is_forgotten_when_the_next_is_issued()
    {
        var clock = new ManualClock(Start);
        var book = new TicketBook(new SeededRandomSource("tickets"), clock, Hour);
        var first = book.Issue("alice@example.com", null, ReplyKey);
        clock.Advance(Hour - TimeSpan.FromSeconds(1));
        var second = book.Issue("alice@example.com", null, ReplyKey);
        Assert.Equal(2, book.Held);

        clock.Advance(TimeSpan.FromSeconds(1));
        var third = book.Issue("alice@example.com", null, ReplyKey);
        Assert.Null(book.Find(first.Id));
        Assert.Same(second, book.Find(second.Id));
        Assert.Same(third, book.Find(third.Id));
        Assert.Equal(2, book.Held);
    }

    [Fact]
    public void Kept_expired_when_told_to_so_the_fault_can_be_seen()
    {
        var clock = new ManualClock(Start);
        var book = new TicketBook(new SeededRandomSource("tickets"), clock, Hour, forgetExpired: false);
        var first = book.Issue("alice@example.com", null, ReplyKey);
        clock.Advance(2 * Hour);
        book.Issue("alice@example.com", null, ReplyKey);
        Assert.Same(first, book.Find(first.Id));
    }

    [Fact]
    public void Beyond_its_bound_the_oldest_ticket_goes_first()
    {
        var book = new TicketBook(new SeededRandomSource("tickets"), new ManualClock(Start), Hour, maxTickets: 3);
        var issued = Enumerable.Range(0, 5).Select(_ => book.Issue("alice@example.com", null, ReplyKey)).ToList();
        Assert.Equal(3, book.Held);
        Assert.Null(book.Find(issued[0].Id));
        Assert.Null(book.Find(issued[1].Id));
        Assert.All(issued.Skip(2), t => Assert.Same(t, book.Find(t.Id)));
    }

    [Fact]
    public void A_digest_is_a_replay_until_its_window_ends_then_forgotten()
    {
        var clock = new ManualClock(Start);
        var book = new TicketBook(new SeededRandomSource("tickets"), clock, Hour);
        Assert.True(book.FirstSight(Digest(1)));
        clock.Advance(Hour);
        Assert.False(book.FirstSight(Digest(1)));     // the window includes its last instant
        clock.Advance(TimeSpan.FromTicks(1));
        Assert.True(book.FirstSight(Digest(2)));
        Assert.Equal(1, book.DigestsHeld);            // digest 1 left with its window
        Assert.True(book.FirstSight(Digest(1)));
    }

    [Fact]
    public void A_full_digest_book_refuses_as_busy_still_knows_its_replays_and_frees_with_time()
    {
        var clock = new ManualClock(Start);
        var book = new TicketBook(new SeededRandomSource("tickets"), clock, Hour, maxDigests: 4);
        for (var i = 0; i < 4; i++) Assert.True(book.FirstSight(Digest(i)));

        var busy = Assert.Throws<MeshFailure>(() => book.FirstSight(Digest(4)));
        Assert.Equal(FailureKind.Busy, busy.Kind);
        Assert.Equal(503, MeshStatus.Code(busy.Kind));
        Assert.False(book.FirstSight(Digest(0)));     // a replay is still a replay, not merely busy
        Assert.Equal(4, book.DigestsHeld);

        clock.Advance(Hour + TimeSpan.FromTicks(1));
        Assert.True(book.FirstSight(Digest(4)));
        Assert.Equal(1, book.DigestsHeld);
    }
}
