using Mesh.Wire.Messages;

namespace Mesh.Client;

/// <summary>
/// The outcome of one transaction: the HTTP status, the decoded response (of the expected type, or the
/// <see cref="MeshResponse"/> a service answers with when it could not get that far), what the response
/// checks found wrong, and the exchange itself.
/// </summary>
public sealed record MeshResult<TResponse>(int HttpStatus, Response? Response, IReadOnlyList<string> Problems, Exchange Exchange)
    where TResponse : Response
{
    /// <summary>The response as the expected type, or null when the service answered with another tag.</summary>
    public TResponse? Typed => Response as TResponse;

    /// <summary>The payload Status, authoritative over the HTTP status (draft §4.5).</summary>
    public int? Status => Response?.Status;

    public bool Succeeded => Status is >= 200 and < 300;

    public TResponse Expect()
    {
        if (!Succeeded || Typed is null)
            throw new MeshClientException($"{Exchange.Method} {Exchange.Uri} failed: HTTP {HttpStatus}, Status {Status}, {Response?.StatusDescription}{(Problems.Count > 0 ? "; " + string.Join("; ", Problems) : "")}");
        return Typed;
    }
}

public sealed class MeshClientException(string message, Exception? inner = null) : Exception(message, inner);
