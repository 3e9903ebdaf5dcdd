using System.Net.Http.Headers;
using System.Text.Json;
using Mesh.Client;
using Mesh.Wire.Model;

namespace Mesh.Conformance.Scenarios;

/// <summary>
/// What a foreign target's responses are held to in place of the reference's bytes: every JSON response body is
/// one object tagged with a known response type, carrying only members the schema defines for that type.
/// (Values and their types are the typed reader's business, and the scenario's checks judge the content.)
/// </summary>
public static class ResponseStructure
{
    /// <summary>The requirements.md row these checks are judged by: a decision (A5, A25), not a sentence of the draft.</summary>
    public const string Id = "H35";

    /// <summary>The first structural fault among <paramref name="exchanges"/>, or null.</summary>
    public static ConformanceFailure? Check(IEnumerable<Exchange> exchanges)
    {
        foreach (var exchange in exchanges)
        {
            // Only bare JSON: a DARE envelope (an array), a binary encoding or an error page is judged elsewhere.
            if (!MediaTypeHeaderValue.TryParse(exchange.ResponseHeader("Content-Type"), out var type) || type.MediaType != "application/json") continue;
            JsonDocument document;
            try { document = JsonDocument.Parse(exchange.ResponseBody); }
            catch (JsonException) { continue; }
            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object) continue;
                var members = document.RootElement.EnumerateObject().ToList();
                var where = $"the response to {exchange.Transaction ?? exchange.Method + " " + exchange.Uri.AbsolutePath}";
                if (members.Count != 1)
                    return new ConformanceFailure("A response is one object under its type's tag (A5)", "exactly one tag",
                        $"{where} has {members.Count}: {string.Join(", ", members.Select(m => m.Name))}", Id);
                var tag = members[0];
                if (!WireTypes.TryResolve(tag.Name, out var tagged))
                    return new ConformanceFailure("A response is tagged with a type of the protocol schema (A5)", "a known response tag", $"{where} is tagged {tag.Name}", Id);
                if (tag.Value.ValueKind != JsonValueKind.Object) continue;
                var known = WireSchema.MembersOf(tagged).Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
                var unknown = tag.Value.EnumerateObject().Select(m => m.Name).Where(n => !known.Contains(n)).ToList();
                if (unknown.Count > 0)
                    return new ConformanceFailure($"A {tag.Name} carries only the members the schema defines for it (A25)",
                        string.Join(", ", known), $"{where} also carries {string.Join(", ", unknown)}", Id);
            }
        }
        return null;
    }
}
