using System.Text;
using System.Text.RegularExpressions;
using Mesh.Wire.Dare;
using Mesh.Wire.Json;
using Mesh.Wire.Model;
using Mesh.Wire.Text;

namespace Mesh.Conformance.ReferenceVectors;

/// <summary>One member on which a set's generated schema and the draft-03 model differ (informational, docs/wire.md A-W8).</summary>
public sealed record SchemaDrift(string File, string Type, string Member, string Draft03, string ThisSet)
{
    public override string ToString() => $"{File}  {Type}.{Member}  draft-03 model: {Draft03}  this set: {ThisSet}";
}

/// <summary>
/// The generated schema references (Generated/*.md) of a set, two ways (docs/reference-behaviour.md §E1.4):
/// <list type="bullet">
/// <item>the set's own claim, which fails the run: every member of every tagged object of its wire-form examples
/// (envelope payloads included) is a member of that type in the set's own schema;</item>
/// <item>drift from the draft-03 schema the harness models, member by member (renamed, retyped, added, removed,
/// reordered), which says which revision the set comes from and fails nothing.</item>
/// </list>
/// </summary>
public static partial class SchemaVectorChecks
{
    /// <summary>The schemas whose types the harness models; their drift is reported.</summary>
    static readonly string[] ModelledFiles = ["ProtocolSchema.md", "SchemaMesh.md", "DareSchema.md"];

    static readonly Dictionary<string, Type> ModelTypes = typeof(WireRecord).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(WireRecord)) && t.IsPublic)
        .ToDictionary(t => t.Name);

    sealed record SchemaField(string Name, string Type, bool Many);

    sealed record SchemaType(string File, string Name, string? Inherits, List<SchemaField> Fields);

    public static void Run(VectorSet set, CheckLog log)
    {
        foreach (var name in ModelledFiles.Where(name => set.Generated(name) is null))
            log.Claim(name, "file present", false, $"missing from {Path.Combine(set.Root, "Generated")}");
        var schema = Read(set);
        foreach (var example in set.ExamplesMatching("Protocol*.md"))
            log.Guard(example.Name, "members checked against the set's schema", () => CheckExamples(example, schema, log));
    }

    /// <summary>Where the set's schema differs from the draft-03 model, member by member.</summary>
    public static IReadOnlyList<SchemaDrift> Drift(VectorSet set)
    {
        var drift = new List<SchemaDrift>();
        foreach (var type in Read(set).Where(t => t.Key == t.Value.Name && ModelledFiles.Contains(t.Value.File)).Select(t => t.Value))
            if (ModelTypes.TryGetValue(type.Name, out var model)) Compare(type, model, drift);
        return drift;
    }

    static Dictionary<string, SchemaType> Read(VectorSet set)
    {
        var types = new Dictionary<string, SchemaType>();
        var folder = Path.Combine(set.Root, "Generated");
        if (!Directory.Exists(folder)) return types;
        var aliases = new List<(string Tag, string Type)>();
        foreach (var path in Directory.EnumerateFiles(folder, "*.md").Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(path);
            // A request is tagged with its transaction's name: {"CreateAccount": {...}} is a CreateRequest.
            aliases.AddRange(TransactionRequest().Matches(text).Select(m => (m.Groups[1].Value, m.Groups[2].Value)));
            foreach (Match section in TypeSection().Matches(text))
            {
                var fields = FieldRow().Matches(section.Groups[3].Value)
                    .Select(m => new SchemaField(m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Success)).ToList();
                var inherits = fields.FirstOrDefault(f => f.Name == "Inherits")?.Type;
                types.TryAdd(section.Groups[2].Value, new SchemaType(Path.GetFileName(path), section.Groups[2].Value, inherits,
                    fields.Where(f => f.Name != "Inherits").ToList()));
            }
        }
        foreach (var (tag, type) in aliases)
            if (types.TryGetValue(type, out var request)) types.TryAdd(tag, request);
        return types;
    }

    // ---- the set's own claim: its examples against its own schema ----

    static void CheckExamples(MarkdownExample example, Dictionary<string, SchemaType> schema, CheckLog log)
    {
        var problems = new List<string>();
        var objects = 0;
        foreach (var block in example.Blocks)
        {
            WireNode node;
            try { node = WireReader.Parse(Encoding.UTF8.GetBytes(block)); }
            catch (WireFormatException) { continue; }
            Walk(node, null, "$", schema, problems, ref objects);
        }
        if (objects == 0) return;
        log.Claim(example.Name, $"every member of the {objects} typed object(s) is in this set's own schema", problems.Count == 0,
            string.Join("; ", problems.Take(10)));
    }

    /// <summary>
    /// Checks an object of <paramref name="type"/> (null: a tagged object, one member naming its type) and what it
    /// holds: members whose schema type is a structure, tagged values, and envelope payloads that are JSON.
    /// </summary>
    static void Walk(WireNode node, SchemaType? type, string path, Dictionary<string, SchemaType> schema, List<string> problems, ref int objects)
    {
        switch (node)
        {
            case WireArray { Items: [WireObject header, WireString payload, ..] } envelope when Base64Url.IsBinaryText(payload.Value):
                // [header, payload, trailer?] (docs/reference-behaviour.md §D1): the payload is a tagged message of its own.
                Walk(header, schema.GetValueOrDefault(nameof(DareHeader)), $"{path}[0]", schema, problems, ref objects);
                WalkPayload(Base64Url.Decode(payload.Value), $"{path}[1]", schema, problems, ref objects);
                if (envelope.Items.Count > 2)
                    Walk(envelope.Items[2], schema.GetValueOrDefault(nameof(DareTrailer)), $"{path}[2]", schema, problems, ref objects);
                break;
            case WireArray array:
                for (var i = 0; i < array.Items.Count; i++) Walk(array.Items[i], type, $"{path}[{i}]", schema, problems, ref objects);
                break;
            case WireObject { Members: [var only] } when schema.TryGetValue(only.Key, out var named)
                && (type is null || !AllFields(type, schema).Any(f => f.Name == only.Key)):
                Walk(only.Value, named, $"{path}.{only.Key}", schema, problems, ref objects);
                break;
            case WireObject record when type is not null:
                objects++;
                var fields = AllFields(type, schema);
                foreach (var (name, value) in record.Members)
                {
                    var field = fields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase) || WireName(type, f) == name);
                    // The generator leaves tagged-structure members (PublicParameters, epk) out of the schema.
                    if (field is null && value is WireObject { Members: [var tag] } && schema.ContainsKey(tag.Key))
                    {
                        Walk(value, null, $"{path}.{name}", schema, problems, ref objects);
                        continue;
                    }
                    if (field is null) { problems.Add($"{path}: {type.Name} has no member {name}"); continue; }
                    Walk(value, schema.GetValueOrDefault(field.Type), $"{path}.{name}", schema, problems, ref objects);
                }
                break;
            case WireObject other:
                foreach (var (name, value) in other.Members) Walk(value, null, $"{path}.{name}", schema, problems, ref objects);
                break;
            case WireBytes bytes:
                WalkPayload(bytes.Value, path, schema, problems, ref objects);
                break;
        }
    }

    static void WalkPayload(byte[] payload, string path, Dictionary<string, SchemaType> schema, List<string> problems, ref int objects)
    {
        if (payload is not [(byte)'{', ..]) return;
        WireNode inner;
        try { inner = WireReader.Parse(payload); }
        catch (WireFormatException) { return; }
        Walk(inner, null, path + "(payload)", schema, problems, ref objects);
    }

    /// <summary>
    /// A type's fields with its bases'. The generated schema prints messages without their base and leaves out the
    /// protocol framework's Request/Response (Status, Version): a base the set does not print is taken from the model.
    /// </summary>
    static List<SchemaField> AllFields(SchemaType type, Dictionary<string, SchemaType> schema)
    {
        var fields = new List<SchemaField>(type.Fields);
        var parent = type.Inherits ?? ModelBase(type.Name);
        for (var depth = 0; parent is not null && depth < 20; depth++)
        {
            if (schema.TryGetValue(parent, out var printed))
            {
                fields.AddRange(printed.Fields);
                parent = printed.Inherits ?? ModelBase(parent);
            }
            else if (ModelTypes.TryGetValue(parent, out var model))
            {
                fields.AddRange(WireSchema.MembersOf(model).Where(m => m.Property.DeclaringType == model)
                    .Select(m => new SchemaField(m.Property.Name, m.ValueType.Name, false)));
                parent = ModelBase(parent);
            }
            else parent = null;
        }
        return fields;
    }

    static string? ModelBase(string typeName) =>
        ModelTypes.TryGetValue(typeName, out var model) && model.BaseType is { } b && b != typeof(WireRecord) ? b.Name : null;

    /// <summary>The wire name of a schema field: the schema prints field names, the wire may use a short tag (dig, enc, kid).</summary>
    static string? WireName(SchemaType type, SchemaField field) =>
        ModelTypes.Values.Select(t => WireSchema.MembersOf(t).FirstOrDefault(m => m.Property.Name == field.Name)).FirstOrDefault(m => m is not null)?.Name;

    // ---- drift: the set's schema against the draft-03 model ----

    static void Compare(SchemaType type, Type model, List<SchemaDrift> drift)
    {
        void Add(string member, string draft03, string thisSet) => drift.Add(new SchemaDrift(type.File, type.Name, member, draft03, thisSet));
        if (type.Inherits is { } inherits && inherits != model.BaseType?.Name)
            Add("(base)", model.BaseType?.Name ?? "none", inherits);
        var own = WireSchema.MembersOf(model).Where(m => m.Property.DeclaringType == model && !m.Tagged).ToList();
        var unmatchedModel = own.Where(m => !type.Fields.Any(f => Names(m, f.Name))).ToList();
        var next = 0;
        for (var i = 0; i < type.Fields.Count; i++)
        {
            var field = type.Fields[i];
            var at = own.FindIndex(m => Names(m, field.Name));
            if (at < 0)
            {
                // A model member at the same place that the set lacks: the same member, renamed.
                var renamed = i < own.Count && unmatchedModel.Contains(own[i]) ? own[i] : null;
                if (renamed is not null)
                {
                    unmatchedModel.Remove(renamed);
                    Add(field.Name, $"{renamed.Property.Name}: {Describe(renamed.ValueType)}", $"{field.Name}: {Spelled(field)} (renamed)");
                }
                else Add(field.Name, "absent", $"{Spelled(field)} (added)");
                continue;
            }
            if (at < next) Add(field.Name, $"position {at + 1}", $"position {i + 1} (reordered)");
            if (!TypeMatches(own[at].ValueType, field.Type, field.Many))
                Add(field.Name, Describe(own[at].ValueType), $"{Spelled(field)} (retyped)");
            next = Math.Max(next, at + 1);
        }
        foreach (var member in unmatchedModel) Add(member.Property.Name, Describe(member.ValueType), "absent (removed, or added after this set)");
    }

    // Schema names are the field names; the wire name may be a Tag override differing in case (dig/Dig).
    static bool Names(WireMember member, string schemaName) =>
        member.Property.Name == schemaName || string.Equals(member.Name, schemaName, StringComparison.OrdinalIgnoreCase);

    static string Spelled(SchemaField field) => field.Type + (field.Many ? " [0..Many]" : "");

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

    [GeneratedRegex(@"^##Transaction: (\w+)\s*\n(?:(?!^##).)*?^<dt>Request:\s+(\w+)", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex TransactionRequest();
}
