using Mesh.Client.Accounts;
using Mesh.Conformance.Drivers;
using Mesh.Conformance.Specs.Support;
using Mesh.Wire.Crypto;
using Mesh.Wire.Dare;
using Mesh.Wire.Messages;
using Mesh.Wire.Objects;
using TechTalk.SpecFlow;
using static Mesh.Conformance.Scenarios.Expect;

namespace Mesh.Conformance.Specs.StepDefinitions;

/// <summary>CreateAccount and DeleteAccount (draft §6), the valid requests and the hostile ones.</summary>
[Binding]
public sealed class AccountSteps(ServiceTargetDriver target, TransactionDriver transactions, ActorsDriver actors) : TransactionStepBase(target, transactions, actors)
{
    [Given(@"(\w+) has created the account (\S+)")]
    public async Task GivenAnAccount(string holder, AccountAddress account) =>
        Succeeded(await Target.Client.CreateAccountAsync(CreateRequestOf(holder, account)), $"CreateAccount of {account}");

    [When(@"(\w+) creates the account (\S+)")]
    public Task WhenCreating(string holder, AccountAddress account) => Transactions.SendAsync(CreateRequestOf(holder, account));

    [When(@"(\w+) creates the account (\S+) with (an unsigned Mesh profile|an assertion signed by another key|an assertion naming (\S+)|the assertion of another Mesh profile|no ServiceID)")]
    public Task WhenCreatingBadly(string holder, AccountAddress account, string flaw, AccountAddress other)
    {
        var keys = Actors.Account(holder);
        var request = flaw switch
        {
            "an unsigned Mesh profile" => new CreateRequest { ServiceID = account, SignedProfileMesh = SignedObjects.Plain(keys.ProfileMesh, Layout), SignedAssertionAccount = keys.SignedAssertionAccount(account, Layout) },
            "an assertion signed by another key" => new CreateRequest { ServiceID = account, SignedProfileMesh = keys.SignedProfileMesh(Layout), SignedAssertionAccount = SignedObjects.Sign(keys.ProfileAccount(account), Actors.Account("mallory").MeshOnline, Layout) },
            "the assertion of another Mesh profile" => new CreateRequest { ServiceID = account, SignedProfileMesh = Actors.Account("mallory").SignedProfileMesh(Layout), SignedAssertionAccount = keys.SignedAssertionAccount(account, Layout) },
            "no ServiceID" => new CreateRequest { SignedProfileMesh = keys.SignedProfileMesh(Layout), SignedAssertionAccount = keys.SignedAssertionAccount(account, Layout) },
            _ => new CreateRequest { ServiceID = account, SignedProfileMesh = keys.SignedProfileMesh(Layout), SignedAssertionAccount = keys.SignedAssertionAccount(other, Layout) },
        };
        return Transactions.SendAsync(request);
    }

    /// <summary>
    /// The Mesh profile's offline key is the identity point and the profile is "signed" by it (R = identity, S = 0,
    /// <see cref="SignatureFlaws.SignedByIdentityKey"/>); the assertion, signed by the real online key, names that
    /// profile, so only the small-order key is wrong.
    /// </summary>
    [When(@"(\w+) creates the account (\S+) with a Mesh profile whose offline key is the identity point")]
    public Task WhenCreatingWithTheIdentityKey(string holder, AccountAddress account)
    {
        var keys = Actors.Account(holder);
        var identity = SignatureFlaws.IdentityKey();
        var profile = new ProfileMesh { KeyOfflineSignature = identity, KeysOnlineSignature = [keys.MeshOnline.ToPublicKey()], KeyEncryption = keys.MeshEncryption.ToPublicKey() };
        var assertion = keys.ProfileAccount(account);
        assertion.MeshProfileUDF = identity.UDF;
        return Transactions.SendAsync(new CreateRequest
        {
            ServiceID = account,
            SignedProfileMesh = SignatureFlaws.SignedByIdentityKey(SignedObjects.Sign(profile, keys.MeshOffline, Layout)),
            SignedAssertionAccount = SignedObjects.Sign(assertion, keys.MeshOnline, Layout),
        });
    }

    [When(@"(\w+) creates the account (\S+) with (its Mesh profile|its account assertion) carrying (.+)")]
    public Task WhenCreatingWithFlawedSignature(string holder, AccountAddress account, string signed, string flaw)
    {
        var keys = Actors.Account(holder);
        var request = keys.CreateRequest(account, Layout, signMeshProfile: true);
        var stranger = Actors.Account("mallory").MeshOffline;
        if (signed == "its Mesh profile") request.SignedProfileMesh = SignatureFlaws.Apply(request.SignedProfileMesh!, flaw, stranger);
        else request.SignedAssertionAccount = SignatureFlaws.Apply(request.SignedAssertionAccount!, flaw, stranger);
        return Transactions.SendAsync(request);
    }

    [When(@"(\w+) deletes the account (\S+)")]
    public Task WhenDeleting(string holder, AccountAddress account) => Transactions.SendAsync(new DeleteRequest { Account = account });
}
