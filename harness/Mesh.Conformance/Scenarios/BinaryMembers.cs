using System.Text;
using System.Text.Json;
using Mesh.Wire.Dare;
using Mesh.Wire.Model;

namespace Mesh.Conformance.Scenarios;

/// <summary>
/// The binary members of an answer as the target wrote them: the JSON text read with System.Text.Json, the members
/// chosen by the schema (binary, envelope payloads, headers and trailers, nested and tagged records), so the form of
/// each string can be judged as written, not as our reader would accept it.
/// </summary>
public static class BinaryMembers
{
    /// <summary>(path, string as written) for every binary value of a tagged answer.</summary>
    public static IReadOnlyList<(string Path, string Text)> Of(byte[] json)
    {
        using var document = JsonDocument.Parse(EscapeRawControls(json));
        var found = new List<(string, string)>();
        foreach (var tagged in document.RootElement.EnumerateObject())
            if (WireTypes.TryResolve(tagged.Name, out var type)) Record(tagged.Value, type, tagged.Name, found);
        return found;
    }

    // The author's writer breaks base64 lines inside strings with raw line feeds, which strict JSON refuses: escape
    // them so the string reads back with the break it was written with, and the form check can see it.
    static byte[] EscapeRawControls(byte[] json)
    {
        var output = new List<byte>(json.Length);
        var (inString, escaped) = (false, false);
        foreach (var b in json)
        {
            if (inString && b < 0x20) { output.AddRange(Encoding.ASCII.GetBytes($"\\u{b:x4}")); continue; }
            output.Add(b);
            if (escaped) escaped = false;
            else if (inString && b == '\\') escaped = true;
            else if (b == '"') inString = !inString;
        }
        return [.. output];
    }

    static void Record(JsonElement value, Type type, string path, List<(string, string)> found)
    {
        if (value.ValueKind != JsonValueKind.Object) return;
        var members = WireSchema.MembersByName(type);
        foreach (var property in value.EnumerateObject())
            if (members.TryGetValue(property.Name, out var member))
                Value(property.Value, member.Shape, member.Tagged, $"{path}.{property.Name}", found);
    }

    static void Value(JsonElement value, WireShape shape, bool tagged, string path, List<(string, string)> found)
    {
        switch (shape.Kind)
        {
            case WireKind.Binary when value.ValueKind == JsonValueKind.String:
                found.Add((path, value.GetString()!));
                break;
            case WireKind.Envelope when value.ValueKind == JsonValueKind.Array:
                var parts = value.EnumerateArray().ToList();
                if (parts.Count > 0) Record(parts[0], typeof(DareHeader), $"{path}[header]", found);
                if (parts.Count > 1 && parts[1].ValueKind == JsonValueKind.String) found.Add(($"{path}[payload]", parts[1].GetString()!));
                if (parts.Count > 2) Record(parts[2], typeof(DareTrailer), $"{path}[trailer]", found);
                break;
            case WireKind.Record when tagged && value.ValueKind == JsonValueKind.Object:
                foreach (var inner in value.EnumerateObject())
                    if (WireTypes.TryResolve(inner.Name, out var type)) Record(inner.Value, type, $"{path}.{inner.Name}", found);
                break;
            case WireKind.Record:
                Record(value, shape.Target, path, found);
                break;
            case WireKind.List when value.ValueKind == JsonValueKind.Array:
                var item = shape.ItemShape!;
                var i = 0;
                foreach (var element in value.EnumerateArray()) Value(element, item, tagged, $"{path}[{i++}]", found);
                break;
        }
    }
}
