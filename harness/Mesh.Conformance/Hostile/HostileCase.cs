namespace Mesh.Conformance.Hostile;

/// <summary>One hostile HTTP request: what is sent, and anything beyond the general checks that its answer must show.</summary>
/// <param name="Id">Distinct within a run: category, template and mutation.</param>
/// <param name="Category">The family of the attack, for the report's table.</param>
/// <param name="Encapsulation"><c>none</c> (bare JSON) or <c>dare</c>.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="PathSuffix">Appended to the service path (a path attack), or null.</param>
/// <param name="ContentType">The Content-Type header, or null for none.</param>
/// <param name="Body">The body as sent.</param>
/// <param name="Headers">Headers added to the request.</param>
/// <param name="ExpectedStatus">The one status code the answer must have, when the project decided it (a duplicate member is refused 400).</param>
public sealed record HostileCase(string Id, string Category, string Encapsulation, string Method, string? PathSuffix, string? ContentType,
    byte[] Body, IReadOnlyDictionary<string, string>? Headers = null, int? ExpectedStatus = null);

/// <summary>What one hostile request got, and the checks it broke (none: it held).</summary>
public sealed record HostileResult(HostileCase Case, int HttpStatus, int? PayloadStatus, double Milliseconds, bool StateChanged, IReadOnlyList<string> Broken)
{
    public bool Held => Broken.Count == 0;
}

/// <summary>
/// The categories of the suite, after the attacks of issue 12: malformed JSON, wrong types per member, missing and
/// unknown members, size boundaries, header abuse, duplicate members, other accounts and names, and under DARE
/// mutated envelopes (ciphertext, digest, signatures, labels, keys, structure), tickets and replays.
/// </summary>
public static class HostileCategories
{
    public const string MalformedJson = "malformed-json";
    public const string WrongType = "wrong-type";
    public const string MissingMember = "missing-member";
    public const string UnknownMember = "unknown-member";
    public const string SizeBoundary = "size-boundary";
    public const string HeaderAbuse = "header-abuse";
    public const string DuplicateMember = "duplicate-member";
    public const string OtherAccount = "other-account";
    public const string Envelope = "dare-envelope";
    public const string Signature = "dare-signature";
    public const string Recipient = "dare-recipient";
    public const string Ticket = "dare-ticket";
    public const string Replay = "dare-replay";
    public const string SealedPayload = "dare-sealed-payload";
}
