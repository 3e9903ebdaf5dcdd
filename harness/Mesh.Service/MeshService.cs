using Mesh.Service.Handlers;
using Mesh.Service.Storage;
using Mesh.Wire.Json;
using Mesh.Wire.Messages;
using Mesh.Wire.Model;

namespace Mesh.Service;

/// <summary>The service's answer to one request body: the HTTP status to send, the encoded body, and the response itself.</summary>
public sealed record ServiceReply(int HttpStatus, byte[] Body, Response Response);

/// <summary>
/// The reference Mesh service, transport-free: a request body in, a response body out. It reads the
/// tagged request, finds the transaction by its wire name, runs the handler and encodes the answer in
/// the request's encoding. A refusal never changes state and always says what was wrong; the profile
/// decides the codes (decisions.md §1, §3, §4).
/// </summary>
public sealed class MeshService
{
    readonly Dictionary<Type, TransactionHandler> handlers;

    public MeshService(ServiceOptions options, ServiceStore store)
    {
        Context = new ServiceContext(options, store);
        // One registration per transaction (protocol.md §5).
        handlers = new()
        {
            [typeof(HelloRequest)] = new HelloHandler(Context),
            [typeof(CreateRequest)] = new CreateAccountHandler(Context),
            [typeof(DeleteRequest)] = new DeleteAccountHandler(Context),
            [typeof(StatusRequest)] = new StatusHandler(Context),
            [typeof(DownloadRequest)] = new DownloadHandler(Context),
            [typeof(UploadRequest)] = new UploadHandler(Context),
            [typeof(CompleteRequest)] = new CompleteHandler(Context),
            [typeof(ConnectRequest)] = new ConnectHandler(Context),
            [typeof(PostRequest)] = new PostHandler(Context),
        };
    }

    public ServiceContext Context { get; }
    public ServiceOptions Options => Context.Options;
    public ServiceIdentity Identity => Context.Identity;

    /// <summary>Answers one request body, read in <paramref name="encoding"/>.</summary>
    public ServiceReply Handle(ReadOnlySpan<byte> body, WireEncoding encoding = WireEncoding.Json)
    {
        var dictionary = encoding == WireEncoding.JsonC ? JsonCDictionary.Words : null;
        WireNode node;
        try { node = WireReader.Parse(body, dictionary); }
        catch (WireFormatException e) { return Reply(Failure(new MeshResponse(), FailureKind.BadRequest, $"Malformed request: {e.Message}"), encoding); }

        if (node is not WireObject { Members: [var (tag, _)] })
            return Reply(Failure(new MeshResponse(), FailureKind.BadRequest, "A request is a one-member object naming its transaction"), encoding);
        var transaction = Transactions.Find(tag);
        if (transaction is null)
            return Reply(Failure(new MeshResponse(), FailureKind.BadRequest, Context.Reference ? MeshStatus.UnknownOperationText : $"{MeshStatus.UnknownOperationText} ('{tag}')"), encoding);

        Request request;
        try { request = (Request)WireSerializer.BindTagged(node, transaction.RequestType, "$"); }
        catch (WireFormatException e) { return Reply(Failure(NewResponse(transaction), FailureKind.BadRequest, e.Message), encoding); }

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
            response = Failure(NewResponse(transaction), FailureKind.Internal, $"Internal error: {e.GetType().Name}: {e.Message}");
        }
        response.ID ??= request.ID; // A31: echo the request identifier
        return Reply(response, encoding);
    }

    static Response NewResponse(Transaction transaction) => (Response)Activator.CreateInstance(transaction.ResponseType)!;

    /// <summary>A refusal in the profile's form: draft-03 the specific code and reason; the reference 400 "Error occurred".</summary>
    Response Failure(Response response, FailureKind kind, string description, int? extended = null)
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

    // decisions.md §3: the payload Status is authoritative; draft-03 mirrors 4xx/5xx into HTTP, the reference answers 200.
    ServiceReply Reply(Response response, WireEncoding encoding)
    {
        var body = WireSerializer.Encode(response, encoding, Options.Layout, encoding == WireEncoding.JsonC ? JsonCDictionary.Words : null);
        var http = !Context.Reference && response.Status >= 400 ? response.Status.Value : 200;
        return new ServiceReply(http, body, response);
    }
}
