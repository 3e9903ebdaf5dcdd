using Mesh.Service.Storage;
using Mesh.Wire.Dare;
using Mesh.Wire.Fingerprints;
using Mesh.Wire.Messages;
using Mesh.Wire.Objects;

namespace Mesh.Service.Handlers;

/// <summary>
/// CreateAccount (draft §6). draft-03 checks what the reference never did (A21, A22):
/// the ServiceID's domain is served here and its name obeys the policy, the Mesh profile is signed by its
/// offline key, the assertion is signed by a key of that profile, names the account and the profile.
/// The reference profile only refuses a duplicate. A duplicate is 409 (reference 400), StatusExtended 1.
/// </summary>
public sealed class CreateAccountHandler(ServiceContext context) : TransactionHandler<CreateRequest, CreateResponse>(context)
{
    protected override CreateResponse Handle(CreateRequest request)
    {
        var serviceId = request.ServiceID;
        if (string.IsNullOrEmpty(serviceId)) throw MeshFailure.BadRequest("ServiceID is required");
        if (request.SignedProfileMesh is null) throw MeshFailure.BadRequest("SignedProfileMesh is required");
        if (request.SignedAssertionAccount is null) throw MeshFailure.BadRequest("SignedAssertionAccount is required");
        // One canonical form per name, in every profile and store (A22, AccountNames): a name without one is refused.
        if (AccountNames.Problem(serviceId) is { } problem) throw MeshFailure.BadRequest(problem);
        if (Context.Commits(Faults.ServiceFaults.RefusalChangesState))
            Context.Store.CreateAccount(new AccountRecord(serviceId, request.SignedProfileMesh, request.SignedAssertionAccount), []);
        if (!Context.Reference) Check(serviceId, request.SignedProfileMesh, request.SignedAssertionAccount);

        using var held = Context.Lock(AccountNames.Canonical(serviceId)!);
        var initial = new List<ContainerAppend> { new(Context.Names.Inbound, [ServiceContext.HeaderFrame()]) };
        if (!Context.Reference && !Context.Options.Takes(Variations.ServiceVariations.NoLocalContainer)) initial.Add(new(Context.Names.Local, [ServiceContext.HeaderFrame()]));
        var created = Context.Store.CreateAccount(new AccountRecord(serviceId, request.SignedProfileMesh, request.SignedAssertionAccount), initial);
        if (!created) throw MeshFailure.Conflict(MeshStatus.AccountExistsText, MeshStatus.AccountExistsExtended);
        return new CreateResponse();
    }

    void Check(string serviceId, DareEnvelope signedProfile, DareEnvelope signedAssertion)
    {
        var options = Context.Options;
        var at = serviceId.LastIndexOf('@');
        if (at <= 0 || at == serviceId.Length - 1) throw MeshFailure.BadRequest($"ServiceID '{serviceId}' is not of the form name@domain");
        var (name, domain) = (serviceId[..at], serviceId[(at + 1)..]);
        if (!options.Serves(domain)) throw MeshFailure.BadRequest($"ServiceID domain '{domain}' is not served here (A22)");
        if (name.Length < options.AccountNameMinimum || name.Length > options.AccountNameMaximum)
            throw MeshFailure.BadRequest($"Account name '{name}' is outside the policy length {options.AccountNameMinimum}..{options.AccountNameMaximum}");
        if (name.IndexOfAny(options.AccountNameInvalidCharacters.ToCharArray()) is var bad and >= 0)
            throw MeshFailure.BadRequest($"Account name '{name}' contains the invalid character '{name[bad]}'");

        var (profile, profileCheck) = SignedObjects.OpenProfile<ProfileMesh>(signedProfile);
        if (profile is null) throw MeshFailure.BadRequest($"SignedProfileMesh: {profileCheck.Reason}");
        if (!profileCheck.IsValid && !options.Takes(Variations.ServiceVariations.UncheckedAccountSignatures)) throw MeshFailure.Unauthorized($"SignedProfileMesh: {profileCheck.Reason}");
        var assertion = Open<ProfileAccount>(signedAssertion, "SignedAssertionAccount");
        var check = EnvelopeReader.VerifySignatures(signedAssertion, ProfileKeys.Resolver(ProfileKeys.SignatureKeys(profile)));
        if (!check.IsValid && !options.Takes(Variations.ServiceVariations.UncheckedAccountSignatures)) throw MeshFailure.Unauthorized($"SignedAssertionAccount is not signed by a key of the Mesh profile: {check.Reason}");
        var meshUdf = ProfileKeys.Udf(profile);
        if (assertion.MeshProfileUDF is null || meshUdf is null || !Udf.Matches(assertion.MeshProfileUDF, meshUdf))
            throw MeshFailure.BadRequest($"SignedAssertionAccount.MeshProfileUDF '{assertion.MeshProfileUDF}' is not the Mesh profile's UDF {meshUdf}");
        if (assertion.ServiceIDs?.Contains(serviceId, StringComparer.OrdinalIgnoreCase) != true)
            throw MeshFailure.BadRequest($"SignedAssertionAccount.ServiceIDs does not list '{serviceId}'");
    }

    static T Open<T>(DareEnvelope envelope, string field) where T : Wire.Model.WireRecord
    {
        try { return EnvelopeReader.Payload<T>(envelope); }
        catch (Wire.Json.WireFormatException e) { throw MeshFailure.BadRequest($"{field} does not hold a {typeof(T).Name}: {e.Reason}"); }
    }
}
