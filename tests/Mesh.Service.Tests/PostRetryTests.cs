using Mesh.Wire.Dare;
using Mesh.Wire.Messages;
using Mesh.Wire.Objects;

namespace Mesh.Service.Tests;

/// <summary>draft-03 Post is exactly once per recipient: a message whose UniqueID is already spooled is a retry.</summary>
public class PostRetryTests
{
    const string Alice = "alice@example.com";
    const string Bob = "bob@example.com";

    [Fact]
    public async Task Post_sent_again_after_a_lost_answer_is_accepted_and_delivered_once()
    {
        await using var harness = await ServiceHarness.StartAsync();
        await harness.CreateAccountAsync(Alice);
        await harness.CreateAccountAsync(Bob);
        var post = new PostRequest { Accounts = [Alice, Bob], Message = [Message(harness, "retry-1")] };
        (await harness.Client.PostAsync(post)).Expect();
        var before = harness.Snapshot();

        var again = (await harness.Client.PostAsync(post)).Expect();

        Assert.Equal(["Accept"], again.Entries!.Select(e => e.Result));
        Assert.Equal(before, harness.Snapshot());
        Assert.All(new[] { Alice, Bob }, account => Assert.Single(Spooled(harness, account), id => id == "retry-1"));
    }

    [Fact]
    public async Task Only_the_messages_and_recipients_not_yet_delivered_are_appended()
    {
        await using var harness = await ServiceHarness.StartAsync();
        await harness.CreateAccountAsync(Alice);
        await harness.CreateAccountAsync(Bob);
        (await harness.Client.PostAsync(new PostRequest { Accounts = [Bob], Message = [Message(harness, "m1")] })).Expect();

        var result = (await harness.Client.PostAsync(new PostRequest { Accounts = [Alice, Bob], Message = [Message(harness, "m1"), Message(harness, "m2")] })).Expect();

        Assert.Equal([(0, "Accept"), (1, "Accept")], result.Entries!.Select(e => (e.IndexRequest!.Value, e.Result!)));
        Assert.Equal(["m1", "m2"], Spooled(harness, Alice));
        Assert.Equal(["m1", "m2"], Spooled(harness, Bob));
        Assert.Equal(Enumerable.Range(0, 3), harness.Store.Entries(Bob, "mmm_Inbound").Select(e => e.Header.ContainerInfo!.Index!.Value));
    }

    [Fact]
    public async Task A_unique_id_repeated_in_one_request_is_delivered_once()
    {
        await using var harness = await ServiceHarness.StartAsync();
        await harness.CreateAccountAsync(Alice);

        var result = (await harness.Client.PostAsync(new PostRequest { Accounts = [Alice], Message = [Message(harness, "twice"), Message(harness, "twice")] })).Expect();

        Assert.Equal(2, result.Entries!.Count(e => e.Result == "Accept"));
        Assert.Equal(["twice"], Spooled(harness, Alice));
    }

    [Theory]
    [InlineData(ProtocolProfile.Draft03, "without a UniqueID")]
    [InlineData(ProtocolProfile.Reference, "with a UniqueID")]
    public async Task Messages_are_appended_each_time_when_there_is_nothing_to_recognise_or_in_the_reference(ProtocolProfile profile, string what)
    {
        await using var harness = await ServiceHarness.StartAsync(profile);
        await harness.CreateAccountAsync(Alice);
        var message = what == "with a UniqueID" ? Message(harness, "again") : SignedObjects.Plain(new RequestContact { Subject = "hi" }, harness.Layout);
        var count = harness.Store.Entries(Alice, "mmm_Inbound").Count;

        (await harness.Client.PostAsync(new PostRequest { Accounts = [Alice], Message = [message] })).Expect();
        (await harness.Client.PostAsync(new PostRequest { Accounts = [Alice], Message = [message] })).Expect();

        Assert.Equal(count + 2, harness.Store.Entries(Alice, "mmm_Inbound").Count);
    }

    static DareEnvelope Message(ServiceHarness harness, string uniqueId) =>
        SignedObjects.Plain(new RequestContact { Subject = uniqueId }, harness.Layout, new ContentMeta { UniqueID = uniqueId });

    // The client-chosen UniqueIDs in the inbound spool, in order (frame 0 and service frames have none of these).
    static List<string> Spooled(ServiceHarness harness, string account) =>
        harness.Store.Entries(account, "mmm_Inbound").Where(e => e.Header.ContentMetaData is not null)
            .Select(e => EnvelopeReader.Meta(e)!.UniqueID!).ToList();
}
