using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mesh.Service.Faults;
using Mesh.Wire.Json;
using Mesh.Wire.Messages;

namespace Mesh.Service.Variations;

/// <summary>
/// The variations that show in an answer: its wording and identifiers (<see cref="Apply"/>), and its JSON text
/// (<see cref="ApplyToBody"/>). A service that takes none writes exactly what the reference writes.
/// </summary>
public static class AnswerVariations
{
    static readonly string[] TextVariations =
        [ServiceVariations.ReversedMemberOrder, ServiceVariations.CompactJson, ServiceVariations.TabsAndCrlf, ServiceVariations.EscapedStrings, ServiceVariations.ExtraUnknownMember];

    public static Response Apply(ServiceOptions options, Response response)
    {
        if (options.Variations.Count == 0) return response;
        if (options.Takes(ServiceVariations.DeleteUnknownSucceeds) && response is DeleteResponse { Status: 404 })
            response = ResponseFaults.Success(response);
        if (options.Takes(ServiceVariations.OtherStatusWording) && response.StatusDescription is not null)
            response.StatusDescription = response.Status is >= 200 and < 300 ? "Done." : $"Refused ({response.Status}).";
        if (options.Takes(ServiceVariations.NoStatusDescription)) response.StatusDescription = null;
        if (options.Takes(ServiceVariations.OwnResponseId)) response.ID = options.Random.GetBytes(16);
        if (options.Takes(ServiceVariations.NoResponseId)) response.ID = null;
        if (options.Takes(ServiceVariations.StatusWithoutDigest) && response is StatusResponse { ContainerStatus: { } containers })
            foreach (var container in containers) container.Digest = null;
        return response;
    }

    /// <summary>Rewrites a JSON answer's text; binary encodings, and text that is not plain JSON (the reference's raw line breaks), stay as written.</summary>
    public static byte[] ApplyToBody(ServiceOptions options, byte[] body, WireEncoding encoding)
    {
        if (encoding != WireEncoding.Json || !TextVariations.Any(options.Takes)) return body;
        JsonNode? root;
        try { root = JsonNode.Parse(body); }
        catch (JsonException) { return body; }
        if (options.Takes(ServiceVariations.ExtraUnknownMember) && root is JsonObject { Count: 1 } tagged && tagged.First().Value is JsonObject inner)
            inner.Insert(0, "Extension", JsonValue.Create(true));
        var style = new TextStyle(
            Indent: options.Takes(ServiceVariations.CompactJson) ? null : options.Takes(ServiceVariations.TabsAndCrlf) ? "\t" : "  ",
            NewLine: options.Takes(ServiceVariations.TabsAndCrlf) ? "\r\n" : "\n",
            Reversed: options.Takes(ServiceVariations.ReversedMemberOrder),
            Escaped: options.Takes(ServiceVariations.EscapedStrings) ? "/+=-.@" : "");
        var text = new System.Text.StringBuilder();
        Write(root, style, 0, text);
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <param name="Indent">One level of indentation, or null for no whitespace at all.</param>
    /// <param name="NewLine">What ends a line.</param>
    /// <param name="Reversed">Members in reverse order.</param>
    /// <param name="Escaped">Characters written as \u escapes inside strings.</param>
    sealed record TextStyle(string? Indent, string NewLine, bool Reversed, string Escaped);

    static void Write(JsonNode? node, TextStyle style, int depth, System.Text.StringBuilder text)
    {
        switch (node)
        {
            case JsonObject obj:
                var members = style.Reversed ? obj.Reverse().ToList() : obj.ToList();
                Items(members.Count, '{', '}', i =>
                {
                    String(members[i].Key, style, text);
                    text.Append(style.Indent is null ? ":" : ": ");
                    Write(members[i].Value, style, depth + 1, text);
                });
                break;
            case JsonArray array:
                Items(array.Count, '[', ']', i => Write(array[i], style, depth + 1, text));
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                String(value.GetValue<string>(), style, text);
                break;
            default:
                text.Append(node?.ToJsonString() ?? "null");
                break;
        }

        void Items(int count, char open, char close, Action<int> item)
        {
            text.Append(open);
            for (var i = 0; i < count; i++)
            {
                if (i > 0) text.Append(',');
                Break(depth + 1);
                item(i);
            }
            if (count > 0) Break(depth);
            text.Append(close);
        }

        void Break(int level)
        {
            if (style.Indent is null) return;
            text.Append(style.NewLine);
            for (var i = 0; i < level; i++) text.Append(style.Indent);
        }
    }

    static void String(string value, TextStyle style, System.Text.StringBuilder text)
    {
        text.Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\') text.Append('\\').Append(c);
            else if (c < 0x20 || style.Escaped.Contains(c)) text.Append($"\\u{(int)c:x4}");
            else text.Append(c);
        }
        text.Append('"');
    }
}
