using System.Text;
using Mesh.Client;

namespace Mesh.Conformance.Reports;

/// <summary>An exchange as a person reads it: request line, headers and body, then status, headers and body.</summary>
public static class ExchangeText
{
    public static string Render(Exchange exchange)
    {
        var text = new StringBuilder();
        if (exchange.Transaction is not null) text.Append(exchange.Transaction).Append(": ");
        text.Append(exchange.Method).Append(' ').Append(exchange.Uri).Append('\n');
        foreach (var (name, value) in exchange.RequestHeaders) text.Append(name).Append(": ").Append(value).Append('\n');
        text.Append('\n').Append(Body(exchange.RequestBody)).Append("\n\n");
        text.Append("HTTP ").Append(exchange.Status).Append($"  ({exchange.Elapsed.TotalMilliseconds:0.0} ms)\n");
        foreach (var (name, value) in exchange.ResponseHeaders) text.Append(name).Append(": ").Append(value).Append('\n');
        text.Append('\n').Append(Body(exchange.ResponseBody)).Append('\n');
        return text.ToString();
    }

    /// <summary>UTF-8 text as is; binary encodings (JSON-B/C) as hex.</summary>
    public static string Body(byte[] body) => IsText(body) ? Encoding.UTF8.GetString(body) : Convert.ToHexString(body);

    /// <summary>Valid UTF-8 with no control characters but line breaks and tabs.</summary>
    public static bool IsText(byte[] body)
    {
        try { return !new UTF8Encoding(false, true).GetString(body).Any(c => c < ' ' && c is not '\n' and not '\r' and not '\t'); }
        catch (DecoderFallbackException) { return false; }
    }
}
