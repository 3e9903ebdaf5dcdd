using Mesh.Service.Encapsulation;
using Mesh.Service.Faults;
using Mesh.Service.Handlers;
using Mesh.Service.Storage;
using Mesh.Service.Variations;
using Mesh.Wire.Dare;
using Mesh.Wire.Json;
using Mesh.Wire.Messages;
using Mesh.Wire.Model;
using Mesh.Wire.Protocol;

namespace Mesh.Service;

/// <summary>The service's answer to one request body: the HTTP status to send, the encoded body, and the response itself.</summary>
public sealed record ServiceReply(int HttpStatus, byte[] Body, Response Response);

/// <summary>A request read off the wire, or the refusal that says why it could not be.</summary>
public sealed record DecodedRequest(Transaction? Transaction, Request? Request, Response? Refusal);

/// <summary>
/// The reference Mesh service, transport-free: a request body in, a response body out. It reads the
/// tagged request, finds the transaction by its wire name, runs the handler and encodes the answer in
/// the request's encoding. A body that is a DARE envelope goes through the <see cref="DareGate"/> first
/// (docs/encapsulation.md). A refusal never changes state and always says what was wrong; the profile decides
/// the codes (docs/service.md).
/// </summary>
public sealed class MeshService
{
    readonly Dictionary<Type, TransactionHandler> handlers;
    readonly DareGate? gate;

    /// <summary>The tickets issued under DARE encapsulation and held (0 without it).</summary>
    public int TicketsHeld => gate?.TicketsHeld ?? 0;

    public MeshService(ServiceOptions options, ServiceStore store)
    {
        Context = new ServiceContext(options, store);
        handlers = Transactions.All.ToDictionary(t => t.RequestType, t => (TransactionHandler)Activator.CreateInstance(HandlerTypes[t.RequestType], Context)!);
        if (options.DareEncapsulation) gate = new DareGate(this);
    }

    /// <summary>
    /// Each transaction's handler, found by the request type it declares (<see cref="TransactionHandler{TRequest, TResponse}"/>):
    /// a transaction is registered once, in <see cref="Transactions.All"/>, and served by the handler written for it.
    /// </summary>
    static readonly Dictionary<Type, Type> HandlerTypes = FindHandlers();

    static Dictionary<Type, Type> FindHandlers()
    {
        var found = typeof(TransactionHandler).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.BaseType is { IsGenericType: true } b && b.GetGenericTypeDefinition() == typeof(TransactionHandler<,>))
            .ToDictionary(t => t.BaseType!.GetGenericArguments()[0]);
        var missing = Transactions.All.Where(t => !found.ContainsKey(t.RequestType)).Select(t => t.Name).ToList();
        if (missing.Count > 0) throw new InvalidOperationException($"no handler for the transactions {string.Join(", ", missing)}");
        return found;
    }

    public ServiceContext Context { get; }
    public ServiceOptions Options => Context.Options;
    public ServiceIdentity Identity => Context.Identity;

    /// <summary>Answers one request body, read in <paramref name="encoding"/>; <paramref name="secureTransport"/> when it came over TLS.</summary>
    public ServiceReply Handle(ReadOnlySpan<byte> body, WireEncoding encoding = WireEncoding.Json, bool secureTransport = false)
    {
        // A seeded service answering concurrent requests keys its randomness on the request, not on arrival order.
        using var scope = (Options.Random as RequestKeyedRandom)?.BeginRequest(body);
        if (DareEnvelope.IsEnvelopeBody(body))
        {
            return gate?.Handle(body.ToArray(), secureTransport)
                ?? Reply(Failure(new MeshResponse(), FailureKind.BadRequest, "The body is a DARE envelope but this service does not use DARE encapsulation"), encoding);
        }
        var decoded = Decode(body, encoding);
        if (decoded.Refusal is not null) return Reply(decoded.Refusal, encoding);
        // Draft §4.4: Hello is sent in JSON, since a client learns the other encodings from its answer.
        if (decoded.Request is HelloRequest && encoding != WireEncoding.Json)
            return Reply(Failure(new MeshHelloResponse(), FailureKind.UnsupportedEncoding, "Hello is sent in JSON encoding (draft §4.4): the other encodings are offered in its answer"), encoding);
        if (gate is not null && decoded.Request is not HelloRequest && !Context.Commits(ServiceFaults.DareUnauthenticatedAccepted))
            return Reply(Failure(NewResponse(decoded.Transaction!), FailureKind.Unauthorized,
                $"{decoded.Transaction!.Name} needs an authenticated DARE envelope: only Hello may be sent bare (null authentication, draft §4.3.1)"), encoding);
        if (decoded.Request is HelloRequest { ID: null } && Options.Fault is null) return helloReplies.GetOrAdd(encoding, e => Reply(Dispatch(decoded.Transaction!, decoded.Request!), e));
        return Reply(Dispatch(decoded.Transaction!, decoded.Request!), encoding);
    }

    // Hello's answer depends on nothing but the options (draft §5): encoded once per encoding, the signed profiles with it.
    readonly System.Collections.Concurrent.ConcurrentDictionary<WireEncoding, ServiceReply> helloReplies = new();

    /// <summary>Reads a tagged request; unknown transactions and wrong members come back as refusals.</summary>
    public DecodedRequest Decode(ReadOnlySpan<byte> body, WireEncoding encoding)
    {
        var dictionary = encoding == WireEncoding.JsonC ? JsonCDictionary.Words : null;
        WireNode node;
        try { node = WireReader.Parse(body, dictionary); }
        catch (WireFormatException e) { return new(null, null, Failure(new MeshResponse(), FailureKind.BadRequest, $"Malformed request: {e.Message}")); }

        if (node is not WireObject { Members: [var (tag, _)] })
            return new(null, null, Failure(new MeshResponse(), FailureKind.BadRequest, "A request is a one-member object naming its transaction"));
        var transaction = Transactions.Find(tag);
        if (transaction is null && ResponseFaults.ForUnknownTransaction(Context) is { } accepted) return new(null, null, accepted);
        if (transaction is null)
            return new(null, null, Failure(new MeshResponse(), FailureKind.BadRequest, Context.Reference ? MeshStatus.UnknownOperationText : $"{MeshStatus.UnknownOperationText} ('{tag}')"));
        try { return new(transaction, (Request)WireSerializer.BindTagged(node, transaction.RequestType, WirePath.Root), null); }
        catch (WireFormatException e) { return new(transaction, null, Failure(NewResponse(transaction), FailureKind.BadRequest, e.Message)); }
    }

    /// <summary>Runs the transaction's handler; a refusal or an internal error becomes the transaction's response type.</summary>
    public Response Dispatch(Transaction transaction, Request request)
    {
        Response response;
        try
        {
            response = handlers[transaction.RequestType].Handle(request);
            response.Status ??= MeshStatus.Success;
            if (response.Status == MeshStatus.Success && !(Context.Reference && response is MeshHelloResponse))
                response.StatusDescription ??= MeshStatus.SuccessText;
            if (Context.Reference && response.Status >= 400) response = Failure(NewResponse(transaction), FailureKind.BadRequest, response.StatusDescription ?? "");
        }
        catch (MeshFailure failure) { response = Failure(NewResponse(transaction), failure.Kind, failure.Message, failure.StatusExtended); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            response = Failure(NewResponse(transaction), FailureKind.Internal, $"Internal error: {e.GetType().Name}");
        }
        response.ID ??= request.ID; // A31: echo the request identifier
        return ResponseFaults.Apply(Context, request, response);
    }

    public static Response NewResponse(Transaction transaction) => (Response)Activator.CreateInstance(transaction.ResponseType)!;

    /// <summary>A refusal in the profile's form: draft-03 the specific code and reason; the reference 400 "Error occurred".</summary>
    public Response Failure(Response response, FailureKind kind, string description, int? extended = null)
    {
        if (Context.Reference)
        {
            response.Status = 400;
            response.StatusExtended = extended;
            response.StatusDescription = extended == MeshStatus.AccountExistsExtended ? MeshStatus.AccountExistsText
                : description == MeshStatus.UnknownOperationText ? description : MeshStatus.ReferenceErrorText;
        }
        else
        {
            response.Status = MeshStatus.Code(kind);
            response.StatusExtended = extended;
            response.StatusDescription = description;
        }
        return response;
    }

    /// <summary>docs/service.md: the payload Status is authoritative; draft-03 mirrors 4xx/5xx into HTTP, the reference answers 200.</summary>
    public int HttpStatusOf(Response response) => !Context.Reference && response.Status >= 400 ? response.Status.Value : 200;

    public byte[] Encode(Response response, WireEncoding encoding = WireEncoding.Json) => AnswerVariations.ApplyToBody(Options,
        WireSerializer.Encode(AnswerVariations.Apply(Options, response), encoding, Options.Layout, encoding == WireEncoding.JsonC ? JsonCDictionary.Words : null), encoding);

    ServiceReply Reply(Response response, WireEncoding encoding) => new(HttpStatusOf(response), Encode(response, encoding), response);
}
