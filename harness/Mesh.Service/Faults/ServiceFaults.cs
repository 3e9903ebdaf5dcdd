namespace Mesh.Service.Faults;

/// <summary>What a service must be configured with for a fault to be observable: it shows only where the service offers it.</summary>
public enum FaultSetting
{
    /// <summary>The service's defaults: bare JSON over plain HTTP.</summary>
    Defaults,
    /// <summary>TLS (<c>serve --tls</c>).</summary>
    Tls,
    /// <summary>DARE message encapsulation (<c>serve --encapsulation dare</c>).</summary>
    Dare,
}

/// <summary>One named deviation the reference service can be told to commit, to prove the suite notices it.</summary>
/// <param name="Name">What <c>serve --fault</c> and <c>run --fault</c> take.</param>
/// <param name="Description">What the service does wrong.</param>
/// <param name="Breaks">The scenarios (ids) whose requirement the fault breaks: it is caught only when one of them, passing against the clean service, fails or warns.</param>
/// <param name="Setting">Where the fault can be seen at all.</param>
public sealed record ServiceFault(string Name, string Description, IReadOnlyList<string> Breaks, FaultSetting Setting = FaultSetting.Defaults);

/// <summary>
/// The fault catalogue: each entry makes the reference service break one requirement of the draft (or, in the
/// reference profile, of the author's behaviour), and names the scenarios that check it. <c>serve --fault NAME</c>
/// and <c>run --fault NAME</c> select one; <c>serve --list-faults</c> prints the names; <c>faults --detect</c>
/// measures which are caught. Behaviours that differ from ours but conform are variations (Variations/ServiceVariations).
/// The places that commit them test <see cref="ServiceContext.Commits"/>.
/// </summary>
public static class ServiceFaults
{
    public const string WrongStatusCode = "wrong-status-code";
    public const string WrongResponseTag = "wrong-response-tag";
    public const string MissingMember = "missing-member";
    public const string HttpStatusMismatch = "http-status-mismatch";
    public const string BadSignature = "bad-signature";
    public const string MissingSignature = "missing-signature";
    public const string WrongKid = "wrong-kid";
    public const string DuplicateAccountAccepted = "duplicate-account-accepted";
    public const string RefusalChangesState = "refusal-changes-state";
    public const string UnknownAccountAccepted = "unknown-account-accepted";
    public const string StatusWrongCount = "status-wrong-count";
    public const string StaleIndexAccepted = "stale-index-accepted";
    public const string EntryLostOnUpload = "entry-lost-on-upload";
    public const string DownloadIgnoresIndexMin = "download-ignores-index-min";
    public const string DownloadIgnoresIndexMax = "download-ignores-index-max";
    public const string DownloadDropsLastEntry = "download-drops-last-entry";
    public const string ProfileSignatureStripped = "profile-signature-stripped";
    public const string DareDeviceDeletesAccount = "dare-device-deletes-account";
    public const string PostOverwritesUniqueId = "post-overwrites-unique-id";
    public const string Base64WrappedOnWrite = "base64-wrapped-on-write";
    public const string DareReplayWindowShort = "dare-replay-window-short";
    public const string DareUnsignedMessageAccepted = "dare-unsigned-message-accepted";
    public const string WrongWitness = "wrong-witness";
    public const string AcknowledgementNotSpooled = "acknowledgement-not-spooled";
    public const string CompleteIgnoresResponseId = "complete-ignores-response-id";
    public const string PostUnknownAccountAccepted = "post-unknown-account-accepted";
    public const string UnknownTransactionAccepted = "unknown-transaction-accepted";
    public const string Http500OnMalformedJson = "http-500-on-malformed-json";
    public const string OversizedBodyAccepted = "oversized-body-accepted";
    public const string ContentTypeIgnored = "content-type-ignored";
    public const string WrongWellKnownPath = "wrong-well-known-path";
    public const string SrvBackupDead = "srv-backup-dead";
    public const string Tls12Only = "tls-1-2-only";
    public const string DareUnauthenticatedAccepted = "dare-unauthenticated-accepted";
    public const string DareReplayAccepted = "dare-replay-accepted";
    public const string DareTicketNeverExpires = "dare-ticket-never-expires";
    public const string DarePlaintextAccepted = "dare-plaintext-accepted";
    public const string DareAnswerUnsigned = "dare-answer-unsigned";
    public const string DareRequestSignatureUnchecked = "dare-request-signature-unchecked";
    public const string DareRemovedDeviceAccepted = "dare-removed-device-accepted";
    public const string DareTicketAnyAccount = "dare-ticket-any-account";
    public const string DareConnectionAssertionUnchecked = "dare-connection-assertion-unchecked";
    public const string EntrySignatureStripped = "entry-signature-stripped";

    public static IReadOnlyList<ServiceFault> All { get; } =
    [
        new(WrongStatusCode, "success answers Status 200 instead of 201", ["hello-offers-version-3", "create-account-succeeds"]),
        new(WrongResponseTag, "answers are tagged MeshResponse instead of their response type", ["hello-offers-version-3", "create-account-succeeds"]),
        new(MissingMember, "Hello leaves out Version; Status leaves out EnvelopedProfileMaster", ["hello-offers-version-3", "create-account-succeeds"]),
        new(HttpStatusMismatch, "successful answers go with HTTP 500", ["binding-payload-status-authoritative", "hello-offers-version-3"]),
        new(BadSignature, "the service profile's signature in Hello has a flipped byte", ["hello-profiles-are-signed"]),
        new(MissingSignature, "the profiles in Hello are not signed", ["hello-profiles-are-signed"]),
        new(WrongKid, "the service profile's signature names the host key as kid", ["hello-profiles-are-signed"]),
        new(DuplicateAccountAccepted, "CreateAccount of an existing account answers success", ["create-account-duplicate-refused"]),
        new(RefusalChangesState, "a refused CreateAccount still creates the account",
            ["create-account-profile-must-be-signed", "create-account-assertion-signature", "create-account-hostile-signatures", "create-account-assertion-names-account", "create-account-name-policy", "create-account-foreign-domain-refused"]),
        new(UnknownAccountAccepted, "User transactions on an unknown account answer success", ["status-unknown-account", "binding-payload-status-authoritative"]),
        new(StatusWrongCount, "Status reports each container with one entry too many", ["status-reports-containers"]),
        new(StaleIndexAccepted, "Upload appends at a stale index without a conflict", ["upload-stale-index-conflict"]),
        new(EntryLostOnUpload, "Upload accepts every entry but drops the last", ["upload-accepts-entries", "download-range-exact", "download-from-index"]),
        new(DownloadIgnoresIndexMin, "Download returns entries from index 0 whatever IndexMin says", ["download-from-index", "download-range-exact"]),
        new(DownloadIgnoresIndexMax, "Download returns entries past IndexMax", ["download-range-exact"]),
        new(DownloadDropsLastEntry, "Download leaves out the last entry of each container it returns", ["download-from-index", "download-range-exact"]),
        new(ProfileSignatureStripped, "the Mesh profile returned by Status and Connect has its signatures stripped",
            ["create-account-succeeds", "status-reports-containers", "connect-response-members"]),
        new(WrongWitness, "Connect computes the witness with the nonces swapped", ["connect-acknowledges-with-witness"]),
        new(AcknowledgementNotSpooled, "Connect does not leave the AcknowledgeConnection in the inbound spool", ["connect-acknowledges-with-witness"]),
        new(CompleteIgnoresResponseId, "Complete returns the local spool's first entry whatever the ResponseID", ["complete-after-acceptance", "complete-before-acceptance", "complete-finds-only-its-own-answer", "complete-never-connected"]),
        new(PostUnknownAccountAccepted, "Post to an unknown account answers success", ["post-unknown-recipient"]),
        new(Base64WrappedOnWrite, "draft-03 answers carry base64 broken into lines, as the author's writer does", ["encoding-base64-form"]),
        new(PostOverwritesUniqueId, "spooled messages get a UniqueID of the service's instead of the client's", ["post-several-messages"]),
        new(UnknownTransactionAccepted, "an unknown transaction answers success", ["error-unknown-transaction"]),
        new(EntrySignatureStripped, "Upload stores an entry without the signatures of its trailer", ["upload-entry-signature-kept"]),
        new(Http500OnMalformedJson, "malformed JSON gets HTTP 500 and no Mesh answer", ["error-malformed-json"]),
        new(OversizedBodyAccepted, "bodies over ConstraintsPost.BytesMax are accepted", ["binding-request-limit", "post-over-the-limit", "binding-advertised-limit"]),
        new(ContentTypeIgnored, "any Content-Type is accepted as JSON", ["binding-content-type"]),
        new(WrongWellKnownPath, "the service answers on /mmm/ instead of /.well-known/mmm/", ["binding-well-known-path"]),
        new(SrvBackupDead, "the domain's records announce a backup endpoint (a second SRV record, lower priority) where no service listens",
            ["discovery-published-records"]),
        new(Tls12Only, "TLS is offered in version 1.2 only", ["binding-tls-1-3"], FaultSetting.Tls),
        new(DareUnauthenticatedAccepted, "DARE: requests without authentication are served", ["dare-null-authentication-hello-only"], FaultSetting.Dare),
        new(DareReplayAccepted, "DARE: a replayed envelope is served", ["dare-replay-refused"], FaultSetting.Dare),
        new(DareTicketNeverExpires, "DARE: tickets do not expire", ["dare-ticket-authentication", "dare-ticket-expiry-instant"], FaultSetting.Dare),
        new(DarePlaintextAccepted, "DARE: unencrypted requests over plain HTTP are served", ["dare-encrypted-on-plain-http"], FaultSetting.Dare),
        new(DareAnswerUnsigned, "DARE: answers are not signed by the host key", ["dare-responses-signed-by-host"], FaultSetting.Dare),
        new(DareReplayWindowShort, "DARE: a request digest is forgotten after a minute, so a replay inside the ticket lifetime is served", ["dare-replay-inside-the-window"], FaultSetting.Dare),
        new(DareDeviceDeletesAccount, "DARE: a connected device may delete the account", ["dare-delete-by-administrator-only", "dare-authorisation-matrix"], FaultSetting.Dare),
        new(DareTicketAnyAccount, "DARE: a ticket authenticates requests on any account, not only the one it was issued for", ["dare-ticket-refusals"], FaultSetting.Dare),
        new(DareRemovedDeviceAccepted, "DARE: a device removed from the device catalog still authenticates", ["dare-connect-flow", "dare-authorisation-matrix"], FaultSetting.Dare),
        new(DareRequestSignatureUnchecked, "DARE: a request's signature value is not verified: a kid naming a key of the right profile is enough", ["dare-request-signature-hostile"], FaultSetting.Dare),
        new(DareConnectionAssertionUnchecked, "DARE: a device-catalog entry connects its device whatever the signature of its connection assertion", ["dare-connection-assertion-hostile"], FaultSetting.Dare),
        new(DareUnsignedMessageAccepted, "DARE: posted messages are accepted unsigned or signed by any key", ["dare-post-needs-authenticated-sender", "dare-post-message-signature-hostile"], FaultSetting.Dare),
    ];

    public static bool IsKnown(string? name) => name is not null && All.Any(f => f.Name == name);

    public static ServiceFault Named(string name) => All.FirstOrDefault(f => f.Name == name) ?? throw new ArgumentException($"unknown fault '{name}'");
}
