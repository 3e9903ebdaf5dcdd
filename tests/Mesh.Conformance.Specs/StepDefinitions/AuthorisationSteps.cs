using Mesh.Client;
using Mesh.Client.Accounts;
using Mesh.Conformance.Drivers;
using Mesh.Wire.Crypto;
using Mesh.Wire.Dare;
using Mesh.Wire.Json;
using Mesh.Wire.Messages;
using Mesh.Wire.Objects;
using Mesh.Conformance.Specs.Support;
using TechTalk.SpecFlow;

namespace Mesh.Conformance.Specs.StepDefinitions;

/// <summary>
/// The authorisation matrix under DARE (A8, docs/encapsulation.md): one transaction on an account by one kind of actor.
/// The actors are those the scenario set up: alice administers alice@example.com, "alice's phone" is connected to it,
/// "alice's tablet" was connected and removed, "bob's phone" is connected to bob@example.com, mallory has no account.
/// </summary>
[Binding]
public sealed class AuthorisationSteps(ServiceTargetDriver target, TransactionDriver transactions, ActorsDriver actors)
{
    const BinaryLayout Layout = BinaryLayout.Unwrapped;

    /// <summary>Who acts: how it reaches the service (null: a bare request), the account it belongs to, the key it signs messages with.</summary>
    sealed record Actor(Func<Task<MeshClient>>? Client, string? OwnAccount, KeyPair MessageSigner);

    Actor Named(string actor) => actor switch
    {
        "the account's administrator" => Administrator("alice", "alice@example.com"),
        "a connected device" => Device("alice's phone", "alice@example.com"),
        "a removed device" => Device("alice's tablet", "alice@example.com"),
        "another account's device" => Device("bob's phone", "bob@example.com"),
        "a stranger" => Administrator("mallory", null),
        "an anonymous sender" => new(null, null, actors.Account("mallory").MeshOnline),
        _ => throw new ArgumentException($"unknown actor '{actor}'", nameof(actor)),
    };

    Actor Administrator(string holder, string? account) =>
        new(() => target.DareClientAsync(holder, actors.Account(holder).MeshOnline, actors.Account(holder).MeshEncryption), account, actors.Account(holder).MeshOnline);

    Actor Device(string name, string account) =>
        new(() => target.DareClientAsync(name, actors.Device(name).Authentication, actors.Device(name).Encryption, actors.Device(name).EnvelopedProfileDevice(Layout)),
            account, actors.Device(name).Authentication);

    [When(@"(the account's administrator|a connected device|a removed device|another account's device|a stranger|an anonymous sender) sends (Status|Download|Upload|Post|DeleteAccount) on (\S+) over DARE")]
    public async Task WhenTheActorSends(string actorName, string transaction, AccountAddress account)
    {
        var actor = Named(actorName);
        var client = actor.Client is null ? null : await actor.Client();
        // Post goes with a ticket (docs/encapsulation.md): an actor earns one with a request on its own account first.
        if (transaction == "Post" && client is not null && actor.OwnAccount is { } own)
            await client.StatusAsync(new StatusRequest { Account = own });
        Request request = transaction switch
        {
            "Status" => new StatusRequest { Account = account },
            "Download" => new DownloadRequest { Account = account, Select = [new ConstraintsSelect { Container = "mmm_Device" }] },
            "Upload" => new UploadRequest { Account = account, Updates = [ContainerEntries.Entries("mmm_Contact", await target.EntryCountAsync(account, "mmm_Contact"), 1)] },
            "Post" => new PostRequest { Accounts = [account], Message = [SignedObjects.Sign(new RequestContact { Subject = $"from {actorName}" }, actor.MessageSigner, Layout)] },
            _ => new DeleteRequest { Account = account },
        };
        await transactions.SendAsync(request, client);
    }
}
