using System.Text;
using Mesh.Service.Storage;
using Mesh.Wire.Messages;

namespace Mesh.Service.Tests;

/// <summary>Both stores behave the same; the file store keeps acknowledged data across restarts and recovers torn tails.</summary>
public sealed class StoreTests : IDisposable
{
    const string Alice = "alice@example.com";
    readonly string folder = Path.Combine(Path.GetTempPath(), "mesh-store-" + Guid.NewGuid().ToString("N"));

    public static TheoryData<string> Kinds => new() { "memory", "file" };

    ServiceStore Open(string kind) => kind == "memory" ? new MemoryStore() : new FileStore(folder);

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Both_stores_run_the_same_account_life(string kind)
    {
        await using var harness = await ServiceHarness.StartAsync(store: Open(kind));
        await harness.CreateAccountAsync(Alice);
        (await harness.Client.UploadAsync(TransactionTests.Upload(Alice, "mmm_Device", 0, 3))).Expect();
        Assert.Equal(409, (await harness.Client.UploadAsync(TransactionTests.Upload(Alice, "mmm_Device", 1, 1))).Status);
        (await harness.Client.UploadAsync(TransactionTests.Upload(Alice, "mmm_Device", 3, 2))).Expect();
        var download = (await harness.Client.DownloadAsync(new DownloadRequest { Account = Alice, Select = [new() { Container = "mmm_Device" }] })).Expect();
        Assert.Equal(Enumerable.Range(0, 5), download.Updates![0].Envelopes!.Select(e => e.Header.ContainerInfo!.Index!.Value));
        (await harness.Client.DeleteAccountAsync(Alice)).Expect();
        Assert.Equal(404, (await harness.Client.StatusAsync(new StatusRequest { Account = Alice })).Status);
    }

    [Fact]
    public async Task Acknowledged_entries_survive_a_restart()
    {
        byte[] uploaded;
        await using (var first = await ServiceHarness.StartAsync(store: new FileStore(folder)))
        {
            await first.CreateAccountAsync(Alice);
            var upload = TransactionTests.Upload(Alice, "mmm_Device", 0, 3);
            (await first.Client.UploadAsync(upload)).Expect();
            uploaded = upload.Updates![0].Envelopes![2].EncodeArray();
        }
        await using var second = await ServiceHarness.StartAsync(store: new FileStore(folder));
        var status = (await second.Client.StatusAsync(new StatusRequest { Account = Alice })).Expect();
        Assert.Equal(3, status.ContainerStatus!.Single(c => c.Container == "mmm_Device").Index);
        var download = (await second.Client.DownloadAsync(new DownloadRequest { Account = Alice, Select = [new() { Container = "mmm_Device", IndexMin = 2 }] })).Expect();
        Assert.Equal(uploaded, download.Updates![0].Envelopes![0].EncodeArray());
        Assert.Equal(409, (await second.Client.CreateAccountAsync(Client.Accounts.MeshAccountKeys.FromSeed(Alice).CreateRequest(Alice, second.Layout))).Status);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(30)]
    public async Task A_torn_last_record_is_cut_off_and_everything_before_it_kept(int cut)
    {
        await using (var first = await ServiceHarness.StartAsync(store: new FileStore(folder)))
        {
            await first.CreateAccountAsync(Alice);
            (await first.Client.UploadAsync(TransactionTests.Upload(Alice, "mmm_Device", 0, 3))).Expect();
        }
        var log = Directory.EnumerateFiles(folder, "*.log", SearchOption.AllDirectories)
            .Single(f => Encoding.UTF8.GetString(Wire.Text.Base32.Decode(Path.GetFileNameWithoutExtension(f))) == "mmm_Device");
        var length = new FileInfo(log).Length;
        using (var file = new FileStream(log, FileMode.Open)) file.SetLength(length - cut);

        using var store = new FileStore(folder);
        Assert.Equal(2, store.Entries(Alice, "mmm_Device").Count);
        Assert.True(store.RecoveredBytes > 0);
        Assert.True(new FileInfo(log).Length < length - cut + 1);
        await using var second = await ServiceHarness.StartAsync(store: new FileStore(folder));
        (await second.Client.UploadAsync(TransactionTests.Upload(Alice, "mmm_Device", 2, 1))).Expect();
    }

    [Fact]
    public void A_corrupt_record_ends_the_container_at_the_last_good_one()
    {
        using (var store = new FileStore(folder))
        {
            store.CreateAccount(new AccountRecord(Alice, new(), new()), [new ContainerAppend("mmm_Device", [.. TransactionTests.UpdateOf("mmm_Device", 0, 3).Envelopes!])]);
        }
        var log = Directory.EnumerateFiles(folder, "*.log", SearchOption.AllDirectories).Single();
        var bytes = File.ReadAllBytes(log);
        bytes[^5] ^= 0x20;
        File.WriteAllBytes(log, bytes);
        using var reopened = new FileStore(folder);
        Assert.Equal(2, reopened.Entries(Alice, "mmm_Device").Count);
    }

    [Fact]
    public void Account_identifiers_cannot_escape_the_store_folder()
    {
        using (var store = new FileStore(folder))
            Assert.True(store.CreateAccount(new AccountRecord("../../evil@example.com", new(), new()), []));
        Assert.Single(Directory.EnumerateDirectories(folder));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(folder)!, "evil*"));
        using var reopened = new FileStore(folder);
        Assert.NotNull(reopened.FindAccount("../../EVIL@example.com"));
    }

    public void Dispose()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}
