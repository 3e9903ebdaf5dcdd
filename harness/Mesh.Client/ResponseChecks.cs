using Mesh.Wire.Dare;
using Mesh.Wire.Messages;
using Mesh.Wire.Model;
using Mesh.Wire.Objects;

namespace Mesh.Client;

/// <summary>
/// What a client checks of every response (§5.1 HP checks): the tag is the expected
/// type (or MeshResponse), a Status is present, the HTTP status agrees with it, and signed profiles verify.
/// Each finding is a sentence a report can show.
/// </summary>
public static class ResponseChecks
{
    public static IEnumerable<string> Check<TExpected>(Response response, Exchange exchange) where TExpected : Response
    {
        if (response is not TExpected && response.GetType() != typeof(MeshResponse))
            yield return $"answer tagged {WireTypes.TagOf(response.GetType())}, expected {typeof(TExpected).Name}";
        if (response.Status is null) yield return "response has no Status";
        else if (exchange.Status != 200 && exchange.Status != response.Status)
            yield return $"HTTP status {exchange.Status} disagrees with the payload Status {response.Status}";
        // Unknown members are no problem of the client's: the draft is silent and readers ignore them (A25); the
        // suite judges them as that decision (ResponseStructure), not as a broken answer.
        if (exchange.ResponseHeader("Content-Type") is { } type && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            yield return $"Content-Type {type} is not a Mesh encoding";
        if (response is MeshHelloResponse hello && hello.Status is >= 200 and < 300)
        {
            foreach (var problem in Profile<ProfileService>(hello.EnvelopedProfileService, "EnvelopedProfileService")) yield return problem;
            foreach (var problem in Profile<ProfileHost>(hello.EnvelopedProfileHost, "EnvelopedProfileHost")) yield return problem;
        }
    }

    /// <summary>A profile envelope must be present, hold its profile, and be signed by the profile's own key.</summary>
    public static IEnumerable<string> Profile<T>(DareEnvelope? envelope, string field) where T : Profile
    {
        if (envelope is null)
        {
            yield return $"{field} is missing";
            yield break;
        }
        var (_, result) = SignedObjects.OpenProfile<T>(envelope);
        if (!result.IsValid) yield return $"{field}: {result.Reason}";
    }
}
