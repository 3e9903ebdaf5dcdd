using System.Collections;
using Mesh.Wire.Dare;
using Mesh.Wire.Model;

namespace Mesh.Wire.Tests.Model;

/// <summary>Builds random instances of any wire type from a seed, for round-trip properties.</summary>
public sealed class RandomRecords(int seed)
{
    readonly Random random = new(seed);

    static readonly string[] Words = ["", "alice@example.com", "mmm_Device", "Accept", "q\"uote\\", "line\nbreak\ttab\u0001",
        "é ü 日本 €", "/.well-known/mmm/", "MDDK-7N6A-727A-JZNO-STRX-XKS7-DJAF"];

    public static IReadOnlyList<Type> ConcreteTypes { get; } = WireTypes.Tags
        .Select(tag => { WireTypes.TryResolve(tag, out var type); return type; })
        .OrderBy(t => t.FullName, StringComparer.Ordinal).ToList();

    public WireRecord Record(Type type, int depth = 0)
    {
        if (type.IsAbstract)
        {
            var candidates = ConcreteTypes.Where(type.IsAssignableFrom).ToList();
            type = candidates[random.Next(candidates.Count)];
        }
        var record = (WireRecord)Activator.CreateInstance(type)!;
        foreach (var member in WireSchema.MembersOf(type))
        {
            if (random.Next(3) == 0) continue;
            member.Property.SetValue(record, Value(member.ValueType, depth + 1));
        }
        // A header's own "signatures" (signers) shares its name with the trailer's; only one can be on the wire.
        if (record is DareHeader header) header.Signatures = null;
        return record;
    }

    object? Value(Type type, int depth)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(string)) return Words[random.Next(Words.Length)] + (random.Next(2) == 0 ? "" : random.Next().ToString());
        if (target == typeof(int)) return random.Next(4) switch { 0 => 0, 1 => int.MinValue, 2 => int.MaxValue, _ => random.Next(-1000, 100000) };
        if (target == typeof(long)) return random.NextInt64(long.MinValue, long.MaxValue);
        if (target == typeof(bool)) return random.Next(2) == 0;
        if (target == typeof(DateTime)) return new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(random.Next());
        if (target == typeof(byte[])) return Bytes(random.Next(4) == 0 ? random.Next(200, 400) : random.Next(0, 70));
        if (depth > 4) return null;
        if (target == typeof(DareEnvelope))
        {
            return new DareEnvelope
            {
                Header = (DareHeader)Record(typeof(DareHeader), depth),
                Payload = Bytes(random.Next(0, 300)),
                Trailer = random.Next(2) == 0 ? null : (DareTrailer)Record(typeof(DareTrailer), depth),
            };
        }
        if (typeof(WireRecord).IsAssignableFrom(target)) return Record(target, depth);
        if (target.IsGenericType && target.GetGenericTypeDefinition() == typeof(List<>))
        {
            var list = (IList)Activator.CreateInstance(target)!;
            var count = random.Next(4);
            for (var i = 0; i < count; i++)
            {
                var item = Value(target.GetGenericArguments()[0], depth);
                if (item is null) break;
                list.Add(item);
            }
            return list;
        }
        throw new InvalidOperationException(target.Name);
    }

    byte[] Bytes(int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
