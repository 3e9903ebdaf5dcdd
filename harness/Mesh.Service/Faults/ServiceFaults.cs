namespace Mesh.Service.Faults;

/// <summary>One named deviation the reference service can be told to commit, to prove the suite notices it.</summary>
public sealed record ServiceFault(string Name, string Description);

/// <summary>
/// The fault catalogue (issue 5, "proving the harness catches faults"): each entry makes the reference service
/// break one requirement. <c>serve --fault NAME</c> and <c>run --fault NAME</c> select one; <c>serve --list-faults</c>
/// prints the names. The places that commit them test <see cref="ServiceContext.Commits"/>.
/// </summary>
public static class ServiceFaults
{
    public const string WrongStatusCode = "wrong-status-code";
    public const string WrongResponseTag = "wrong-response-tag";
    public const string MissingMember = "missing-member";
    public const string ExtraUnknownMember = "extra-unknown-member";
    public const string HttpStatusMismatch = "http-status-mismatch";
    public const string BadSignature = "bad-signature";
    public const string MissingSignature = "missing-signature";
    public const string WrongKid = "wrong-kid";
    public const string DuplicateAccountAccepted = "duplicate-account-accepted";
    public const string RefusalChangesState = "refusal-changes-state";
    public const string DeleteUnknownAccepted = "delete-unknown-accepted";
    public const string UnknownAccountAccepted = "unknown-account-accepted";
    public const string StatusWrongCount = "status-wrong-count";
    public const string StaleIndexAccepted = "stale-index-accepted";
    public const string EntryLostOnUpload = "entry-lost-on-upload";
    public const string DownloadIgnoresIndexMin = "download-ignores-index-min";
    public const string DownloadIgnoresIndexMax = "download-ignores-index-max";
    public const string WrongWitness = "wrong-witness";
    public const string AcknowledgementNotSpooled = "acknowledgement-not-spooled";
    public const string CompleteIgnoresResponseId = "complete-ignores-response-id";
    public const string PostUnknownAccountAccepted = "post-unknown-account-accepted";
    public const string UnknownTransactionAccepted = "unknown-transaction-accepted";
    public const string Http500OnMalformedJson = "http-500-on-malformed-json";
    public const string OversizedBodyAccepted = "oversized-body-accepted";
    public const string ContentTypeIgnored = "content-type-ignored";
    public const string NoCacheControl = "no-cache-control";
    public const string WrongWellKnownPath = "wrong-well-known-path";
    public const string DareUnauthenticatedAccepted = "dare-unauthenticated-accepted";
    public const string DareReplayAccepted = "dare-replay-accepted";
    public const string DareTicketNeverExpires = "dare-ticket-never-expires";
    public const string DarePlaintextAccepted = "dare-plaintext-accepted";
    public const string DareAnswerUnsigned = "dare-answer-unsigned";

    public static IReadOnlyList<ServiceFault> All { get; } =
    [
        new(WrongStatusCode, "success answers Status 200 instead of 201"),
        new(WrongResponseTag, "answers are tagged MeshResponse instead of their response type"),
        new(MissingMember, "Hello leaves out Version; Status leaves out EnvelopedProfileMaster"),
        new(ExtraUnknownMember, "answers carry a member no schema defines"),
        new(HttpStatusMismatch, "successful answers go with HTTP 500"),
        new(BadSignature, "the service profile's signature in Hello has a flipped byte"),
        new(MissingSignature, "the profiles in Hello are not signed"),
        new(WrongKid, "the service profile's signature names the host key as kid"),
        new(DuplicateAccountAccepted, "CreateAccount of an existing account answers success"),
        new(RefusalChangesState, "a refused CreateAccount still creates the account"),
        new(DeleteUnknownAccepted, "DeleteAccount of an unknown account answers success"),
        new(UnknownAccountAccepted, "User transactions on an unknown account answer success"),
        new(StatusWrongCount, "Status reports each container with one entry too many"),
        new(StaleIndexAccepted, "Upload appends at a stale index without a conflict"),
        new(EntryLostOnUpload, "Upload accepts every entry but drops the last"),
        new(DownloadIgnoresIndexMin, "Download returns entries from index 0 whatever IndexMin says"),
        new(DownloadIgnoresIndexMax, "Download returns entries past IndexMax"),
        new(WrongWitness, "Connect computes the witness with the nonces swapped"),
        new(AcknowledgementNotSpooled, "Connect does not leave the AcknowledgeConnection in the inbound spool"),
        new(CompleteIgnoresResponseId, "Complete returns the local spool's first entry whatever the ResponseID"),
        new(PostUnknownAccountAccepted, "Post to an unknown account answers success"),
        new(UnknownTransactionAccepted, "an unknown transaction answers success"),
        new(Http500OnMalformedJson, "malformed JSON gets HTTP 500 and no Mesh answer"),
        new(OversizedBodyAccepted, "bodies over ConstraintsPost.BytesMax are accepted"),
        new(ContentTypeIgnored, "any Content-Type is accepted as JSON"),
        new(NoCacheControl, "answers have no Cache-Control: no-store"),
        new(WrongWellKnownPath, "the service answers on /mmm/ instead of /.well-known/mmm/"),
        new(DareUnauthenticatedAccepted, "DARE: requests without authentication are served"),
        new(DareReplayAccepted, "DARE: a replayed envelope is served"),
        new(DareTicketNeverExpires, "DARE: tickets do not expire"),
        new(DarePlaintextAccepted, "DARE: unencrypted requests over plain HTTP are served"),
        new(DareAnswerUnsigned, "DARE: answers are not signed by the host key"),
    ];

    public static bool IsKnown(string? name) => name is not null && All.Any(f => f.Name == name);
}
