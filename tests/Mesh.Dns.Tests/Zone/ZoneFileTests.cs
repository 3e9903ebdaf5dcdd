using System.Net;

namespace Mesh.Dns.Tests.Zone;

/// <summary>The zone file format (<see cref="ZoneFileParser"/>): what it reads, and errors that name the line.</summary>
public class ZoneFileTests
{
    const string GoodZone = """
        ; Mesh discovery for example.com
        _mmm._tcp.example.com.  SRV   10 60 8443 host1.example.com.
                                SRV   20 0 8444 host2.example.com.   ; backup
                                TXT   "path=/mesh/" "note=a \"quoted\" word"
        host1.example.com.  300 A     127.0.0.1
                                AAAA  ::1
        host2.example.com.  IN  A     127.0.0.2
        alias.example.com.      CNAME host1.example.com.
        _mmm._tcp.none.example. SRV   0 0 0 .
        gone.example.com.       NXDOMAIN
        _mmm._tcp.down.example. FAULT SERVFAIL SRV
        slow.example.com.       FAULT DELAY 250 a
        stuck.example.com.      FAULT TIMEOUT
        """;

    [Fact]
    public void Good_file_yields_every_record_fault_and_nxdomain_name()
    {
        var zone = DnsZone.Parse(GoodZone);

        var srv = zone.Records.OfType<SrvZoneRecord>().ToList();
        Assert.Equal(["host1.example.com", "host2.example.com", DnsName.Root], srv.Select(r => r.Target));
        Assert.Equal("_mmm._tcp.example.com", srv[1].Name); // owner carried over from the line above
        Assert.Equal((20, 0, 8444), (srv[1].Priority, srv[1].Weight, srv[1].Port));

        var txt = Assert.Single(zone.Records.OfType<TxtZoneRecord>());
        Assert.Equal(["path=/mesh/", "note=a \"quoted\" word"], txt.Strings);

        var addresses = zone.Records.OfType<AddressZoneRecord>().ToList();
        Assert.Equal([IPAddress.Loopback, IPAddress.IPv6Loopback, IPAddress.Parse("127.0.0.2")], addresses.Select(a => a.Address));
        Assert.Equal([300, ZoneRecord.DefaultTtl, ZoneRecord.DefaultTtl], addresses.Select(a => a.Ttl)); // no carry-over
        Assert.Equal(ZoneRecordType.AAAA, addresses[1].Type);

        Assert.Equal("host1.example.com", Assert.Single(zone.Records.OfType<CNameZoneRecord>()).Target);
        Assert.Equal(["gone.example.com"], zone.NxDomainNames);
        Assert.Equal(DnsFault.ServFail, zone.FaultFor("_mmm._tcp.down.example", ZoneRecordType.SRV)?.Fault);
        Assert.Null(zone.FaultFor("_mmm._tcp.down.example", ZoneRecordType.TXT));
        Assert.Equal(TimeSpan.FromMilliseconds(250), zone.FaultFor("slow.example.com", ZoneRecordType.A)?.Delay);
        Assert.Equal(DnsFault.Timeout, zone.FaultFor("stuck.example.com", ZoneRecordType.TXT)?.Fault);
    }

    [Fact]
    public void Zone_written_out_reads_back_the_same()
    {
        var zone = DnsZone.Parse(GoodZone);

        var again = DnsZone.Parse(zone.ToString());

        Assert.Equal(zone.ToString(), again.ToString());
        Assert.Equal(zone.Records, again.Records);
    }

    [Fact]
    public void Load_reads_a_file_and_names_it_in_errors()
    {
        var path = Path.Combine(Path.GetTempPath(), $"mesh-dns-{Guid.NewGuid():N}.zone");
        try
        {
            File.WriteAllText(path, "a.example. A 127.0.0.1\nb.example. A 300.0.0.1\n");
            var error = Assert.Throws<ZoneFileFormatException>(() => DnsZone.Load(path));
            Assert.Equal(path, error.SourceName);
            Assert.StartsWith($"{path} line 2:", error.Message);

            File.WriteAllText(path, "a.example. A 127.0.0.1\n");
            Assert.Single(DnsZone.Load(path).Records);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("_mmm._tcp.example.com. SRV 10 60 host1.example.com.", "SRV needs priority weight port target")]
    [InlineData("_mmm._tcp.example.com. SRV 10 60 70000 host1.example.com.", "port '70000'")]
    [InlineData("_mmm._tcp.example.com. SRV 10 60 8443 host1.example.com", "must be absolute")]
    [InlineData("host1.example.com A 127.0.0.1", "owner name 'host1.example.com' must be absolute")]
    [InlineData("host1.example.com. A ::1", "'::1' is not an IPv4 address")]
    [InlineData("host1.example.com. AAAA 127.0.0.1", "not an IPv6 address")]
    [InlineData("host1.example.com. MX 10 mail.example.com.", "unknown record type 'MX'")]
    [InlineData("host1.example.com. TXT \"path=/x/", "unterminated quoted string")]
    [InlineData("host1.example.com. TXT", "TXT needs at least one string")]
    [InlineData("host1.example.com. FAULT EXPLODE", "unknown fault 'EXPLODE'")]
    [InlineData("host1.example.com. FAULT DELAY soon", "FAULT DELAY needs a delay")]
    [InlineData("host1.example.com. FAULT SERVFAIL MX", "unknown query type 'MX'")]
    [InlineData("host1.example.com. NXDOMAIN now", "NXDOMAIN takes no data")]
    public void Bad_line_is_reported_with_its_line_number_and_reason(string badLine, string reason)
    {
        var text = $"; header\nok.example.com. A 127.0.0.1\n\n{badLine}\nlater.example.com. A 127.0.0.2\n";

        var error = Assert.Throws<ZoneFileFormatException>(() => DnsZone.Parse(text, "test.zone"));

        Assert.Equal(4, error.LineNumber);
        Assert.Contains(reason, error.Reason);
        Assert.StartsWith("test.zone line 4: ", error.Message);
        Assert.Contains(badLine.Trim(), error.Message);
    }

    [Fact]
    public void Continuation_line_before_any_owner_is_an_error()
    {
        var error = Assert.Throws<ZoneFileFormatException>(() => DnsZone.Parse("; nothing yet\n   A 127.0.0.1\n"));

        Assert.Equal(2, error.LineNumber);
        Assert.Contains("no owner name", error.Reason);
    }

    [Fact]
    public void Type_keyword_at_line_start_reuses_the_previous_owner()
    {
        var zone = DnsZone.Parse("_mmm._tcp.example.com. SRV 10 60 8443 host1.example.com.\nTXT \"path=/x/\"\nA 127.0.0.1\n");

        Assert.All(zone.Records, r => Assert.Equal("_mmm._tcp.example.com", r.Name));
        Assert.Equal(3, zone.Records.Count);
    }
}
