
using Mesh.Wire.Dare;
using Mesh.Wire.Messages;

namespace Mesh.Service.Faults;

/// <summary>The catalogue's faults that show in an answer: they rewrite the response the handler gave, or its bytes.</summary>
public static class ResponseFaults
{
    public static Response Apply(ServiceContext context, Request request, Response response)
    {
        var fault = context.Options.Fault;
        switch (fault)
        {
            case ServiceFaults.WrongStatusCode when response.Status == MeshStatus.Success:
                response.Status = 200;
                break;
            case ServiceFaults.WrongResponseTag when response.GetType() != typeof(MeshResponse):
                return new MeshResponse { Status = response.Status, StatusExtended = response.StatusExtended, StatusDescription = response.StatusDescription, ID = response.ID };
            case ServiceFaults.MissingMember when response is MeshHelloResponse hello:
                hello.Version = null;
                break;
            case ServiceFaults.MissingMember when response is StatusResponse status:
                status.EnvelopedProfileMaster = null;
                break;
            case ServiceFaults.DuplicateAccountAccepted when response is CreateResponse { StatusExtended: MeshStatus.AccountExistsExtended }:
            case ServiceFaults.PostUnknownAccountAccepted when response is PostResponse { Status: 404 }:
            case ServiceFaults.UnknownAccountAccepted when request is MeshRequestUser && response.Status == 404:
                return Success(response);
            case ServiceFaults.StatusWrongCount when response is StatusResponse { ContainerStatus: { } containers }:
                foreach (var container in containers) container.Index += 1;
                break;
            case ServiceFaults.ProfileSignatureStripped when response is StatusResponse { EnvelopedProfileMaster: { } profile } status:
                status.EnvelopedProfileMaster = Unsigned(profile);
                break;
            case ServiceFaults.ProfileSignatureStripped when response is ConnectResponse { EnvelopedProfileMaster: { } profile } connect:
                connect.EnvelopedProfileMaster = Unsigned(profile);
                break;
            case ServiceFaults.DownloadDropsLastEntry when response is DownloadResponse { Updates: { } updates }:
                foreach (var update in updates.Where(u => u.Envelopes is { Count: > 0 })) update.Envelopes = update.Envelopes!.SkipLast(1).ToList();
                break;
        }
        return response;
    }

    /// <summary>An unknown transaction answered as if it had succeeded.</summary>
    public static Response? ForUnknownTransaction(ServiceContext context) =>
        context.Commits(ServiceFaults.UnknownTransactionAccepted) ? Success(new MeshResponse()) : null;

    static DareEnvelope Unsigned(DareEnvelope envelope) => new() { Header = envelope.Header, Payload = envelope.Payload, Trailer = null };

    /// <summary>The response's type answering success, with nothing else in it.</summary>
    public static Response Success(Response response)
    {
        var typed = (Response)Activator.CreateInstance(response.GetType())!;
        typed.Status = MeshStatus.Success;
        typed.StatusDescription = MeshStatus.SuccessText;
        typed.ID = response.ID;
        return typed;
    }
}
