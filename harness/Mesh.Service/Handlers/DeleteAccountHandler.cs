using Mesh.Wire.Messages;

namespace Mesh.Service.Handlers;

/// <summary>
/// DeleteAccount (draft §6): removes the account and its containers; the same ServiceID
/// may be created again. An unknown account is 404 (A23); the reference answered 201.
/// </summary>
public sealed class DeleteAccountHandler(ServiceContext context) : TransactionHandler<DeleteRequest, DeleteResponse>(context)
{
    protected override DeleteResponse Handle(DeleteRequest request)
    {
        if (string.IsNullOrEmpty(request.Account)) throw MeshFailure.BadRequest("Account is required on User transactions (A7)");
        using var held = Context.Lock(request.Account);
        if (!Context.Store.DeleteAccount(request.Account) && !Context.Reference)
            throw MeshFailure.NotFound($"Account '{request.Account}' is not known to this service");
        return new DeleteResponse();
    }
}
