namespace Mesh.Service.Variations;

/// <summary>One behaviour a conforming service may choose that differs from the reference service's, and why it conforms.</summary>
/// <param name="Name">What <c>serve --variation</c> and <c>run --variation</c> take.</param>
/// <param name="Description">What the service does differently.</param>
/// <param name="Conforms">Why the draft allows it: its § or the open question (A-number, docs/service.md) it reads the other way.</param>
public sealed record ServiceVariation(string Name, string Description, string Conforms);

/// <summary>
/// The catalogue of conforming variations, beside the fault catalogue (Faults/ServiceFaults): each entry makes the
/// reference service behave as another conforming service might. Judged over the wire, no variation may make a
/// scenario FAIL (the suite's precision); a WARN is allowed where the variation takes the other reading of an
/// open question. Several may be taken at once (<c>serve --variation A --variation B</c>); the places that take
/// them test <see cref="ServiceOptions.Takes"/>.
/// </summary>
public static class ServiceVariations
{
    // Wording and identifiers
    public const string OtherStatusWording = "other-status-wording";
    public const string NoStatusDescription = "no-status-description";
    public const string OwnResponseId = "own-response-id";
    public const string NoResponseId = "no-response-id";
    // JSON text
    public const string ReversedMemberOrder = "reversed-member-order";
    public const string CompactJson = "compact-json";
    public const string TabsAndCrlf = "tabs-and-crlf";
    public const string EscapedStrings = "escaped-strings";
    public const string ExtraUnknownMember = "extra-unknown-member";
    // HTTP binding
    public const string ExtraResponseHeaders = "extra-response-headers";
    public const string NoCacheControl = "no-cache-control";
    public const string CharsetContentType = "charset-content-type";
    public const string ChunkedResponses = "chunked-responses";
    public const string Http200Always = "http-200-always";
    // Discovery records
    public const string WeightedSrvHosts = "weighted-srv-hosts";
    public const string TxtExtraKeys = "txt-extra-keys";
    // Service settings the draft leaves to the service
    public const string LargerRequestLimit = "larger-request-limit";
    public const string SmallerRequestLimit = "smaller-request-limit";
    public const string OtherAccountPolicy = "other-account-policy";
    public const string BinaryEncodings = "binary-encodings";
    // Open questions read the other way
    public const string NoLocalContainer = "no-local-container";
    public const string StatusIgnoresSelection = "status-ignores-selection";
    public const string StatusWithoutDigest = "status-without-digest";
    public const string DownloadIgnoresMaxEntries = "download-ignores-max-entries";
    public const string DeleteUnknownSucceeds = "delete-unknown-succeeds";
    public const string PostResultPerRecipient = "post-result-per-recipient";
    public const string PostNotExactlyOnce = "post-not-exactly-once";
    public const string UncheckedAccountSignatures = "unchecked-account-signatures";
    public const string UncheckedConnectSignature = "unchecked-connect-signature";
    public const string StatusDeviceEntry = "status-device-entry";
    public const string EntrySignaturesChecked = "entry-signatures-checked";

    public static IReadOnlyList<ServiceVariation> All { get; } =
    [
        new(OtherStatusWording, "every StatusDescription in other words (\"Done.\", \"Refused (404).\")",
            "draft §4.5: StatusDescription is a text for the user; no wording is prescribed (A10)"),
        new(NoStatusDescription, "no StatusDescription in any answer",
            "the schema's Response.StatusDescription is optional; Hello of the author's service omits it (A10)"),
        new(OwnResponseId, "every answer carries an ID of the service's own instead of the request's",
            "A31: the response ID is defined but unused; clients must not depend on it"),
        new(NoResponseId, "no answer carries an ID", "A31: the response ID is defined but unused"),
        new(ReversedMemberOrder, "every JSON object is written with its members in reverse order",
            "draft §4.4 names JSON (RFC 8259), whose object members are unordered; readers are tolerant (A25)"),
        new(CompactJson, "answers are written without any whitespace", "draft §4.4, RFC 8259 §2: insignificant whitespace"),
        new(TabsAndCrlf, "answers are indented with tabs and end lines with CRLF", "draft §4.4, RFC 8259 §2: insignificant whitespace"),
        new(EscapedStrings, "every '/', '+', '=', '-', '.' and '@' in a string is written as a \\u escape",
            "draft §4.4, RFC 8259 §7: any character may be escaped"),
        new(ExtraUnknownMember, "answers carry a member no schema defines",
            "A25: the draft is silent on unknown members; readers ignore them (formerly a fault, not a deviation)"),
        new(ExtraResponseHeaders, "answers carry Server, X-Mesh-Trace and Vary headers",
            "draft §4.2.2 prescribes no headers beyond the content type; HTTP allows any (RFC 9110 §5)"),
        new(NoCacheControl, "answers have no Cache-Control header",
            "draft §4.2.2: caching is not a concern of a POST binding (formerly a fault, not a deviation)"),
        new(CharsetContentType, "answers go with Content-Type application/json; charset=utf-8",
            "draft §4.4: the media type is application/json; its charset parameter is allowed (RFC 8259 §11)"),
        new(ChunkedResponses, "answers go with chunked transfer coding, no Content-Length",
            "draft §4.2.2 binds to HTTP/1.1, where a chunked body is a body (RFC 9112 §7.1, A27)"),
        new(Http200Always, "every Mesh answer goes with HTTP 200, whatever its payload Status",
            "draft §4.5: the payload Status is authoritative; the schema only SHOULD mirror it (A9), and the author's service answers 200"),
        new(WeightedSrvHosts, "announced by two SRV records of equal priority and weights 10 and 40, for two host names of the service",
            "the Web Service discovery draft: SRV selection by priority and weight (RFC 2782); any announced host may be chosen (A3)"),
        new(TxtExtraKeys, "the domain's TXT record carries version and encoding attributes beside path, in one string",
            "the Web Service discovery draft defines version and encoding keys; clients use path and ignore the others (A2)"),
        new(LargerRequestLimit, "advertises and enforces ConstraintsPost.BytesMax of 1 MiB",
            "A30: the draft's 64 KB is a default; Hello says the service's own limit"),
        new(SmallerRequestLimit, "advertises and enforces ConstraintsPost.BytesMax of 32 KiB",
            "A30: the limit is the service's, said in Hello"),
        new(OtherAccountPolicy, "advertises and enforces account names of 3 to 40 characters, also refusing '#', '%' and '&'",
            "A22: the account-name policy is the service's, said in Hello (PolicyAccount)"),
        new(BinaryEncodings, "accepts and advertises JSON-B and JSON-C besides JSON", "draft §4.4: a service MAY offer the binary encodings (A26)"),
        new(NoLocalContainer, "CreateAccount makes no mmm_Local container; it appears when first written",
            "A34, A18: the draft names no containers CreateAccount must make; Status reports the containers that exist"),
        new(StatusIgnoresSelection, "Status reports every container whatever Catalogs and Spools ask",
            "A18: the reference ignored the filters; the draft does not say they restrict the answer"),
        new(StatusWithoutDigest, "Status gives no ContainerStatus.Digest", "A17: the digest is defined but never filled by the reference; clients tolerate its absence"),
        new(DownloadIgnoresMaxEntries, "Download returns every selected entry whatever MaxEntries says",
            "A15: only IndexMin and IndexMax are required; the other constraints are optional"),
        new(DeleteUnknownSucceeds, "DeleteAccount of an unknown account answers success",
            "A23: the draft is silent; the author's service answers 201 (formerly a fault, a WARN at most)"),
        new(PostResultPerRecipient, "Post answers one entry result per recipient rather than per message",
            "A20: the draft does not say what EntryResponse of a Post counts"),
        new(PostNotExactlyOnce, "a message posted again with the same UniqueID is delivered again",
            "draft §9 (Mesh Messaging) is silent on retries; exactly-once is a decision of ours (docs/service.md)"),
        new(UncheckedAccountSignatures, "CreateAccount does not verify the signatures of the Mesh profile and the account assertion",
            "A21: the draft does not say the service verifies them; the author's example carries an unsigned profile"),
        new(UncheckedConnectSignature, "Connect does not verify the device profile's and the request's signatures",
            "draft §8 leaves verification to the administrator who accepts the request; the author's service verified nothing"),
        new(StatusDeviceEntry, "Status naming a DeviceUDF carries that device's latest device-catalog entry as EnvelopedCatalogEntryDevice",
            "A19: the member is optional; a client reads the answer with or without it"),
        new(EntrySignaturesChecked, "Upload refuses (400) an entry whose trailer signature names a key of the account's Mesh profile and does not verify under it",
            "draft §7.3 does not say the service verifies what it stores; refusing an entry that is not what it claims is the service's choice (H83)"),
    ];

    public static bool IsKnown(string? name) => name is not null && All.Any(v => v.Name == name);
}

/// <summary>The variations that are settings rather than behaviour: they change the options the service advertises.</summary>
public static class VariationSettings
{
    /// <summary>The options with <paramref name="names"/> taken, their settings applied.</summary>
    /// <exception cref="ArgumentException">A name is not in the catalogue.</exception>
    public static ServiceOptions Take(this ServiceOptions options, IEnumerable<string> names)
    {
        var taken = names.Distinct(StringComparer.Ordinal).ToList();
        if (taken.FirstOrDefault(n => !ServiceVariations.IsKnown(n)) is { } unknown)
            throw new ArgumentException($"unknown variation '{unknown}': --list-variations prints the catalogue");
        options = options with { Variations = [.. options.Variations.Union(taken, StringComparer.Ordinal)] };
        if (options.Takes(ServiceVariations.LargerRequestLimit)) options = options with { BytesMax = 1 << 20 };
        if (options.Takes(ServiceVariations.SmallerRequestLimit)) options = options with { BytesMax = 32768 };
        if (options.Takes(ServiceVariations.OtherAccountPolicy))
            options = options with { AccountNameMinimum = 3, AccountNameMaximum = 40, AccountNameInvalidCharacters = options.AccountNameInvalidCharacters + "#%&" };
        if (options.Takes(ServiceVariations.BinaryEncodings)) options = options with { BinaryEncodings = true };
        return options;
    }
}
