using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Mesh.Dns;

/// <summary>
/// Reads the harness's zone files: a small subset of RFC 1035 §5 master files plus two lines of our own
/// (NXDOMAIN and FAULT). One record per line:
/// <code>
/// ; a comment runs from ';' (outside quotes) to the end of the line
/// owner.  [ttl]  [IN]  TYPE  data...
///
/// _mmm._tcp.example.com.  SRV   10 60 8443 host1.example.com.   ; priority weight port target
///                         TXT   "path=/mesh/" "note=x"           ; one record, one or more strings
/// host1.example.com.  300 A     127.0.0.1
///                         AAAA  ::1
/// alias.example.com.      CNAME host1.example.com.
/// _mmm._tcp.none.example. SRV   0 0 0 .                          ; "." = service decidedly not available
/// gone.example.com.       NXDOMAIN                               ; this name and all below it
/// _mmm._tcp.down.example. FAULT SERVFAIL SRV                     ; TIMEOUT | SERVFAIL | REFUSED | TRUNCATED [type]
/// slow.example.com.       FAULT DELAY 250 A                      ; answer after 250 ms [type]
/// </code>
/// Names are absolute and end with '.' (there is no $ORIGIN). A line that starts with whitespace, a TTL or a
/// type keyword has the previous line's owner (RFC 1035 §5.1). TTL defaults to <see cref="ZoneRecord.DefaultTtl"/>.
/// TXT strings are quoted (<c>\"</c> and <c>\\</c> escape) or bare words. A FAULT without a type applies to
/// every query type of that name. Anything else is a <see cref="ZoneFileFormatException"/> naming the line.
/// </summary>
public static class ZoneFileParser
{
    static readonly string[] RecordKeywords = ["SRV", "TXT", "A", "AAAA", "CNAME", "NXDOMAIN", "FAULT"];

    /// <summary>Parses <paramref name="text"/>; <paramref name="sourceName"/> is used in error messages.</summary>
    public static DnsZone Parse(string text, string sourceName = "zone")
    {
        ArgumentNullException.ThrowIfNull(text);
        var zone = new DnsZone();
        string? owner = null;
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            try
            {
                var tokens = Tokenize(line);
                if (tokens.Count == 0) continue;
                owner = ParseLine(zone, tokens, startsWithSpace: char.IsWhiteSpace(line[0]), owner);
            }
            catch (LineException e)
            {
                throw new ZoneFileFormatException(sourceName, i + 1, line, e.Message);
            }
            catch (ArgumentException e)
            {
                // Raised by the record constructors (bad name, over-long TXT string, …).
                throw new ZoneFileFormatException(sourceName, i + 1, line, e.Message.Split(" (Parameter")[0]);
            }
        }
        return zone;
    }

    static string ParseLine(DnsZone zone, List<Token> tokens, bool startsWithSpace, string? previousOwner)
    {
        var at = 0;
        string owner;
        if (!startsWithSpace && tokens[0] is { Quoted: false } first && first.Text.EndsWith('.'))
        {
            owner = Name(first.Text, "owner");
            at = 1;
        }
        else if (startsWithSpace || IsKeyword(tokens[0].Text) || IsTtl(tokens[0].Text))
        {
            owner = previousOwner ?? throw new LineException("no owner name, and no earlier line to take it from");
        }
        else if (tokens[0].Text.Contains('.'))
        {
            throw new LineException($"owner name '{tokens[0].Text}' must be absolute, ending with '.'");
        }
        else
        {
            throw new LineException($"'{tokens[0].Text}' is neither an owner name ending with '.' nor a record type ({string.Join(", ", RecordKeywords)})");
        }

        var ttl = ZoneRecord.DefaultTtl;
        if (at < tokens.Count && IsTtl(tokens[at].Text))
        {
            ttl = int.Parse(tokens[at].Text, CultureInfo.InvariantCulture);
            at++;
        }
        if (at < tokens.Count && tokens[at].Text.Equals("IN", StringComparison.OrdinalIgnoreCase)) at++;
        if (at >= tokens.Count) throw new LineException("record type missing");

        var type = tokens[at].Text.ToUpperInvariant();
        var data = tokens.Skip(at + 1).ToList();
        switch (type)
        {
            case "SRV":
                Expect(data, 4, "SRV needs priority weight port target");
                zone.Add(new SrvZoneRecord(owner, UShort(data[0], "priority"), UShort(data[1], "weight"), UShort(data[2], "port"),
                    data[3].Text == "." ? DnsName.Root : Name(data[3].Text, "SRV target"), ttl));
                break;
            case "TXT":
                if (data.Count == 0) throw new LineException("TXT needs at least one string");
                zone.Add(new TxtZoneRecord(owner, data.Select(t => t.Text), ttl));
                break;
            case "A":
                Expect(data, 1, "A needs one IPv4 address");
                zone.Add(new AddressZoneRecord(owner, Address(data[0].Text, AddressFamily.InterNetwork, "IPv4"), ttl));
                break;
            case "AAAA":
                Expect(data, 1, "AAAA needs one IPv6 address");
                zone.Add(new AddressZoneRecord(owner, Address(data[0].Text, AddressFamily.InterNetworkV6, "IPv6"), ttl));
                break;
            case "CNAME":
                Expect(data, 1, "CNAME needs one target name");
                zone.Add(new CNameZoneRecord(owner, Name(data[0].Text, "CNAME target"), ttl));
                break;
            case "NXDOMAIN":
                Expect(data, 0, "NXDOMAIN takes no data");
                zone.AddNxDomain(owner);
                break;
            case "FAULT":
                ParseFault(zone, owner, data);
                break;
            default:
                throw new LineException($"unknown record type '{tokens[at].Text}' (expected one of {string.Join(", ", RecordKeywords)})");
        }
        return owner;
    }

    static void ParseFault(DnsZone zone, string owner, List<Token> data)
    {
        if (data.Count == 0) throw new LineException("FAULT needs a kind: TIMEOUT, SERVFAIL, REFUSED, TRUNCATED or DELAY ms");
        var kind = data[0].Text.ToUpperInvariant();
        var rest = data.Skip(1).ToList();
        if (kind == "DELAY")
        {
            if (rest.Count == 0 || !int.TryParse(rest[0].Text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
                throw new LineException("FAULT DELAY needs a delay in milliseconds");
            zone.AddDelay(owner, TimeSpan.FromMilliseconds(ms), FaultType(rest.Skip(1).ToList()));
            return;
        }
        var fault = kind switch
        {
            "TIMEOUT" => DnsFault.Timeout,
            "SERVFAIL" => DnsFault.ServFail,
            "REFUSED" => DnsFault.Refused,
            "TRUNCATED" => DnsFault.Truncated,
            _ => throw new LineException($"unknown fault '{data[0].Text}' (expected TIMEOUT, SERVFAIL, REFUSED, TRUNCATED or DELAY ms)"),
        };
        zone.AddFault(owner, fault, FaultType(rest));
    }

    static ZoneRecordType? FaultType(List<Token> rest)
    {
        if (rest.Count == 0) return null;
        if (rest.Count > 1) throw new LineException($"unexpected '{rest[1].Text}' after the fault's query type");
        return Enum.TryParse<ZoneRecordType>(rest[0].Text, ignoreCase: true, out var type) && !int.TryParse(rest[0].Text, out _)
            ? type
            : throw new LineException($"unknown query type '{rest[0].Text}' (expected A, AAAA, CNAME, SRV or TXT)");
    }

    static void Expect(List<Token> data, int count, string usage)
    {
        if (data.Count != count) throw new LineException($"{usage}; found {data.Count} item(s)");
    }

    static bool IsKeyword(string token) => RecordKeywords.Contains(token.ToUpperInvariant()) || token.Equals("IN", StringComparison.OrdinalIgnoreCase);

    static bool IsTtl(string token) => token.Length > 0 && token.All(char.IsAsciiDigit);

    static ushort UShort(Token token, string field) =>
        ushort.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new LineException($"SRV {field} '{token.Text}' is not a number from 0 to 65535");

    static string Name(string text, string role) =>
        text.EndsWith('.') ? text : throw new LineException($"{role} '{text}' must be absolute, ending with '.'");

    static IPAddress Address(string text, AddressFamily family, string label) =>
        IPAddress.TryParse(text, out var address) && address.AddressFamily == family
            ? address
            : throw new LineException($"'{text}' is not an {label} address");

    readonly record struct Token(string Text, bool Quoted);

    // Splits on whitespace; "quoted strings" are one token with \" and \\ escapes; ';' outside quotes ends the line.
    static List<Token> Tokenize(string line)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < line.Length)
        {
            var c = line[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == ';') break;
            if (c == '"')
            {
                var text = new StringBuilder();
                i++;
                var closed = false;
                while (i < line.Length)
                {
                    if (line[i] == '\\' && i + 1 < line.Length) { text.Append(line[i + 1]); i += 2; continue; }
                    if (line[i] == '"') { closed = true; i++; break; }
                    text.Append(line[i++]);
                }
                if (!closed) throw new LineException("unterminated quoted string");
                tokens.Add(new Token(text.ToString(), Quoted: true));
                continue;
            }
            var start = i;
            while (i < line.Length && !char.IsWhiteSpace(line[i]) && line[i] != ';' && line[i] != '"') i++;
            tokens.Add(new Token(line[start..i], Quoted: false));
        }
        return tokens;
    }

    sealed class LineException(string message) : Exception(message);
}
