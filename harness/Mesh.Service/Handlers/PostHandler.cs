using Mesh.Service.Storage;
using Mesh.Wire.Dare;
using Mesh.Wire.Messages;

namespace Mesh.Service.Handlers;

/// <summary>
/// Post ("Mesh Messaging", protocol.md §5.9, A13, A20): direct delivery of every message to the inbound
/// spool of every named account on this service. Every recipient must exist (404, nothing delivered);
/// one Accept entry per message. ConstraintsPost.BytesMax bounds the whole request, so the binding refuses
/// an oversized message with 413 before it gets here. Without DARE authentication there is no sender, so a
/// Post without Accounts, or with Self,
/// is refused (draft-03; the reference also refused a missing list and ignored Self). A message whose trailer
/// PayloadDigest is wrong is refused with 400 (draft-03, <see cref="PayloadIntegrity"/>).
/// </summary>
public sealed class PostHandler(ServiceContext context) : TransactionHandler<PostRequest, PostResponse>(context)
{
    protected override PostResponse Handle(PostRequest request)
    {
        if (request.Accounts is not { Count: > 0 } recipients) throw MeshFailure.BadRequest("Post needs Accounts: the recipients (there is no authenticated sender to deliver to locally)");
        if (request.Message is not { Count: > 0 } messages) throw MeshFailure.BadRequest("Post needs at least one Message");
        if (request.Self is { Count: > 0 } && !Context.Reference) throw MeshFailure.BadRequest("Post.Self needs an authenticated sender (DARE encapsulation); use Upload.Self");
        if (Context.Reference && (recipients.Count != 1 || messages.Count != 1)) throw MeshFailure.BadRequest("The reference delivers exactly one message to one account");
        if (!Context.Reference)
        {
            for (var i = 0; i < messages.Count; i++) PayloadIntegrity.Require(messages[i], $"Message {i} (for the recipients' inbound spools)");
        }
        foreach (var recipient in recipients)
        {
            if (Context.Store.FindAccount(recipient) is null) throw MeshFailure.NotFound($"Recipient account '{recipient}' is not known to this service");
        }
        using var held = Context.Lock(recipients);
        var inbound = Context.Names.Inbound;
        foreach (var recipient in recipients.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var account = Context.Store.FindAccount(recipient)!;
            var next = Context.Store.Entries(account.ServiceID, inbound).Count;
            var frames = messages.Select(m => Context.SpoolFrame(m, next++)).ToList();
            Context.Store.Append(account.ServiceID, [new ContainerAppend(inbound, frames)]);
        }
        if (Context.Reference) return new PostResponse();
        return new PostResponse
        {
            Entries = messages.Select((_, i) => new EntryResponse { IndexRequest = i, Result = UploadHandler.Accept }).ToList(),
        };
    }
}
