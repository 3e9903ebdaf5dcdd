using System.Collections;
using System.Globalization;
using Mesh.Wire.Dare;
using Mesh.Wire.Json;
using Mesh.Wire.Text;

namespace Mesh.Wire.Model;

/// <summary>
/// Writes records to any <see cref="IWireWriter"/> and binds parsed <see cref="WireNode"/>s back to
/// records. Writing is exact (schema order, nulls omitted); reading is tolerant (unknown members
/// skipped and noted, wrapped base64 accepted) and fails with the path and offset of a wrong value.
/// </summary>
public static class WireSerializer
{
    /// <summary>Encodes a top-level message, tagged with its wire tag.</summary>
    public static byte[] Encode(WireRecord message, WireEncoding encoding = WireEncoding.Json,
        BinaryLayout layout = BinaryLayout.ReferenceWrapped, IReadOnlyList<string>? dictionary = null)
    {
        var writer = CreateWriter(encoding, layout, dictionary);
        WriteTagged(writer, message);
        return writer.ToArray();
    }

    /// <summary>Encodes a record without a tag (ContentMetaData, nested structures).</summary>
    public static byte[] EncodeUntagged(WireRecord record, WireEncoding encoding = WireEncoding.Json,
        BinaryLayout layout = BinaryLayout.ReferenceWrapped, IReadOnlyList<string>? dictionary = null)
    {
        var writer = CreateWriter(encoding, layout, dictionary);
        WriteRecord(writer, record);
        return writer.ToArray();
    }

    public static IWireWriter CreateWriter(WireEncoding encoding, BinaryLayout layout = BinaryLayout.ReferenceWrapped,
        IReadOnlyList<string>? dictionary = null) => encoding switch
        {
            WireEncoding.Json => new JsonTextWriter(layout),
            WireEncoding.JsonB => new JsonBinaryWriter(),
            WireEncoding.JsonC => new JsonBinaryWriter(dictionary ?? []),
            _ => throw new ArgumentOutOfRangeException(nameof(encoding)),
        };

    /// <summary>Decodes a tagged top-level message in any of the three encodings.</summary>
    public static WireRecord Decode(ReadOnlySpan<byte> data, IReadOnlyList<string>? dictionary = null) =>
        BindTagged(WireReader.Parse(data, dictionary), typeof(WireRecord), WirePath.Root);

    public static T Decode<T>(ReadOnlySpan<byte> data, IReadOnlyList<string>? dictionary = null) where T : WireRecord =>
        (T)BindTagged(WireReader.Parse(data, dictionary), typeof(T), WirePath.Root);

    public static T DecodeUntagged<T>(ReadOnlySpan<byte> data, IReadOnlyList<string>? dictionary = null) where T : WireRecord =>
        (T)BindRecord(WireReader.Parse(data, dictionary), typeof(T), WirePath.Root);

    public static void WriteTagged(IWireWriter writer, WireRecord record)
    {
        writer.BeginObject();
        writer.Member(WireTypes.TagOf(record.GetType()));
        WriteRecord(writer, record);
        writer.EndObject();
    }

    public static void WriteRecord(IWireWriter writer, WireRecord record)
    {
        writer.BeginObject();
        foreach (var member in WireSchema.MembersOf(record.GetType()))
        {
            var value = member.Get(record);
            if (value is null) continue;
            writer.Member(member.Name);
            WriteValue(writer, value, member.Tagged);
        }
        writer.EndObject();
    }

    static void WriteValue(IWireWriter writer, object value, bool tagged)
    {
        switch (value)
        {
            case string s: writer.WriteString(s); break;
            case int i: writer.WriteInteger(i); break;
            case long l: writer.WriteInteger(l); break;
            case bool b: writer.WriteBoolean(b); break;
            case DateTime d: writer.WriteDateTime(d); break;
            case byte[] bytes: writer.WriteBinary(bytes); break;
            case DareEnvelope envelope: envelope.Write(writer); break;
            case WireRecord record when tagged: WriteTagged(writer, record); break;
            case WireRecord record: WriteRecord(writer, record); break;
            case IList list:
                writer.BeginArray();
                foreach (var item in list) WriteValue(writer, item!, tagged);
                writer.EndArray();
                break;
            default: throw new InvalidOperationException($"No wire form for {value.GetType().Name}");
        }
    }

    /// <summary>Binds <c>{"Tag": {…}}</c> to the registered type, which must be a <paramref name="expected"/>.</summary>
    public static WireRecord BindTagged(WireNode node, Type expected, string path) => BindTagged(node, expected, WirePath.Of(path));

    public static WireRecord BindTagged(WireNode node, Type expected, WirePath path)
    {
        if (node is not WireObject { Members.Count: 1 } tagged)
            throw Mismatch(node, path, "a one-member object naming its type");
        var (tag, body) = (tagged.Members[0].Key, tagged.Members[0].Value);
        if (!WireTypes.TryResolve(tag, out var type))
            throw new WireFormatException($"Unknown type tag '{tag}' at {path}", node.Offset);
        if (!expected.IsAssignableFrom(type))
            throw new WireFormatException($"Type tag '{tag}' at {path} is not a {expected.Name}", node.Offset);
        return BindRecord(body, type, path.Member(tag));
    }

    public static WireRecord BindRecord(WireNode node, Type type, string path) => BindRecord(node, type, WirePath.Of(path));

    public static WireRecord BindRecord(WireNode node, Type type, WirePath path) => BindRecord(node, WireShape.Of(type), path);

    static WireRecord BindRecord(WireNode node, WireShape shape, WirePath path)
    {
        if (node is not WireObject obj) throw Mismatch(node, path, "an object");
        if (shape.Create is null) throw new WireFormatException($"{shape.Target.Name} at {path} is abstract and needs a type tag", node.Offset);
        var record = (WireRecord)shape.Create();
        var members = shape.Members;
        List<string>? unknown = null;
        foreach (var (name, value) in obj.Members)
        {
            if (!members.TryGetValue(name, out var member))
            {
                (unknown ??= []).Add(name);
                continue;
            }
            member.Set(record, BindValue(value, member.Shape, member.Tagged, new(path, name)));
        }
        record.UnknownMembers = unknown ?? [];
        return record;
    }

    static object? BindValue(WireNode node, WireShape shape, bool tagged, WirePathStep step)
    {
        if (node is WireNull)
        {
            if (!shape.AcceptsNull) throw Mismatch(node, step.Path, "a value");
            return null;
        }
        var kind = shape.Kind;
        if (kind == WireKind.String)
            return node is WireString s ? s.Value : throw Mismatch(node, step.Path, "a string");
        if (kind is WireKind.Int32 or WireKind.Int64)
        {
            if (node is not WireNumber number) throw Mismatch(node, step.Path, "an integer");
            if (!long.TryParse(number.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ||
                (kind == WireKind.Int32 && value is < int.MinValue or > int.MaxValue))
                throw new WireFormatException($"Member {step.Path} must be an integer, found {number.Text}", node.Offset);
            return kind == WireKind.Int32 ? (object)(int)value : value;
        }
        if (kind == WireKind.Boolean)
            return node is WireBoolean b ? b.Value : throw Mismatch(node, step.Path, "a boolean");
        if (kind == WireKind.DateTime)
        {
            // A36: UTC only, in the "…Z" form (fractions of a second tolerated); offsets are refused.
            if (node is not WireString s) throw Mismatch(node, step.Path, "a date-time string");
            return s.Value.EndsWith('Z') && DateTime.TryParse(s.Value, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date)
                ? date
                : throw new WireFormatException($"Member {step.Path} is not a UTC date-time of the form yyyy-MM-ddTHH:mm:ssZ: '{s.Value}'", node.Offset);
        }
        if (kind == WireKind.Binary)
        {
            return node switch
            {
                WireBytes bytes => bytes.Value,
                WireString s when Base64Url.IsBinaryText(s.Value) => Base64Url.Decode(s.Value),
                WireString => new WireFormatException($"Member {step.Path} is not base64url", node.Offset) is var e ? throw e : null,
                _ => throw Mismatch(node, step.Path, "a binary string"),
            };
        }
        if (kind == WireKind.Envelope) return DareEnvelope.Bind(node, step.Path);
        if (kind == WireKind.Record)
            return tagged ? BindTagged(node, shape.Target, step.Path) : BindRecord(node, shape, step.Path);
        if (kind == WireKind.List)
        {
            if (node is not WireArray array) throw Mismatch(node, step.Path, "an array");
            var path = step.Path;
            var items = shape.ItemShape!;
            var list = (IList)shape.Create!();
            for (var i = 0; i < array.Items.Count; i++)
                list.Add(BindValue(array.Items[i], items, tagged, new(path, i)));
            return list;
        }
        throw new InvalidOperationException($"No wire form for {shape.Target.Name}");
    }

    static WireFormatException Mismatch(WireNode node, WirePath path, string expected) =>
        new($"Member {path} must be {expected}, found {node.Kind}", node.Offset);
}
