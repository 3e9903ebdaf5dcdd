using System.Text.RegularExpressions;
using Mesh.Wire.Dare;
using Mesh.Wire.Model;

namespace Mesh.Conformance.ReferenceVectors;

/// <summary>
/// The generated schema references (Generated/*Schema*.md) against the typed model: for every type the
/// harness models, each schema member exists under its name, in schema order, with the schema's type,
/// and the base class is the schema's (encoding.md §1.4). The generator leaves out tagged-structure
/// members (PublicParameters, epk), and the model may carry members of a later generation: both noted.
/// </summary>
public static partial class SchemaVectorChecks
{
    static readonly string[] Files = ["ProtocolSchema.md", "SchemaMesh.md", "DareSchema.md"];

    static readonly Dictionary<string, Type> ModelTypes = typeof(WireRecord).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(WireRecord)) && t.IsPublic)
        .ToDictionary(t => t.Name);

    public static void Run(VectorSet set, CheckLog log)
    {
        foreach (var name in Files)
        {
            if (set.Generated(name) is not { } path)
            {
                log.Claim(name, "file present", false, $"missing from {Path.Combine(set.Root, "Generated")}");
                continue;
            }
            log.Guard(name, "file is well formed", () => CheckFile(name, File.ReadAllText(path), log));
        }
    }

    static void CheckFile(string file, string text, CheckLog log)
    {
        foreach (Match section in TypeSection().Matches(text))
        {
            var typeName = section.Groups[2].Value;
            if (!ModelTypes.TryGetValue(typeName, out var type)) continue; // types of other schemas' features are not modelled
            var fields = FieldRow().Matches(section.Groups[3].Value).Select(m => (Name: m.Groups[1].Value, Type: m.Groups[2].Value, Many: m.Groups[3].Success)).ToList();
            var inherits = fields.FirstOrDefault(f => f.Name == "Inherits");
            if (inherits.Name is not null)
                log.Equal(file, $"{typeName} inherits {inherits.Type}", inherits.Type, type.BaseType?.Name ?? "");
            var schema = fields.Where(f => f.Name != "Inherits").ToList();
            var own = WireSchema.MembersOf(type).Where(m => m.Property.DeclaringType == type && !m.Tagged).ToList();
            var problems = new List<string>();
            var next = 0;
            foreach (var field in schema)
            {
                var at = own.FindIndex(next, m => Names(m, field.Name));
                if (at < 0)
                {
                    problems.Add(own.Any(m => Names(m, field.Name)) ? $"{field.Name} out of order" : $"{field.Name} missing");
                    continue;
                }
                if (!TypeMatches(own[at].ValueType, field.Type, field.Many))
                    problems.Add($"{field.Name} is {Describe(own[at].ValueType)}, schema says {field.Type}{(field.Many ? " [0..Many]" : "")}");
                next = at + 1;
            }
            var extra = own.Where(m => !schema.Any(f => Names(m, f.Name))).Select(m => m.Name).ToList();
            log.Claim(file, $"{typeName}: {schema.Count} schema member(s) present, in order, with their types" +
                (extra.Count > 0 ? $" (model adds {string.Join(", ", extra)})" : ""), problems.Count == 0, string.Join("; ", problems));
        }
    }

    // Schema names are the field names; the wire name may be a Tag override differing in case (dig/Dig).
    static bool Names(WireMember member, string schemaName) =>
        member.Property.Name == schemaName || string.Equals(member.Name, schemaName, StringComparison.OrdinalIgnoreCase);

    static bool TypeMatches(Type type, string schemaType, bool many)
    {
        if (many)
            return type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) && TypeMatches(type.GetGenericArguments()[0], schemaType, false);
        var target = Nullable.GetUnderlyingType(type) ?? type;
        return schemaType switch
        {
            "String" => target == typeof(string),
            "Integer" => target == typeof(int) || target == typeof(long),
            "Boolean" => target == typeof(bool),
            "DateTime" => target == typeof(DateTime),
            "Binary" => target == typeof(byte[]),
            "DareEnvelope" => target == typeof(DareEnvelope),
            _ => target.Name == schemaType,
        };
    }

    static string Describe(Type type) => type.IsGenericType
        ? $"{(Nullable.GetUnderlyingType(type) ?? type.GetGenericArguments()[0]).Name}{(Nullable.GetUnderlyingType(type) is null ? "[]" : "")}"
        : type.Name;

    [GeneratedRegex(@"^###(Message|Structure): (\w+)\s*\n(.*?)(?=^#|\z)", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex TypeSection();

    [GeneratedRegex(@"^<dt>(\w+):\s+(\w+)(?: \(Optional\))?( \[0\.\.Many\])?", RegexOptions.Multiline)]
    private static partial Regex FieldRow();
}
