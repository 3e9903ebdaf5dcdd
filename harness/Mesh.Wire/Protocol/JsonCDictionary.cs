using System.Reflection;
using Mesh.Wire.Model;

namespace Mesh.Wire.Protocol;

/// <summary>
/// The JSON-C dictionary the harness advertises as <c>mesh-03</c>: every member name and type tag of
/// the wire model, sorted ordinally, so both sides build the same list from the same schema.
/// </summary>
public static class JsonCDictionary
{
    public const string Name = "mesh-03";

    public static IReadOnlyList<string> Words { get; } = Build();

    static IReadOnlyList<string> Build()
    {
        var types = typeof(WireRecord).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(WireRecord)) && t.IsPublic);
        return types.SelectMany(t => WireSchema.MembersOf(t).Select(m => m.Name))
            .Concat(WireTypes.Tags)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
