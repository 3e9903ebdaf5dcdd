namespace Mesh.Service;

/// <summary>What went wrong with a request, independent of how a profile reports it (docs/service.md).</summary>
public enum FailureKind
{
    /// <summary>400: malformed request, missing or wrong fields, unknown transaction.</summary>
    BadRequest,
    /// <summary>401: not authenticated or not authorised, bad signature where one is required.</summary>
    Unauthorized,
    /// <summary>404: unknown account, container or message.</summary>
    NotFound,
    /// <summary>409: duplicate account, stale index, container exists.</summary>
    Conflict,
    /// <summary>413: larger than the advertised limit.</summary>
    TooLarge,
    /// <summary>415: unsupported content type or encoding.</summary>
    UnsupportedEncoding,
    /// <summary>500: the service failed.</summary>
    Internal,
    /// <summary>503: a bounded resource is full and cannot be freed without breaking the protocol (the replay book).</summary>
    Busy,
}

/// <summary>
/// A handled refusal: the handler found the request wrong before changing anything. The description
/// says what was wrong; the profile decides the status code.
/// </summary>
public sealed class MeshFailure(FailureKind kind, string description, int? statusExtended = null) : Exception(description)
{
    public FailureKind Kind { get; } = kind;
    public int? StatusExtended { get; } = statusExtended;

    public static MeshFailure BadRequest(string description) => new(FailureKind.BadRequest, description);
    public static MeshFailure Unauthorized(string description) => new(FailureKind.Unauthorized, description);
    public static MeshFailure NotFound(string description) => new(FailureKind.NotFound, description);
    public static MeshFailure Conflict(string description, int? extended = null) => new(FailureKind.Conflict, description, extended);
    public static MeshFailure Busy(string description) => new(FailureKind.Busy, description);
}

/// <summary>Status codes and texts (draft §4.5).</summary>
public static class MeshStatus
{
    public const int Success = 201;
    public const string SuccessText = "Operation completed successfully";
    public const string ReferenceErrorText = "Error occurred";
    public const string UnknownOperationText = "The requested operation is not known to this server.";
    public const string AccountExistsText = "Account already registered.";
    public const int AccountExistsExtended = 1;

    public static int Code(FailureKind kind) => kind switch
    {
        FailureKind.BadRequest => 400,
        FailureKind.Unauthorized => 401,
        FailureKind.NotFound => 404,
        FailureKind.Conflict => 409,
        FailureKind.TooLarge => 413,
        FailureKind.UnsupportedEncoding => 415,
        FailureKind.Busy => 503,
        _ => 500,
    };
}
