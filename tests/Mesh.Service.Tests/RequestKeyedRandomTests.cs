using System.Text;
using Mesh.Client.Accounts;
using Mesh.Service.Storage;
using Mesh.Wire.Dare;
using Mesh.Wire.Json;
using Mesh.Wire.Messages;
using Mesh.Wire.Model;
using Mesh.Wire.Objects;

namespace Mesh.Service.Tests;

/// <summary>A seeded service keyed on the request gives the same answers whatever order requests arrive in.</summary>
public class RequestKeyedRandomTests
{
    static readonly string[] Accounts = ["alice@example.com", "bob@example.com", "carol@example.com", "dave@example.com"];

    [Fact]
    public void Same_body_gives_the_same_bytes_in_two_instances_whatever_came_before()
    {
        var first = new RequestKeyedRandom("seed");
        var second = new RequestKeyedRandom("seed");
        byte[] body = [1, 2, 3];
        using (second.BeginRequest([9, 9])) second.GetBytes(16);
        second.GetBytes(7);

        using var a = first.BeginRequest(body);
        var fromFirst = (first.GetBytes(16), first.GetBytes(200));
        using var b = second.BeginRequest(body);
        var fromSecond = (second.GetBytes(16), second.GetBytes(200));

        Assert.Equal(fromFirst.Item1, fromSecond.Item1);
        Assert.Equal(fromFirst.Item2, fromSecond.Item2);
        Assert.NotEqual(fromFirst.Item1, fromFirst.Item2[..16]); // each call in a scope gets its own bytes
    }

    [Fact]
    public void A_duplicate_body_gets_fresh_bytes_and_a_different_seed_other_bytes()
    {
        var random = new RequestKeyedRandom("seed");
        byte[] body = Encoding.UTF8.GetBytes("{\"Hello\": {}}");
        byte[] Once(RequestKeyedRandom source)
        {
            using var scope = source.BeginRequest(body);
            return source.GetBytes(32);
        }
        var original = Once(random);
        Assert.NotEqual(original, Once(random));
        Assert.NotEqual(original, Once(new RequestKeyedRandom("other seed")));
        Assert.Equal(original, Once(new RequestKeyedRandom("seed")));
    }

    [Fact]
    public void Its_book_of_bodies_is_bounded_forgets_the_oldest_first_and_stays_repeatable()
    {
        static List<byte[]> Run(RequestKeyedRandom random, IEnumerable<byte> bodies) => bodies.Select(b =>
        {
            using var scope = random.BeginRequest([b]);
            return random.GetBytes(16);
        }).ToList();
        var random = new RequestKeyedRandom("seed", capacity: 3);
        byte[] sequence = [1, 1, 2, 3, 4, 5, 1, 5];
        var drawn = Run(random, sequence);
        Assert.NotEqual(drawn[0], drawn[1]); // remembered: a duplicate gets fresh bytes
        Assert.Equal(drawn[0], drawn[6]);    // forgotten after three other bodies: counted from the start again
        Assert.NotEqual(drawn[5], drawn[7]); // the newest are remembered
        Assert.Equal(3, random.Remembered);
        Assert.Equal(drawn, Run(new RequestKeyedRandom("seed", capacity: 3), sequence));
    }

    [Fact]
    public void Outside_a_scope_it_is_a_seeded_stream()
    {
        Assert.Equal(new RequestKeyedRandom("seed").GetBytes(100), new RequestKeyedRandom("seed").GetBytes(100));
        Assert.NotEqual(new RequestKeyedRandom("seed").GetBytes(32), new RequestKeyedRandom("other").GetBytes(32));
    }

    [Fact]
    public async Task Connects_of_different_accounts_give_the_same_state_in_sequence_and_concurrently()
    {
        var (sequential, sequentialStore) = NewService();
        var (concurrent, concurrentStore) = NewService();
        foreach (var account in Accounts)
        {
            Send(sequential, MeshAccountKeys.FromSeed(account).CreateRequest(account, sequential.Options.Layout));
            Send(concurrent, MeshAccountKeys.FromSeed(account).CreateRequest(account, concurrent.Options.Layout));
        }

        var inOrder = Accounts.Select(account => Acknowledgement(Send(sequential, ConnectOf(account)))).ToList();
        var raced = await Task.WhenAll(Accounts.Reverse().Select(account => Task.Run(() => (account, ack: Acknowledgement(Send(concurrent, ConnectOf(account)))))));

        foreach (var (account, ack) in raced)
        {
            var expected = inOrder[Array.IndexOf(Accounts, account)];
            Assert.Equal(expected.MessageID, ack.MessageID);
            Assert.Equal(expected.ServerNonce, ack.ServerNonce);
        }
        Assert.Equal(Accounts.Length, inOrder.Select(a => a.MessageID).Distinct().Count());
        Assert.Equal(sequentialStore.Fingerprint(), concurrentStore.Fingerprint());
    }

    static (MeshService, ServiceStore) NewService()
    {
        var store = new MemoryStore();
        return (new MeshService(new ServiceOptions { Random = new RequestKeyedRandom("simulation") }, store), store);
    }

    static ConnectRequest ConnectOf(string account) =>
        MeshDeviceKeys.FromSeed(account + "-phone").ConnectRequest(account, new byte[16], BinaryLayout.Unwrapped);

    static Response Send(MeshService service, Request request)
    {
        var reply = service.Handle(WireSerializer.Encode(request, layout: service.Options.Layout));
        Assert.True(reply.Response.Status == MeshStatus.Success, reply.Response.StatusDescription);
        return reply.Response;
    }

    static AcknowledgeConnection Acknowledgement(Response response) =>
        EnvelopeReader.Payload<AcknowledgeConnection>(Assert.IsType<ConnectResponse>(response).EnvelopedConnectionResponse!);
}
