using Mesh.Wire.Messages;

namespace Mesh.Service.Tests;

/// <summary>Requests on one account are serialised: racing uploads never put two entries at one index.</summary>
public class ConcurrencyTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(8)]
    public async Task Parallel_uploads_at_the_same_index_yield_one_accept_and_the_rest_conflicts(int racers)
    {
        await using var harness = await ServiceHarness.StartAsync();
        await harness.CreateAccountAsync("alice@example.com");
        for (var round = 0; round < 5; round++)
        {
            var index = harness.Store.Entries("alice@example.com", "mmm_Device").Count;
            var uploads = Enumerable.Range(0, racers)
                .Select(_ => harness.Client.UploadAsync(TransactionTests.Upload("alice@example.com", "mmm_Device", index, 1)));
            var results = await Task.WhenAll(uploads);
            Assert.True(1 == results.Count(r => r.Status == 201), string.Join("; ", results.Select(r => $"{r.HttpStatus} {r.Status} {r.Response?.StatusDescription}")));
            Assert.Equal(racers - 1, results.Count(r => r.Status == 409));
            var stored = harness.Store.Entries("alice@example.com", "mmm_Device");
            Assert.Equal(index + 1, stored.Count);
            Assert.Equal(Enumerable.Range(0, index + 1), stored.Select(e => e.Header.ContainerInfo!.Index!.Value));
        }
    }

    [Fact]
    public async Task Parallel_account_creations_of_one_name_create_it_once()
    {
        await using var harness = await ServiceHarness.StartAsync();
        var keys = Client.Accounts.MeshAccountKeys.FromSeed("alice");
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => harness.Client.CreateAccountAsync(keys.CreateRequest("alice@example.com", harness.Layout))));
        Assert.Equal(1, results.Count(r => r.Status == 201));
        Assert.Equal(5, results.Count(r => r.Status == 409));
    }
}
