using Mesh.Service.Storage;
using Mesh.Wire.Dare;
using Mesh.Wire.Messages;

namespace Mesh.Service.Handlers;

/// <summary>
/// Post ("Mesh Messaging", draft §9, A13, A20): direct delivery of every message to the inbound
/// spool of every named account on this service. Every recipient must exist (404, nothing delivered);
/// one Accept entry per message. ConstraintsPost.BytesMax bounds the whole request, so the binding refuses
/// an oversized message with 413 before it gets here. Without DARE authentication there is no sender, so a
/// Post without Accounts, or with Self,
/// is refused (draft-03; the reference also refused a missing list and ignored Self). A message whose trailer
/// PayloadDigest is wrong is refused with 400 (draft-03, <see cref="PayloadIntegrity"/>).
/// <para>
/// Exactly once under retries (draft-03; a decision where the draft is silent, docs/service.md): a message
/// whose ContentMeta.UniqueID equals the UniqueID of a frame already in the recipient's inbound spool is a
/// retry, so a client that lost the answer to a Post can send it again without the message arriving twice.
/// It is not appended again and is still answered Accept. A message without a UniqueID is always delivered.
/// </para>
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
            var spool = Context.Store.Entries(account.ServiceID, inbound);
            var next = spool.Count;
            var frames = Context.Reference || Context.Options.Takes(Variations.ServiceVariations.PostNotExactlyOnce)
                ? messages.Select(m => Context.SpoolFrame(m, next++)).ToList()
                : FirstDeliveries(spool, messages).Select(m => Context.SpoolFrame(m, next++)).ToList();
            if (frames.Count > 0) Context.Store.Append(account.ServiceID, [new ContainerAppend(inbound, frames)]);
        }
        if (Context.Reference) return new PostResponse();
        return new PostResponse
        {
            Entries = Enumerable.Range(0, Context.Options.Takes(Variations.ServiceVariations.PostResultPerRecipient) ? recipients.Count : messages.Count)
                .Select(i => new EntryResponse { IndexRequest = i, Result = UploadHandler.Accept }).ToList(),
        };
    }

    // The messages not yet in the spool: a UniqueID already there (or earlier in this request) marks a retry.
    static IEnumerable<DareEnvelope> FirstDeliveries(IReadOnlyList<DareEnvelope> spool, IReadOnlyList<DareEnvelope> messages)
    {
        var delivered = spool.Select(ServiceContext.UniqueIdOf).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return messages.Where(m => ServiceContext.UniqueIdOf(m) is not { } id || delivered.Add(id));
    }
}
