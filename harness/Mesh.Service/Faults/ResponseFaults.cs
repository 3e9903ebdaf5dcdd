
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
            case ServiceFaults.DeleteUnknownAccepted when response is DeleteResponse { Status: 404 }:
            case ServiceFaults.PostUnknownAccountAccepted when response is PostResponse { Status: 404 }:
            case ServiceFaults.UnknownAccountAccepted when request is MeshRequestUser && response.Status == 404:
                return Success(response);
            case ServiceFaults.StatusWrongCount when response is StatusResponse { ContainerStatus: { } containers }:
                foreach (var container in containers) container.Index += 1;
                break;
        }
        return response;
    }

    /// <summary>An unknown transaction answered as if it had succeeded.</summary>
    public static Response? ForUnknownTransaction(ServiceContext context) =>
        context.Commits(ServiceFaults.UnknownTransactionAccepted) ? Success(new MeshResponse()) : null;

    /// <summary>Adds a member no schema defines right after the response's first member name.</summary>
    public static byte[] ApplyToBody(ServiceContext context, byte[] body)
    {
        if (!context.Commits(ServiceFaults.ExtraUnknownMember)) return body;
        var text = System.Text.Encoding.UTF8.GetString(body);
        var at = text.IndexOf("\": {\n", StringComparison.Ordinal);
        if (at < 0) return body;
        var indent = text[(at + 5)..].TakeWhile(c => c == ' ').Count();
        return System.Text.Encoding.UTF8.GetBytes(text[..(at + 5)] + new string(' ', indent) + "\"Extension\": true,\n" + text[(at + 5)..]);
    }

    static Response Success(Response response)
    {
        var typed = (Response)Activator.CreateInstance(response.GetType())!;
        typed.Status = MeshStatus.Success;
        typed.StatusDescription = MeshStatus.SuccessText;
        typed.ID = response.ID;
        return typed;
    }
}
