using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Mesh.Client;
using Mesh.Client.Accounts;
using Mesh.Wire.Crypto;
using Mesh.Wire.Dare;
using Mesh.Wire.Json;
using Mesh.Wire.Messages;
using Mesh.Wire.Model;
using static Mesh.Conformance.Hostile.HostileCategories;

namespace Mesh.Conformance.Hostile;

/// <summary>
/// What the generator builds its requests from: the runner's own account (created before the run), the domain it
/// lives in, and under DARE the session that signs for that account (after Hello, holding a ticket).
/// </summary>
public sealed record HostileSetup(string Account, string Domain, DareSession? Session, MeshAccountKeys Keys);

/// <summary>
/// Hostile requests from a seed, in the style of Wycheproof's and h2spec's negative cases: valid requests of every
/// transaction taken apart member by member (wrong types, missing and unknown members, boundary values, duplicate
/// members), malformed JSON, abuse of the HTTP binding, names of other and impossible accounts, and under DARE
/// envelopes mutated in every part. The same seed gives the same requests; every request is distinct.
/// </summary>
public static class HostileGenerator
{
    const string Json = "application/json";

    /// <summary>Every case for the setup's encapsulation, then <paramref name="count"/> of them picked by the seed, the categories in turn.</summary>
    public static IReadOnlyList<HostileCase> Generate(HostileSetup setup, int seed, int count)
    {
        var random = new Random(seed);
        var all = setup.Session is null ? Bare(setup, random).ToList() : Dare(setup, random).ToList();
        var distinct = all.DistinctBy(Key).ToList();
        var byCategory = distinct.GroupBy(c => c.Category).Select(g => new Queue<HostileCase>(g.OrderBy(_ => random.Next()))).ToList();
        var picked = new List<HostileCase>();
        while (picked.Count < count && byCategory.Any(q => q.Count > 0))
            foreach (var queue in byCategory.Where(q => q.Count > 0))
                if (picked.Count < count) picked.Add(queue.Dequeue());
        return picked;
    }

    static string Key(HostileCase c) => $"{c.Method} {c.PathSuffix} {c.ContentType} {string.Join(";", c.Headers ?? new Dictionary<string, string>())} {Convert.ToHexString(SHA256.HashData(c.Body))}";

    /// <summary>Valid requests of each transaction, as the runner's account would send them: the material of the mutations.</summary>
    static IEnumerable<(string Name, Request Request)> Templates(HostileSetup setup)
    {
        var account = setup.Account;
        yield return ("Hello", new HelloRequest());
        yield return ("Status", new StatusRequest { Account = account });
        yield return ("Download", new DownloadRequest { Account = account, Select = [new() { Container = "mmm_Device", IndexMin = 0 }] });
        yield return ("Upload", new UploadRequest { Account = account, Updates = [ContainerEntries.TextEntries("mmm_Hostile", 0, 2)] });
        yield return ("Complete", new CompleteRequest { Account = account, ResponseID = "NOPE-NOPE-NOPE" });
        yield return ("Post", new PostRequest { Accounts = [account], Message = [ContainerEntries.Entry("hostile"u8.ToArray(), "hostile", 0)] });
        yield return ("Delete", new DeleteRequest { Account = "nobody-" + account });
        yield return ("Create", MeshAccountKeys.FromSeed("hostile-new " + account).CreateRequest("hostile-new-" + account, BinaryLayout.Unwrapped));
        yield return ("Connect", MeshDeviceKeys.FromSeed("hostile device " + account).ConnectRequest(account, new byte[16], BinaryLayout.Unwrapped));
    }

    static byte[] Encode(Request request) => WireSerializer.Encode(request, WireEncoding.Json, BinaryLayout.Unwrapped);

    /// <summary>The payload mutations shared by both encapsulations: bodies of JSON text, each with its category.</summary>
    static IEnumerable<(string Category, string Id, byte[] Body, int? Expected)> Payloads(HostileSetup setup, Random random)
    {
        foreach (var (name, request) in Templates(setup))
        {
            var text = Encoding.UTF8.GetString(Encode(request));
            var root = JsonNode.Parse(text)!.AsObject();
            var paths = Members(root, "").ToList();
            foreach (var (path, owner, member) in paths)
            {
                foreach (var (label, value) in WrongValues(owner[member]))
                    yield return (WrongType, $"{name}{path}={label}", Replaced(root, path, value), null);
                yield return (MissingMember, $"{name}{path} removed", Removed(root, path), null);
                yield return (UnknownMember, $"{name}{path}+Unknown", Added(root, path, "Smuggled" + random.Next(1000), JsonValue.Create("x")), null);
                yield return (DuplicateMember, $"{name}{path} twice", Duplicated(text, owner, member), 400);
                if (owner[member] is JsonValue v && v.TryGetValue<string>(out _))
                    foreach (var (label, value) in BoundaryStrings(random))
                        yield return (SizeBoundary, $"{name}{path}={label}", Replaced(root, path, JsonValue.Create(value)), null);
                if (owner[member] is JsonValue n && n.TryGetValue<long>(out _))
                    foreach (var boundary in new[] { "-1", "2147483648", "-2147483649", "9223372036854775808", "1e400", "0.5", "-0", "18446744073709551616" })
                        yield return (SizeBoundary, $"{name}{path}={boundary}", Encoding.UTF8.GetBytes(Replaced(root, path, null, boundary)), null);
            }
            for (var i = 0; i < 6; i++)
            {
                var cut = random.Next(1, text.Length - 1);
                yield return (MalformedJson, $"{name} cut at {cut}", Encoding.UTF8.GetBytes(text[..cut]), null);
                var bytes = Encoding.UTF8.GetBytes(text);
                var at = random.Next(bytes.Length);
                bytes[at] = (byte)"{}[]\":,\\\0\xff"[random.Next(10)];
                yield return (MalformedJson, $"{name} byte {at} set to 0x{bytes[at]:X2}", bytes, null);
            }
            yield return (MalformedJson, $"{name} trailing garbage", Encoding.UTF8.GetBytes(text + "}garbage"), null);
            yield return (MalformedJson, $"{name} two transactions", Encoding.UTF8.GetBytes(text.TrimEnd().TrimEnd('}') + ", \"Status\": {}}"), null);
            yield return (MalformedJson, $"{name} with BOM", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)], null);
            yield return (MalformedJson, $"{name} as UTF-16", Encoding.Unicode.GetBytes(text), null);
            yield return (MalformedJson, $"{name} untagged", Encoding.UTF8.GetBytes(root.First().Value!.ToJsonString()), null);
            yield return (MalformedJson, $"{name} single quotes", Encoding.UTF8.GetBytes(text.Replace('"', '\'')), null);
            yield return (MalformedJson, $"{name} lower-case tag", Encoding.UTF8.GetBytes(text.Replace($"\"{root.First().Key}\"", $"\"{root.First().Key.ToLowerInvariant()}\"", StringComparison.Ordinal)), null);
        }
        foreach (var (label, body) in new (string, string)[]
        {
            ("empty", ""), ("blank", " \r\n\t "), ("null", "null"), ("number", "42"), ("string", "\"Status\""), ("true", "true"),
            ("empty object", "{}"), ("empty tag", "{\"\": {}}"), ("tag of null", "{\"Status\": null}"), ("tag of array", "{\"Status\": [1]}"),
            ("tag of string", "{\"Status\": \"x\"}"), ("unknown transaction", "{\"Shutdown\": {}}"), ("lone surrogate tag", "{\"\\ud800\": {}}"),
            ("NUL in tag", "{\"Sta\\u0000tus\": {}}"), ("unterminated string", "{\"Status"), ("deep objects", string.Concat(Enumerable.Repeat("{\"a\":", 5000)) + "1" + new string('}', 5000)),
            ("deep arrays in a member", "{\"Status\": {\"Account\": " + new string('[', 10000) + new string(']', 10000) + "}}"),
            ("huge exponent", "{\"Status\": {\"Account\": 1e99999999}}"), ("comment", "{/* */\"Status\": {}}"), ("NaN", "{\"Status\": {\"ID\": NaN}}"),
            ("invalid UTF-8", "{\"Status\": {\"Account\": \"\xc3\x28\"}}"), ("escape at end", "{\"Status\": {\"Account\": \"\\"),
        })
            yield return (MalformedJson, label, label == "invalid UTF-8" ? [.. "{\"Status\": {\"Account\": \""u8, 0xC3, 0x28, .. "\"}}"u8] : Encoding.UTF8.GetBytes(body), null);
        foreach (var (label, name) in OtherNames(setup))
        {
            yield return (OtherAccount, $"Status of {label}", Encode(new StatusRequest { Account = name }), null);
            yield return (OtherAccount, $"Download of {label}", Encode(new DownloadRequest { Account = name, Select = [new() { Container = "mmm_Device" }] }), null);
            yield return (OtherAccount, $"Complete of {label}", Encode(new CompleteRequest { Account = name, ResponseID = "X" }), null);
            yield return (OtherAccount, $"Post to {label}", Encode(new PostRequest { Accounts = [name], Message = [ContainerEntries.Entry("x"u8.ToArray(), "x", 0)] }), null);
        }
        foreach (var (label, name) in ImpossibleNames(setup))
        {
            var create = Encoding.UTF8.GetString(Encode(MeshAccountKeys.FromSeed("impossible " + label).CreateRequest("impossible@" + setup.Domain, BinaryLayout.Unwrapped)));
            yield return (OtherAccount, $"Create {label}", Encoding.UTF8.GetBytes(create.Replace($"\"impossible@{setup.Domain}\"", name, StringComparison.Ordinal)), null);
            yield return (OtherAccount, $"Status of {label}", Encoding.UTF8.GetBytes($"{{\"Status\": {{\"Account\": {name}}}}}"), null);
        }
    }

    // Names of accounts the runner does not own, or spellings of its own account that must not reach another.
    static IEnumerable<(string, string)> OtherNames(HostileSetup setup)
    {
        var (local, domain) = (setup.Account[..setup.Account.IndexOf('@')], setup.Domain);
        yield return ("an unknown account", $"nobody-{local}@{domain}");
        yield return ("another domain", $"{local}@not-{domain}");
        yield return ("the upper-case spelling", setup.Account.ToUpperInvariant());
        yield return ("no domain", local);
        yield return ("an empty name", "");
        yield return ("a bare @", "@");
        yield return ("a path", $"../../{local}@{domain}");
        yield return ("a Kelvin sign", $"\u212A{local}@{domain}");
        yield return ("a long name", new string('a', 4000) + "@" + domain);
        yield return ("a name with NUL", $"{local}\0@{domain}");
        yield return ("a zero-width joiner", $"{local}\u200D@{domain}");
    }

    // JSON string literals (escapes as sent) that cannot name an account at all.
    static IEnumerable<(string, string)> ImpossibleNames(HostileSetup setup)
    {
        yield return ("a lone high surrogate", $"\"\\ud800x@{setup.Domain}\"");
        yield return ("a lone low surrogate", $"\"x\\udc00@{setup.Domain}\"");
        yield return ("a reversed pair", $"\"\\udc00\\ud800@{setup.Domain}\"");
        yield return ("a control character", $"\"x\\u0007@{setup.Domain}\"");
        yield return ("a bidi override", $"\"x\\u202e@{setup.Domain}\"");
        yield return ("private use", $"\"x\\ue000@{setup.Domain}\"");
    }

    static IEnumerable<(string, JsonNode?)> WrongValues(JsonNode? current)
    {
        if (current is not JsonValue value || !value.TryGetValue<string>(out _)) yield return ("string", JsonValue.Create("x"));
        if (current is not JsonValue number || !number.TryGetValue<long>(out _)) yield return ("number", JsonValue.Create(-7));
        yield return ("null", null);
        yield return ("true", JsonValue.Create(true));
        if (current is not JsonArray) yield return ("array", new JsonArray(JsonValue.Create(1)));
        if (current is not JsonObject) yield return ("object", new JsonObject { ["x"] = 1 });
    }

    static IEnumerable<(string, string)> BoundaryStrings(Random random)
    {
        yield return ("empty", "");
        yield return ("60000 chars", new string('A', 60000));
        yield return ("control characters", "\u0000\u0001\u001f");
        yield return ("not base64", "!!!*");
        yield return ($"{random.Next(100)} spaces", new string(' ', 1 + random.Next(100)));
    }

    // Every member of every object, down into the first element of arrays: (path, the object holding it, its name).
    static IEnumerable<(string Path, JsonObject Owner, string Member)> Members(JsonNode node, string path)
    {
        if (node is JsonObject obj)
            foreach (var (name, child) in obj.ToList())
            {
                yield return ($"{path}.{name}", obj, name);
                if (child is not null && path.Count(c => c == '.') < 4)
                    foreach (var inner in Members(child, $"{path}.{name}")) yield return inner;
            }
        else if (node is JsonArray { Count: > 0 } array && array[0] is { } first)
            foreach (var inner in Members(first, path + "[0]")) yield return inner;
    }

    static (JsonNode Root, JsonObject Owner, string Member) Locate(JsonObject root, string path)
    {
        var copy = root.DeepClone().AsObject();
        var match = Members(copy, "").First(m => m.Path == path);
        return (copy, match.Owner, match.Member);
    }

    static byte[] Replaced(JsonObject root, string path, JsonNode? value) => Encoding.UTF8.GetBytes(Replaced(root, path, value, null));

    static string Replaced(JsonObject root, string path, JsonNode? value, string? raw)
    {
        var (copy, owner, member) = Locate(root, path);
        if (raw is null)
        {
            owner[member] = value;
            return copy.ToJsonString();
        }
        owner[member] = "\u0001RAW\u0001";
        return copy.ToJsonString().Replace("\"\\u0001RAW\\u0001\"", raw, StringComparison.Ordinal);
    }

    static byte[] Removed(JsonObject root, string path)
    {
        var (copy, owner, member) = Locate(root, path);
        owner.Remove(member);
        return Encoding.UTF8.GetBytes(copy.ToJsonString());
    }

    static byte[] Added(JsonObject root, string path, string name, JsonNode value)
    {
        var (copy, owner, _) = Locate(root, path);
        owner[name] = value;
        return Encoding.UTF8.GetBytes(copy.ToJsonString());
    }

    // A member written twice, the first time with another value: a reader that keeps the last and one that keeps the
    // first see different requests (the smuggling ambiguity), so the request is refused 400.
    static byte[] Duplicated(string text, JsonObject owner, string member)
    {
        var original = owner.ToJsonString();
        var other = owner[member] is JsonValue v && v.TryGetValue<string>(out var s) ? JsonValue.Create("nobody-" + s)!.ToJsonString() : "null";
        var twice = "{" + JsonValue.Create(member)!.ToJsonString() + ":" + other + "," + original[1..];
        var compact = JsonNode.Parse(text)!.ToJsonString();
        return Encoding.UTF8.GetBytes(compact.Replace(original, twice, StringComparison.Ordinal));
    }

    static IEnumerable<HostileCase> Bare(HostileSetup setup, Random random)
    {
        foreach (var (category, id, body, expected) in Payloads(setup, random))
            yield return new HostileCase(id, category, "none", "POST", null, Json, body, null, expected);
        foreach (var c in Binding(setup, "none", Encode(new StatusRequest { Account = setup.Account }))) yield return c;
    }

    // Abuse of the HTTP binding (draft §4.2): methods, paths, content types, sizes and headers.
    static IEnumerable<HostileCase> Binding(HostileSetup setup, string encapsulation, byte[] valid)
    {
        foreach (var method in new[] { "GET", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND" })
            yield return new($"{method} to the service path", HeaderAbuse, encapsulation, method, null, Json, method is "GET" or "TRACE" ? [] : valid);
        foreach (var path in new[] { "x", "../", "%2e%2e/", "?debug=1", "/", "..;/", "%00" })
            yield return new($"path suffix '{path}'", HeaderAbuse, encapsulation, "POST", path, Json, valid);
        foreach (var type in new[] { "text/plain", "application/xml", "application/json-b", "application/json-c", "application/json; charset=utf-16", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "*/*", "application/jsonx", "APPLICATION/JSON", "application/json;;", "" })
            yield return new($"content type '{type}'", HeaderAbuse, encapsulation, "POST", null, type == "" ? null : type, valid);
        yield return new("body of BytesMax + 1", SizeBoundary, encapsulation, "POST", null, Json, Padded(valid, 65537));
        yield return new("body of 4 MiB", SizeBoundary, encapsulation, "POST", null, Json, Padded(valid, 4 << 20));
        yield return new("body of exactly BytesMax", SizeBoundary, encapsulation, "POST", null, Json, Padded(valid, 65536));
        foreach (var (name, value) in new[] { ("X-Forwarded-For", "10.0.0.1"), ("Expect", "100-continue"), ("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked"),
            ("X-Long", new string('h', 8000)), ("Range", "bytes=0-10"), ("Host", "evil.example"), ("Accept", "application/xml"), ("If-None-Match", "*"), ("Cookie", new string('c', 3000)) })
            yield return new($"header {name}", HeaderAbuse, encapsulation, "POST", null, Json, valid, new Dictionary<string, string> { [name] = value });
        yield return new("header of 40 KiB", HeaderAbuse, encapsulation, "POST", null, Json, valid, new Dictionary<string, string> { ["X-Huge"] = new string('h', 40000) });
    }

    // The request followed by whitespace to the given length: well-formed, only large.
    static byte[] Padded(byte[] body, int length) => length <= body.Length ? body : [.. body, .. Enumerable.Repeat((byte)' ', length - body.Length)];

    static IEnumerable<HostileCase> Dare(HostileSetup setup, Random random)
    {
        var session = setup.Session!;
        var seeded = new SeededRandomSource("hostile " + random.Next());
        var serviceKey = (Mesh.Wire.Objects.PublicKeyECDH)session.Service!.KeyEncryption!.PublicParameters!;
        var recipient = new EnvelopeRecipient(Curves.Parse(serviceKey.Curve), serviceKey.Public!);
        var signer = setup.Keys.MeshOnline;
        DareEnvelope Sealed(byte[] payload) => new EnvelopeWriter(seeded).Encrypted(payload, [recipient], signer);
        HostileCase Case(string id, string category, byte[] body, int? expected = null) => new(id, category, "dare", "POST", null, Json, body, null, expected);

        // Payload mutations, sealed and signed as a client would: the service must refuse them alike, quoting nothing.
        foreach (var (category, id, body, _) in Payloads(setup, random).Where((_, i) => i % 3 == 0))
            yield return Case($"sealed {category}: {id}", SealedPayload, Sealed(body).EncodeArray());

        var templates = Templates(setup).Where(t => t.Request is not HelloRequest).ToList();
        foreach (var (name, request) in templates)
        {
            var valid = Sealed(Encode(Fresh(request, random)));
            for (var i = 0; i < 4; i++)
            {
                var at = random.Next(valid.Payload.Length);
                yield return Case($"{name}: ciphertext byte {at} flipped, digest recomputed", Envelope, Redigested(valid, Flip(valid.Payload, at)).EncodeArray());
                yield return Case($"{name}: ciphertext byte {at} flipped", Envelope, With(valid, payload: Flip(valid.Payload, at)).EncodeArray());
            }
            yield return Case($"{name}: ciphertext truncated by a block, digest recomputed", Envelope, Redigested(valid, valid.Payload[..^16]).EncodeArray());
            yield return Case($"{name}: ciphertext not a whole block", Envelope, Redigested(valid, valid.Payload[..^3]).EncodeArray());
            yield return Case($"{name}: empty ciphertext", Envelope, Redigested(valid, []).EncodeArray());
            yield return Case($"{name}: digest flipped", Envelope, Trailer(valid, digest: Flip(valid.Trailer!.PayloadDigest!, 0)).EncodeArray());
            yield return Case($"{name}: no digest", Envelope, Trailer(valid, digest: null).EncodeArray());
            yield return Case($"{name}: no trailer", Envelope, With(valid, trailer: null, dropTrailer: true).EncodeArray());
            yield return Case($"{name}: signature flipped", Signature, Signed(valid, s => s.SignatureValue = Flip(s.SignatureValue!, 5)).EncodeArray());
            yield return Case($"{name}: signature truncated", Signature, Signed(valid, s => s.SignatureValue = s.SignatureValue![..56]).EncodeArray());
            yield return Case($"{name}: signature empty", Signature, Signed(valid, s => s.SignatureValue = []).EncodeArray());
            yield return Case($"{name}: no signature value", Signature, Signed(valid, s => s.SignatureValue = null).EncodeArray());
            yield return Case($"{name}: no kid", Signature, Signed(valid, s => s.KeyIdentifier = null).EncodeArray());
            yield return Case($"{name}: kid of another key", Signature, Signed(valid, s => s.KeyIdentifier = MeshAccountKeys.FromSeed("stranger").MeshOnline.Udf).EncodeArray());
            foreach (var alg in new[] { "RS256", "HS256", "ES256", "none", "", "ED25519", "sha2", "SHA3" })
                yield return Case($"{name}: alg '{alg}'", Signature, Signed(valid, s => s.Algorithm = alg).EncodeArray());
            yield return Case($"{name}: no alg", Signature, Signed(valid, s => s.Algorithm = null).EncodeArray());
            yield return Case($"{name}: signed by a stranger", Signature, new EnvelopeWriter(seeded).Encrypted(Encode(Fresh(request, random)), [recipient], MeshAccountKeys.FromSeed("stranger").MeshOnline).EncodeArray());
            yield return Case($"{name}: unsigned", Signature, new EnvelopeWriter(seeded).Encrypted(Encode(Fresh(request, random)), [recipient]).EncodeArray());
            yield return Case($"{name}: signed, not encrypted", Signature, EnvelopeWriter.Signed(Encode(Fresh(request, random)), signer).EncodeArray());
            foreach (var (label, mutate) in RecipientMutations(random))
            {
                var copy = DareEnvelope.Decode(valid.EncodeArray());
                mutate(copy.Header);
                yield return Case($"{name}: {label}", Recipient, copy.EncodeArray());
            }
            yield return Case($"{name}: replayed", Replay, valid.EncodeArray());
            yield return Case($"{name}: replayed again", Replay, valid.EncodeArray().Append((byte)' ').ToArray());
            if (session.Ticket is { } ticket)
            {
                var mac = Mac(Encode(Fresh(request, random)), recipient, ticket, seeded);
                yield return Case($"{name}: under the runner's ticket", Ticket, mac.EncodeArray(), request is CreateRequest or ConnectRequest ? 401 : null);
                yield return Case($"{name}: MAC flipped", Ticket, Signed(Mac(Encode(Fresh(request, random)), recipient, ticket, seeded), s => s.SignatureValue = Flip(s.SignatureValue!, 0)).EncodeArray());
                yield return Case($"{name}: unknown ticket", Ticket, Mac(Encode(Fresh(request, random)), recipient, ticket with { Id = "NBQX-UNKN-OWNT-ICKE" }, seeded).EncodeArray());
                yield return Case($"{name}: MAC under a zero key", Ticket, Mac(Encode(Fresh(request, random)), recipient, ticket with { Key = new byte[64] }, seeded).EncodeArray());
                yield return Case($"{name}: ticket kid with a signature alg", Ticket, Signed(Mac(Encode(Fresh(request, random)), recipient, ticket, seeded), s => s.Algorithm = DareAlgorithms.Sha2).EncodeArray());
            }
        }
        foreach (var (label, text) in new (string, string)[]
        {
            ("empty array", "[]"), ("one element", "[{}]"), ("two elements", "[{}, \"\"]"), ("five elements", "[{}, \"\", {}, 1, 2]"),
            ("header a string", "[\"x\", \"\", {}]"), ("payload a number", "[{}, 5, {}]"), ("payload not base64", "[{}, \"!!\", {}]"),
            ("trailer an array", "[{}, \"\", []]"), ("nested envelope", "[[{}, \"\", {}], \"\", {}]"), ("unclosed", "[{\"enc\": \"A256CBC\""),
            ("enc only", "[{\"enc\": \"A256CBC\"}, \"AAAA\"]"), ("enc unknown", "[{\"enc\": \"ROT13\", \"dig\": \"SHA2\"}, \"AAAA\", {}]"),
            ("recipients a string", "[{\"enc\": \"A256CBC\", \"recipients\": \"x\"}, \"AAAA\", {}]"),
            ("recipients of null", "[{\"enc\": \"A256CBC\", \"recipients\": [null]}, \"AAAA\", {}]"),
            ("whitespace then array", " \r\n[{}, \"\", {}]"), ("deep arrays", new string('[', 20000) + new string(']', 20000)),
        })
            yield return Case($"envelope: {label}", Envelope, Encoding.UTF8.GetBytes(text));
        foreach (var c in Binding(setup, "dare", Sealed(Encode(new StatusRequest { Account = setup.Account, ID = RandomNumberGenerator.GetBytes(16) })).EncodeArray()))
            yield return c;
    }

    // A copy of the request with a fresh ID, so that no two mutated envelopes share a PayloadDigest by accident.
    static Request Fresh(Request request, Random random)
    {
        var copy = (Request)WireSerializer.Decode(Encode(request));
        var id = new byte[16];
        random.NextBytes(id);
        copy.ID = id;
        return copy;
    }

    static IEnumerable<(string, Action<DareHeader>)> RecipientMutations(Random random)
    {
        static Mesh.Wire.Objects.PublicKeyECDH Epk(DareHeader h) => (Mesh.Wire.Objects.PublicKeyECDH)h.Recipients![0].EphemeralKey!;
        yield return ("epk on an unknown curve", h => Epk(h).Curve = "P-999");
        yield return ("epk on Ed448", h => Epk(h).Curve = "Ed448");
        yield return ("epk on X25519", h => Epk(h).Curve = "X25519");
        yield return ("epk of 10 bytes", h => Epk(h).Public = Epk(h).Public![..10]);
        yield return ("epk of 0 bytes", h => Epk(h).Public = []);
        yield return ("epk of 1000 bytes", h => Epk(h).Public = new byte[1000]);
        yield return ("epk all zero", h => Epk(h).Public = new byte[56]);
        yield return ($"epk byte {random.Next(56)} flipped", h => Epk(h).Public = Flip(Epk(h).Public!, random.Next(56)));
        yield return ("no epk", h => h.Recipients![0].EphemeralKey = null);
        yield return ("wmk truncated", h => h.Recipients![0].WrappedMasterKey = h.Recipients![0].WrappedMasterKey![..8]);
        yield return ("wmk flipped", h => h.Recipients![0].WrappedMasterKey = Flip(h.Recipients![0].WrappedMasterKey!, 3));
        yield return ("no wmk", h => h.Recipients![0].WrappedMasterKey = null);
        yield return ("recipient kid unknown", h => h.Recipients![0].KeyIdentifier = "MBZZ-ZZZZ-ZZZZ-ZZZZ");
        yield return ("no recipients", h => h.Recipients = []);
        yield return ("recipients absent", h => h.Recipients = null);
        yield return ("no Salt", h => h.Salt = null);
        yield return ("empty Salt", h => h.Salt = []);
        yield return ("enc A128CBC", h => h.EncryptionAlgorithm = "A128CBC");
        yield return ("dig unknown", h => h.DigestAlgorithm = "MD5");
        yield return ("no dig", h => h.DigestAlgorithm = null);
    }

    static byte[] Flip(byte[] bytes, int at)
    {
        var copy = bytes.ToArray();
        if (copy.Length > 0) copy[at % copy.Length] ^= 0x41;
        return copy;
    }

    static DareEnvelope With(DareEnvelope e, byte[]? payload = null, DareTrailer? trailer = null, bool dropTrailer = false) =>
        new() { Header = e.Header, Payload = payload ?? e.Payload, Trailer = dropTrailer ? null : trailer ?? e.Trailer };

    static DareEnvelope Redigested(DareEnvelope e, byte[] payload) =>
        With(e, payload, new DareTrailer { Signatures = e.Trailer!.Signatures, PayloadDigest = SHA512.HashData(payload) });

    static DareEnvelope Trailer(DareEnvelope e, byte[]? digest) => With(e, trailer: new DareTrailer { Signatures = e.Trailer!.Signatures, PayloadDigest = digest });

    static DareEnvelope Signed(DareEnvelope e, Action<DareSignature> mutate)
    {
        var copy = DareEnvelope.Decode(e.EncodeArray());
        mutate(copy.Trailer!.Signatures![0]);
        return copy;
    }

    static DareEnvelope Mac(byte[] payload, EnvelopeRecipient recipient, ClientTicket ticket, IRandomSource random)
    {
        var envelope = new EnvelopeWriter(random).Encrypted(payload, [recipient]);
        var digest = SHA512.HashData(envelope.Payload);
        envelope.Header.DigestAlgorithm = DareAlgorithms.Sha2;
        var mac = new DareSignature { Algorithm = DareAlgorithms.TicketMac, KeyIdentifier = ticket.Id, SignatureValue = HMACSHA512.HashData(ticket.Key, digest) };
        return new DareEnvelope { Header = envelope.Header, Payload = envelope.Payload, Trailer = new DareTrailer { Signatures = [mac], PayloadDigest = digest } };
    }
}
