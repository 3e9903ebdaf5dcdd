using Mesh.Wire.Messages;
using Mesh.Wire.Protocol;

namespace Mesh.Service.Handlers;

/// <summary>
/// Hello (draft §5): versions, encodings, limits, policy and the signed service and host
/// profiles. In the reference profile the answer has exactly the recorded shape (no StatusDescription,
/// JSON only, no constraints or policy).
/// </summary>
public sealed class HelloHandler(ServiceContext context) : TransactionHandler<HelloRequest, MeshHelloResponse>(context)
{
    /// <summary>Encoding identifiers the harness registers for JSON-B and JSON-C (A26).</summary>
    public const string JsonB = "application/json-b";
    public const string JsonC = "application/json-c";
    public const string Json = "application/json";

    protected override MeshHelloResponse Handle(HelloRequest request)
    {
        var options = Context.Options;
        var identity = Context.Identity;
        if (Context.Reference)
        {
            return new MeshHelloResponse
            {
                Status = MeshStatus.Success,
                Version = new ProtocolVersion { Major = 3, Minor = 0, Encodings = [new() { ID = [Json] }] },
                EnvelopedProfileService = identity.EnvelopedProfileService,
                EnvelopedProfileHost = identity.EnvelopedProfileHost,
            };
        }
        List<ProtocolEncoding> encodings = [new() { ID = [Json] }];
        if (options.BinaryEncodings)
        {
            encodings.Add(new() { ID = [JsonB] });
            encodings.Add(new() { ID = [JsonC], Dictionary = [JsonCDictionary.Name] });
        }
        return new MeshHelloResponse
        {
            Status = MeshStatus.Success,
            StatusDescription = MeshStatus.SuccessText,
            Version = new ProtocolVersion { Major = 3, Minor = 0, Encodings = encodings },
            ConstraintsPost = new ConstraintsData { BytesMax = options.BytesMax },
            PolicyAccount = new PolicyAccount
            {
                Minimum = options.AccountNameMinimum,
                Maximum = options.AccountNameMaximum,
                InvalidCharacters = options.AccountNameInvalidCharacters,
            },
            EnvelopedProfileService = identity.EnvelopedProfileService,
            EnvelopedProfileHost = identity.EnvelopedProfileHost,
        };
    }
}
