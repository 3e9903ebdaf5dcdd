using System.Security.Cryptography;
using System.Text;
using Mesh.Client.Accounts;
using Mesh.Wire.Crypto;
using Mesh.Wire.Dare;
using Mesh.Wire.Fingerprints;
using Mesh.Wire.Messages;

namespace Mesh.Service.Tests;

/// <summary>draft-03 refuses an Upload entry or a Post message whose trailer PayloadDigest does not match its payload.</summary>
public class PayloadIntegrityTests
{
    const string Alice = "alice@example.com";
    static readonly KeyPair Signer = MeshAccountKeys.FromSeed("alice").MeshOnline;

    [Fact]
    public async Task Upload_of_an_entry_with_a_wrong_payload_digest_is_refused_naming_it_and_stores_nothing()
    {
        await using var harness = await ServiceHarness.StartAsync();
        await harness.CreateAccountAsync(Alice);
        var upload = TransactionTests.Upload(Alice, "mmm_Device", 0, 3);
        upload.Updates![0].Envelopes![1] = Tampered(Signed("entry 1", 1));
        var before = harness.Snapshot();

        var result = await harness.Client.UploadAsync(upload);

        Assert.Equal((400, 400), (result.HttpStatus, result.Status));
        Assert.Contains("Envelope 1 for 'mmm_Device'", result.Response!.StatusDescription);
        Assert.Contains("PayloadDigest does not match", result.Response.StatusDescription);
        Assert.Equal(before, harness.Snapshot());
    }

    [Fact]
    public async Task Upload_of_a_self_entry_with_a_wrong_payload_digest_is_refused_and_stores_nothing()
    {
        await using var harness = await ServiceHarness.StartAsync();
        await harness.CreateAccountAsync(Alice);
        var upload = TransactionTests.Upload(Alice, "mmm_Device", 0, 2);
        upload.Self = [Signed("fine", null), Tampered(Signed("marker", null))];
        var before = harness.Snapshot();

        var result = await harness.Client.UploadAsync(upload);

        Assert.Equal(400, result.Status);
        Assert.Contains("Self envelope 1", result.Response!.StatusDescription);
        Assert.Equal(before, harness.Snapshot());
    }

    [Fact]
    public async Task Upload_of_entries_with_right_digests_or_none_is_accepted_under_either_digest_algorithm()
    {
        await using var harness = await ServiceHarness.StartAsync();
        await harness.CreateAccountAsync(Alice);
        var upload = TransactionTests.Upload(Alice, "mmm_Device", 0, 1);
        upload.Updates![0].Envelopes!.Add(Signed("signed", 1));
        upload.Updates![0].Envelopes!.Add(Sha3Digested("sha3", 2, "sha3"));

        var result = (await harness.Client.UploadAsync(upload)).Expect();

        Assert.Equal([0, 1, 2], result.Entries!.Select(e => e.IndexContainer!.Value));
        Assert.Equal(3, harness.Store.Entries(Alice, "mmm_Device").Count);
    }

    [Fact]
    public async Task A_sha2_digest_under_a_sha3_header_is_refused()
    {
        await using var harness = await ServiceHarness.StartAsync();
        await harness.CreateAccountAsync(Alice);
        var upload = TransactionTests.Upload(Alice, "mmm_Device", 0, 0);
        upload.Updates![0].Envelopes!.Add(Sha3Digested("sha3", 0, "sha2"));

        var result = await harness.Client.UploadAsync(upload);

        Assert.Equal(400, result.Status);
        Assert.Contains("Envelope 0 for 'mmm_Device'", result.Response!.StatusDescription);
        Assert.False(harness.Store.ContainerExists(Alice, "mmm_Device"));
    }

    [Fact]
    public async Task Post_of_a_message_with_a_wrong_payload_digest_is_refused_and_delivers_nothing()
    {
        await using var harness = await ServiceHarness.StartAsync();
        await harness.CreateAccountAsync(Alice);
        var before = harness.Snapshot();

        var result = await harness.Client.PostAsync(new PostRequest { Accounts = [Alice], Message = [Signed("hello", null), Tampered(Signed("hello again", null))] });

        Assert.Equal((400, 400), (result.HttpStatus, result.Status));
        Assert.Contains("Message 1", result.Response!.StatusDescription);
        Assert.Equal(before, harness.Snapshot());
        (await harness.Client.PostAsync(new PostRequest { Accounts = [Alice], Message = [Signed("hello", null)] })).Expect();
    }

    [Fact]
    public async Task Reference_profile_stores_a_wrong_digest_as_the_author_did()
    {
        await using var harness = await ServiceHarness.StartAsync(ProtocolProfile.Reference);
        await harness.CreateAccountAsync(Alice);
        var upload = TransactionTests.Upload(Alice, "mmm_Device", 0, 0);
        upload.Updates![0].Envelopes!.Add(Tampered(Signed("entry 0", 0)));

        (await harness.Client.UploadAsync(upload)).Expect();
        (await harness.Client.PostAsync(new PostRequest { Accounts = [Alice], Message = [Tampered(Signed("hello", null))] })).Expect();

        Assert.Single(harness.Store.Entries(Alice, "mmm_Device"));
    }

    static DareEnvelope Signed(string text, int? index)
    {
        var envelope = EnvelopeWriter.Signed(Encoding.UTF8.GetBytes(text), Signer);
        if (index is { } i) envelope.Header.ContainerInfo = new ContainerInfo { Index = i };
        return envelope;
    }

    // The payload changed after signing: the carried digest is the original's.
    static DareEnvelope Tampered(DareEnvelope envelope) =>
        new() { Header = envelope.Header, Payload = [.. envelope.Payload, (byte)'!'], Trailer = envelope.Trailer };

    static DareEnvelope Sha3Digested(string text, int index, string digestUsed)
    {
        var payload = Encoding.UTF8.GetBytes(text);
        return new DareEnvelope
        {
            Header = new DareHeader { DigestAlgorithm = DareAlgorithms.Sha3, ContainerInfo = new ContainerInfo { Index = index } },
            Payload = payload,
            Trailer = new DareTrailer { PayloadDigest = digestUsed == "sha3" ? Udf.Hash(UdfDigest.Sha3_512, payload) : SHA512.HashData(payload) },
        };
    }
}
