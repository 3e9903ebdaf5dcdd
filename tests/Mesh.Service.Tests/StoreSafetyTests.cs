using System.Text;
using Mesh.Client.Accounts;
using Mesh.Service.Storage;
using Mesh.Wire.Messages;

namespace Mesh.Service.Tests;

/// <summary>Issue 12 in the stores: one canonical form of an account name in both stores, requests all or nothing
/// across a crash, and reads that neither copy nor change under the reader.</summary>
public sealed class StoreSafetyTests : IDisposable
{
    const string Alice = "alice@example.com";
    readonly string folder = Path.Combine(Path.GetTempPath(), "mesh-safety-" + Guid.NewGuid().ToString("N"));

    public static TheoryData<string> Kinds => new() { "memory", "file" };

    ServiceStore Open(string kind) => kind == "memory" ? new MemoryStore() : new FileStore(folder);

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_name_and_its_Kelvin_sign_spelling_are_one_account(string kind)
    {
        await using var harness = await ServiceHarness.StartAsync(store: Open(kind));
        await harness.CreateAccountAsync("kate@example.com");
        var second = await harness.Client.CreateAccountAsync(MeshAccountKeys.FromSeed("kelvin").CreateRequest("\u212Aate@example.com", harness.Layout));
        Assert.Equal(409, second.Status);
        Assert.Equal(MeshStatus.AccountExistsExtended, second.Response!.StatusExtended);
        Assert.DoesNotContain(folder, second.Response.StatusDescription ?? "", StringComparison.Ordinal);
        Assert.Equal(201, (await harness.Client.StatusAsync(new StatusRequest { Account = "KATE@example.com" })).Status);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_name_with_a_lone_surrogate_is_refused(string kind)
    {
        // The reference profile checks nothing else about a new account, so the name alone decides.
        await using var harness = await ServiceHarness.StartAsync(ProtocolProfile.Reference, store: Open(kind));
        var before = harness.Snapshot();
        var request = Encoding.UTF8.GetString(Wire.Model.WireSerializer.Encode(MeshAccountKeys.FromSeed("s").CreateRequest("xx@example.com", harness.Layout)));
        var body = Encoding.UTF8.GetBytes(request.Replace("\"xx@example.com\"", "\"\\ud800x@example.com\"", StringComparison.Ordinal));
        var result = await harness.Client.SendBytesAsync<Response>(body, "application/json");
        Assert.Equal(400, result.Status);
        Assert.Equal(before, harness.Snapshot());
    }

    [Fact]
    public async Task A_two_container_upload_cut_by_a_crash_is_undone_when_the_store_opens()
    {
        await using (var setup = await ServiceHarness.StartAsync(store: new FileStore(folder)))
            await setup.CreateAccountAsync(Alice);
        var crashed = new FileStore(folder);
        using var frozen = new ManualResetEventSlim();
        using var reached = new ManualResetEventSlim();
        crashed.AfterContainerFlushed = _ => { reached.Set(); frozen.Wait(); throw new IOException("the process is gone"); };
        var upload = new UploadRequest { Account = Alice, Updates = [TransactionTests.UpdateOf("mmm_Device", 0, 3), TransactionTests.UpdateOf("mmm_Contact", 0, 5)] };
        var writer = Task.Run(() => crashed.Append(Alice, upload.Updates!.Select(u => new ContainerAppend(u.Container!, u.Envelopes!)).ToList()));
        Assert.True(reached.Wait(TimeSpan.FromSeconds(10)));
        // The files now hold one container's entries and not the other's, as a kill at this point leaves them.
        using (var reopened = new FileStore(folder))
        {
            Assert.False(reopened.ContainerExists(Alice, "mmm_Device"));
            Assert.False(reopened.ContainerExists(Alice, "mmm_Contact"));
        }
        frozen.Set();
        await Assert.ThrowsAsync<IOException>(() => writer);
        crashed.Dispose();
        await using var after = await ServiceHarness.StartAsync(store: new FileStore(folder));
        (await after.Client.UploadAsync(upload)).Expect(); // the retry is not a conflict
        Assert.Equal(3, after.Store.Entries(Alice, "mmm_Device").Count);
        Assert.Equal(5, after.Store.Entries(Alice, "mmm_Contact").Count);
    }

    [Fact]
    public async Task An_eight_entry_upload_is_all_or_nothing_and_a_new_account_comes_with_all_its_containers()
    {
        await using (var setup = await ServiceHarness.StartAsync(store: new FileStore(folder)))
            await setup.CreateAccountAsync(Alice);
        var store = new FileStore(folder);
        var calls = 0;
        store.AfterContainerFlushed = _ => { calls++; throw new IOException("disk full"); };
        var update = TransactionTests.UpdateOf("mmm_Device", 0, 8);
        Assert.Throws<IOException>(() => store.Append(Alice, [new ContainerAppend("mmm_Device", update.Envelopes!)]));
        Assert.Equal(1, calls);
        Assert.False(store.ContainerExists(Alice, "mmm_Device"));
        store.Dispose();
        using var reopened = new FileStore(folder);
        Assert.False(reopened.ContainerExists(Alice, "mmm_Device"));
        Assert.True(reopened.ContainerExists(Alice, "mmm_Local"));
        Assert.True(reopened.ContainerExists(Alice, "mmm_Inbound"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_read_is_a_fixed_view_and_costs_no_copy(string kind)
    {
        using var store = Open(kind);
        Assert.True(store.CreateAccount(new AccountRecord(Alice, new(), new()), [new("mmm_Device", TransactionTests.UpdateOf("mmm_Device", 0, 3).Envelopes!)]));
        var view = store.Entries(Alice, "mmm_Device");
        Assert.Same(view, store.Entries(Alice, "mmm_Device"));
        store.Append(Alice, [new("mmm_Device", TransactionTests.UpdateOf("mmm_Device", 3, 2).Envelopes!)]);
        Assert.Equal(3, view.Count);
        Assert.Equal(3, view.Count());
        Assert.Equal(5, store.Entries(Alice, "mmm_Device").Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => view[3]);
        Assert.True(((ICollection<Wire.Dare.DareEnvelope>)view).IsReadOnly); // nothing a caller can write through
        Assert.Throws<NotSupportedException>(() => ((IList<Wire.Dare.DareEnvelope>)view)[0] = view[1]);
        Assert.Equal(view.Skip(1).Select(e => e.Header.ContainerInfo!.Index), [1, 2]);
    }

    public void Dispose()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}

/// <summary>serve --replay listens on loopback only, as it prints (issue 12, finding 7).</summary>
public sealed class ReplayBindingTests
{
    [Fact]
    public void The_replay_service_binds_loopback_only()
    {
        using var replay = Conformance.Targets.ReplayService.Start([new("Hello", null, 200, "application/json", "{\"MeshHelloResponse\": {}}"u8.ToArray(), "test")]);
        var endpoints = System.Net.NetworkInformation.IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners().Where(e => e.Port == replay.Port).ToList();
        Assert.NotEmpty(endpoints);
        Assert.All(endpoints, e => Assert.True(System.Net.IPAddress.IsLoopback(e.Address), $"listening on {e}"));
    }
}
