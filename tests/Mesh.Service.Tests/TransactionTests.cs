using System.Text;
using Mesh.Client.Accounts;
using Mesh.Service.Handlers;
using Mesh.Wire.Dare;
using Mesh.Wire.Messages;
using Mesh.Wire.Objects;

namespace Mesh.Service.Tests;

/// <summary>Every transaction over real sockets, success and refusals, in both profiles where they differ.</summary>
public class TransactionTests
{
    const string Alice = "alice@example.com";
    const string Bob = "bob@example.com";

    [Theory]
    [InlineData(ProtocolProfile.Draft03)]
    [InlineData(ProtocolProfile.Reference)]
    public async Task Hello_advertises_version_encodings_and_signed_profiles(ProtocolProfile profile)
    {
        await using var harness = await ServiceHarness.StartAsync(profile);
        var result = await harness.Client.HelloAsync();
        var hello = result.Expect();
        Assert.Empty(result.Problems);
        Assert.Equal(201, hello.Status);
        Assert.Equal(3, hello.Version!.Major);
        Assert.Contains("application/json", hello.Version.Encodings![0].ID!);
        Assert.Equal(200, result.HttpStatus);
        if (profile == ProtocolProfile.Reference)
        {
            Assert.Null(hello.StatusDescription);
            Assert.Null(hello.ConstraintsPost);
            Assert.Contains("\n  ", Encoding.UTF8.GetString(result.Exchange.ResponseBody)[200..]); // wrapped base64
        }
        else
        {
            Assert.Equal(65536, hello.ConstraintsPost!.BytesMax);
            Assert.NotNull(hello.PolicyAccount);
        }
    }

    [Fact]
    public async Task Hello_profiles_come_from_the_key_seed()
    {
        await using var first = await ServiceHarness.StartAsync();
        await using var second = await ServiceHarness.StartAsync();
        Assert.Equal((await first.Client.HelloAsync()).Exchange.ResponseBody, (await second.Client.HelloAsync()).Exchange.ResponseBody);
    }

    [Theory]
    [InlineData(ProtocolProfile.Draft03, 409)]
    [InlineData(ProtocolProfile.Reference, 400)]
    public async Task CreateAccount_succeeds_once_and_refuses_a_duplicate_with_extended_status_1(ProtocolProfile profile, int duplicate)
    {
        await using var harness = await ServiceHarness.StartAsync(profile);
        var keys = await harness.CreateAccountAsync(Alice);
        var before = harness.Snapshot();
        var again = await harness.Client.CreateAccountAsync(keys.CreateRequest(Alice, harness.Layout));
        Assert.Equal(duplicate, again.Status);
        Assert.Equal(1, again.Response!.StatusExtended);
        Assert.Equal("Account already registered.", again.Response.StatusDescription);
        Assert.Equal(before, harness.Snapshot());
        var status = (await harness.Client.StatusAsync(new StatusRequest { Account = Alice })).Expect();
        Assert.Equal(keys.SignedProfileMesh(harness.Layout).Payload, status.EnvelopedProfileMaster!.Payload);
    }

    public static TheoryData<string, Func<MeshAccountKeys, CreateRequest>, int, string> BadCreates => new()
    {
        { "foreign domain", k => k.CreateRequest("alice@elsewhere.org", Wire.Json.BinaryLayout.Unwrapped), 400, "is not served here" },
        { "no ServiceID", k => new CreateRequest { SignedProfileMesh = k.SignedProfileMesh(default), SignedAssertionAccount = k.SignedAssertionAccount(Alice, default) }, 400, "ServiceID is required" },
        { "invalid name", k => k.CreateRequest("al ice@example.com", Wire.Json.BinaryLayout.Unwrapped), 400, "invalid character" },
        { "unsigned profile", k => new CreateRequest { ServiceID = Alice, SignedProfileMesh = SignedObjects.Plain(k.ProfileMesh, default), SignedAssertionAccount = k.SignedAssertionAccount(Alice, default) }, 401, "not signed" },
        { "assertion signed by a stranger", k => new CreateRequest { ServiceID = Alice, SignedProfileMesh = k.SignedProfileMesh(default), SignedAssertionAccount = SignedObjects.Sign(k.ProfileAccount(Alice), MeshAccountKeys.FromSeed("mallory").MeshOnline, default) }, 401, "not signed by a key of the Mesh profile" },
        { "assertion for another account", k => new CreateRequest { ServiceID = Alice, SignedProfileMesh = k.SignedProfileMesh(default), SignedAssertionAccount = k.SignedAssertionAccount(Bob, default) }, 400, "does not list" },
        { "assertion of another profile", k => new CreateRequest { ServiceID = Alice, SignedProfileMesh = MeshAccountKeys.FromSeed("other").SignedProfileMesh(default), SignedAssertionAccount = k.SignedAssertionAccount(Alice, default) }, 401, "not signed by a key" },
    };

    [Theory]
    [MemberData(nameof(BadCreates))]
    public async Task CreateAccount_refuses_what_it_cannot_bind_and_changes_nothing(string what, Func<MeshAccountKeys, CreateRequest> request, int status, string reason)
    {
        await using var harness = await ServiceHarness.StartAsync();
        var before = harness.Snapshot();
        var result = await harness.Client.CreateAccountAsync(request(MeshAccountKeys.FromSeed("alice")));
        Assert.True(status == result.Status, $"{what}: {result.Status} {result.Response?.StatusDescription}");
        Assert.Equal(status, result.HttpStatus);
        Assert.Contains(reason, result.Response!.StatusDescription);
        Assert.Equal(before, harness.Snapshot());
    }

    [Fact]
    public async Task Reference_profile_accepts_an_unsigned_mesh_profile_as_the_author_did()
    {
        await using var harness = await ServiceHarness.StartAsync(ProtocolProfile.Reference);
        var keys = MeshAccountKeys.FromSeed("alice");
        var request = new CreateRequest { ServiceID = Alice, SignedProfileMesh = SignedObjects.Plain(keys.ProfileMesh, harness.Layout), SignedAssertionAccount = keys.SignedAssertionAccount(Alice, harness.Layout) };
        var result = await harness.Client.CreateAccountAsync(request);
        Assert.Equal(201, result.Status);
        Assert.Equal("Operation completed successfully", result.Response!.StatusDescription);
    }

    [Theory]
    [InlineData(ProtocolProfile.Draft03, 404, 404)]
    [InlineData(ProtocolProfile.Reference, 400, 201)]
    public async Task Deleted_account_is_gone_and_can_be_created_again(ProtocolProfile profile, int statusAfter, int deleteUnknown)
    {
        await using var harness = await ServiceHarness.StartAsync(profile);
        await harness.CreateAccountAsync(Alice);
        Assert.Equal(201, (await harness.Client.DeleteAccountAsync(Alice)).Status);
        Assert.Equal(statusAfter, (await harness.Client.StatusAsync(new StatusRequest { Account = Alice })).Status);
        Assert.Equal(deleteUnknown, (await harness.Client.DeleteAccountAsync(Alice)).Status);
        await harness.CreateAccountAsync(Alice);
        Assert.Equal(201, (await harness.Client.StatusAsync(new StatusRequest { Account = Alice })).Status);
    }

    [Theory]
    [InlineData(null, 400, "Account is required")]
    [InlineData("nobody@example.com", 404, "is not known")]
    public async Task User_transactions_need_a_known_account(string? account, int status, string reason)
    {
        await using var harness = await ServiceHarness.StartAsync();
        var result = await harness.Client.StatusAsync(new StatusRequest { Account = account });
        Assert.Equal(status, result.Status);
        Assert.Contains(reason, result.Response!.StatusDescription);
    }

    [Fact]
    public async Task Status_reports_existing_containers_and_their_entry_counts()
    {
        await using var harness = await ServiceHarness.StartAsync();
        await harness.CreateAccountAsync(Alice);
        await harness.Client.UploadAsync(Upload(Alice, "mmm_Device", 0, 3)).ContinueWith(t => t.Result.Expect());
        var status = (await harness.Client.StatusAsync(new StatusRequest { Account = Alice })).Expect();
        Assert.Equal(["mmm_Inbound", "mmm_Local", "mmm_Device"], status.ContainerStatus!.Select(c => c.Container));
        Assert.Equal(3, status.ContainerStatus!.Single(c => c.Container == "mmm_Device").Index);
        var asked = (await harness.Client.StatusAsync(new StatusRequest { Account = Alice, Catalogs = ["mmm_Device", "mmm_Bookmark"] })).Expect();
        Assert.Equal(["mmm_Device"], asked.ContainerStatus!.Select(c => c.Container));
    }

    [Fact]
    public async Task Reference_status_reports_its_fixed_list_with_index_1_for_new_containers()
    {
        await using var harness = await ServiceHarness.StartAsync(ProtocolProfile.Reference);
        await harness.CreateAccountAsync(Alice);
        var status = (await harness.Client.StatusAsync(new StatusRequest { Account = Alice })).Expect();
        Assert.Equal(7, status.ContainerStatus!.Count);
        Assert.All(status.ContainerStatus, c => Assert.Equal(1, c.Index));
    }

    [Fact]
    public async Task Upload_accepts_each_entry_and_download_returns_them_byte_for_byte()
    {
        await using var harness = await ServiceHarness.StartAsync();
        await harness.CreateAccountAsync(Alice);
        var upload = Upload(Alice, "mmm_Device", 0, 4);
        var result = (await harness.Client.UploadAsync(upload)).Expect();
        Assert.Equal([0, 1, 2, 3], result.Entries!.Select(e => e.IndexContainer!.Value));
        Assert.All(result.Entries!, e => Assert.Equal("Accept", e.Result));
        var download = (await harness.Client.DownloadAsync(new DownloadRequest { Account = Alice, Select = [new() { Container = "mmm_Device", IndexMin = 1, IndexMax = 2 }] })).Expect();
        var envelopes = download.Updates![0].Envelopes!;
        Assert.Equal(2, envelopes.Count);
        Assert.Equal(upload.Updates![0].Envelopes![1].EncodeArray(), envelopes[0].EncodeArray());
        Assert.Equal(upload.Updates![0].Envelopes![2].EncodeArray(), envelopes[1].EncodeArray());
        Assert.Equal(4, download.Updates[0].Index);
    }

    [Theory]
    [InlineData(2, "Stale index")]
    [InlineData(5, "Stale index")]
    [InlineData(0, "already exists")]
    public async Task Upload_at_the_wrong_index_is_a_conflict_and_stores_nothing(int startAt, string reason)
    {
        await using var harness = await ServiceHarness.StartAsync();
        await harness.CreateAccountAsync(Alice);
        (await harness.Client.UploadAsync(Upload(Alice, "mmm_Device", 0, 3))).Expect();
        var before = harness.Snapshot();
        var conflicting = Upload(Alice, "mmm_Device", startAt, 2);
        conflicting.Updates!.Add(UpdateOf("mmm_Contact", 0, 1));
        var result = await harness.Client.UploadAsync(conflicting);
        Assert.Equal(409, result.Status);
        Assert.Equal(409, result.HttpStatus);
        Assert.Contains(reason, result.Response!.StatusDescription);
        Assert.Equal(["Conflict", "Conflict", "Reject"], result.Typed!.Entries!.Select(e => e.Result));
        Assert.Equal(before, harness.Snapshot());
    }

    [Fact]
    public async Task Reference_upload_appends_blindly_and_returns_no_entries()
    {
        await using var harness = await ServiceHarness.StartAsync(ProtocolProfile.Reference);
        await harness.CreateAccountAsync(Alice);
        (await harness.Client.UploadAsync(Upload(Alice, "mmm_Device", 0, 2))).Expect();
        var stale = (await harness.Client.UploadAsync(Upload(Alice, "mmm_Device", 1, 1))).Expect();
        Assert.Null(stale.Entries);
        Assert.Equal(3, harness.Store.Entries(Alice, "mmm_Device").Count);
    }

    [Theory]
    [InlineData("mmm_Nowhere", 404)]
    [InlineData("../../etc", 404)]
    public async Task Unknown_containers_are_refused(string container, int status)
    {
        await using var harness = await ServiceHarness.StartAsync();
        await harness.CreateAccountAsync(Alice);
        Assert.Equal(status, (await harness.Client.UploadAsync(Upload(Alice, container, 0, 1))).Status);
        Assert.Equal(status, (await harness.Client.DownloadAsync(new DownloadRequest { Account = Alice, Select = [new() { Container = container }] })).Status);
    }

    [Fact]
    public async Task Upload_self_entries_land_in_the_inbound_spool()
    {
        await using var harness = await ServiceHarness.StartAsync();
        await harness.CreateAccountAsync(Alice);
        var marker = SignedObjects.Plain(new MessageComplete { MessageID = "m1" }, harness.Layout);
        var result = (await harness.Client.UploadAsync(new UploadRequest { Account = Alice, Self = [marker] })).Expect();
        Assert.Equal(1, result.Entries![0].IndexContainer);
        var stored = harness.Store.Entries(Alice, "mmm_Inbound")[1];
        Assert.Equal(marker.Payload, stored.Payload);
        Assert.Equal("MessageComplete", EnvelopeReader.Meta(stored)!.MessageType);
    }

    [Fact]
    public async Task Connect_acknowledges_with_a_recomputable_witness_and_spools_the_acknowledgement()
    {
        await using var harness = await ServiceHarness.StartAsync();
        var alice = await harness.CreateAccountAsync(Alice);
        var device = MeshDeviceKeys.FromSeed("alice-phone");
        var clientNonce = new byte[16];
        var response = (await harness.Client.ConnectAsync(device.ConnectRequest(Alice, clientNonce, harness.Layout))).Expect();
        var acknowledgement = EnvelopeReader.Payload<AcknowledgeConnection>(response.EnvelopedConnectionResponse!);
        Assert.Equal(Witness.Compute(Witness.Fingerprint(alice.ProfileMesh)!, acknowledgement.ServerNonce!, Witness.Fingerprint(device.ProfileDevice)!, clientNonce), acknowledgement.Witness);
        var verified = EnvelopeReader.VerifySignatures(response.EnvelopedConnectionResponse!, ProfileKeys.Resolver([harness.Service.Identity.ProfileHost.KeyOfflineSignature!]));
        Assert.True(verified.IsValid, verified.Reason);
        var spooled = harness.Store.Entries(Alice, "mmm_Inbound")[^1];
        var meta = EnvelopeReader.Meta(spooled)!;
        Assert.Equal("AcknowledgeConnection", meta.MessageType);
        Assert.Equal(acknowledgement.MessageID, meta.UniqueID);
    }

    [Fact]
    public async Task Connect_refuses_unknown_accounts_and_requests_not_signed_by_the_device()
    {
        await using var harness = await ServiceHarness.StartAsync();
        await harness.CreateAccountAsync(Alice);
        var device = MeshDeviceKeys.FromSeed("phone");
        var before = harness.Snapshot();
        Assert.Equal(404, (await harness.Client.ConnectAsync(device.ConnectRequest("carol@example.com", new byte[16], harness.Layout))).Status);
        var forged = new ConnectRequest
        {
            MessageConnectionRequestClient = SignedObjects.Sign(device.RequestConnection(Alice, new byte[16], harness.Layout), MeshDeviceKeys.FromSeed("mallory").Authentication, harness.Layout),
        };
        var result = await harness.Client.ConnectAsync(forged);
        Assert.Equal(401, result.Status);
        Assert.Contains("not signed by the device", result.Response!.StatusDescription);
        Assert.Equal(before, harness.Snapshot());
    }

    [Fact]
    public async Task Complete_returns_the_response_once_the_administrator_has_answered()
    {
        await using var harness = await ServiceHarness.StartAsync();
        var alice = await harness.CreateAccountAsync(Alice);
        var device = MeshDeviceKeys.FromSeed("alice-phone");
        var connect = (await harness.Client.ConnectAsync(device.ConnectRequest(Alice, new byte[16], harness.Layout))).Expect();
        var messageId = EnvelopeReader.Payload<AcknowledgeConnection>(connect.EnvelopedConnectionResponse!).MessageID!;
        var responseId = Message.ResponseIdFor(messageId);

        var early = await harness.Client.CompleteAsync(new CompleteRequest { Account = Alice, ResponseID = responseId });
        Assert.Equal(404, early.Status);

        var acceptance = alice.AcceptDevice(Alice, device.EnvelopedProfileDevice(harness.Layout), messageId, ("mmm_Device", 0), ("mmm_Local", harness.Store.Entries(Alice, "mmm_Local").Count), harness.Layout);
        var (entry, answer) = (acceptance.Upload.Updates![0].Envelopes![0], acceptance.Answer);
        (await harness.Client.UploadAsync(acceptance.Upload)).Expect();

        var complete = (await harness.Client.CompleteAsync(new CompleteRequest { Account = Alice, ResponseID = responseId })).Expect();
        var signed = Assert.IsType<CompleteResponse>(complete).SignedResponse!;
        Assert.Equal(answer.Payload, signed.Payload);
        var byDevice = (await harness.Client.CompleteAsync(new CompleteRequest { Account = Alice, DeviceUDF = device.DeviceUdf })).Expect();
        Assert.Equal(entry.Payload, Assert.IsType<StatusResponse>(byDevice).EnvelopedCatalogEntryDevice!.Payload);
    }

    [Fact]
    public async Task Post_delivers_to_every_recipient_or_to_none()
    {
        await using var harness = await ServiceHarness.StartAsync();
        await harness.CreateAccountAsync(Alice);
        await harness.CreateAccountAsync(Bob);
        var message = SignedObjects.Plain(new RequestContact { Subject = "hello" }, harness.Layout, new ContentMeta { UniqueID = "client-id-1" });
        var result = (await harness.Client.PostAsync(new PostRequest { Accounts = [Alice, Bob], Message = [message] })).Expect();
        Assert.Equal("Accept", result.Entries![0].Result);
        foreach (var account in new[] { Alice, Bob })
        {
            var delivered = harness.Store.Entries(account, "mmm_Inbound")[^1];
            Assert.Equal(message.Payload, delivered.Payload);
            Assert.Equal("client-id-1", EnvelopeReader.Meta(delivered)!.UniqueID); // A13: the client's identifier is kept
            Assert.Equal("RequestContact", EnvelopeReader.Meta(delivered)!.MessageType);
        }
        var before = harness.Snapshot();
        var unknown = await harness.Client.PostAsync(new PostRequest { Accounts = [Alice, "nobody@example.com"], Message = [message] });
        Assert.Equal(404, unknown.Status);
        Assert.Equal(before, harness.Snapshot());
    }

    [Fact]
    public async Task Post_of_a_message_over_the_advertised_limit_is_refused_with_413_and_delivers_nothing()
    {
        await using var harness = await ServiceHarness.StartAsync(configure: o => o with { BytesMax = 4096 });
        await harness.CreateAccountAsync(Alice);
        var before = harness.Snapshot();
        var result = await harness.Client.PostAsync(new PostRequest { Accounts = [Alice], Message = [EnvelopeWriter.Plain(new byte[4000])] });
        Assert.Equal((413, 413), (result.HttpStatus, result.Status));
        Assert.Contains("larger than ConstraintsPost.BytesMax (4096 bytes)", result.Response!.StatusDescription);
        Assert.Equal(before, harness.Snapshot());
        Assert.Equal(201, (await harness.Client.PostAsync(new PostRequest { Accounts = [Alice], Message = [EnvelopeWriter.Plain(new byte[1000])] })).Status);
    }

    internal static UploadRequest Upload(string account, string container, int first, int count) =>
        new() { Account = account, Updates = [UpdateOf(container, first, count)] };

    internal static ContainerUpdate UpdateOf(string container, int first, int count) => ContainerEntries.TextEntries(container, first, count);
}
