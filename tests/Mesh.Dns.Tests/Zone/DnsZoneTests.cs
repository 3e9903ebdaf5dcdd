namespace Mesh.Dns.Tests.Zone;

/// <summary>How a zone answers questions, before any packet is sent (RFC 1034 §4.3.2, RFC 2308, RFC 8020).</summary>
public class DnsZoneTests
{
    [Fact]
    public void Name_with_records_but_not_the_type_is_nodata_and_a_name_without_records_is_nxdomain()
    {
        var zone = new DnsZone().AddA("host.example.com", "127.0.0.1");

        Assert.Equal(ZoneAnswerKind.Answer, zone.Lookup("host.example.com", ZoneRecordType.A).Kind);
        Assert.Equal(ZoneAnswerKind.NoData, zone.Lookup("host.example.com", ZoneRecordType.TXT).Kind);
        Assert.Equal(ZoneAnswerKind.NoData, zone.Lookup("example.com", ZoneRecordType.A).Kind); // empty non-terminal
        Assert.Equal(ZoneAnswerKind.NxDomain, zone.Lookup("other.example.com", ZoneRecordType.A).Kind);
    }

    [Fact]
    public void Nxdomain_name_hides_everything_at_and_below_it()
    {
        var zone = new DnsZone().AddA("host.example.com", "127.0.0.1").AddNxDomain("example.com");

        Assert.Equal(ZoneAnswerKind.NxDomain, zone.Lookup("host.example.com", ZoneRecordType.A).Kind);
    }

    [Fact]
    public void Cname_loop_ends_instead_of_hanging()
    {
        var zone = new DnsZone().AddCName("a.example.com", "b.example.com").AddCName("b.example.com", "a.example.com");

        var result = zone.Lookup("a.example.com", ZoneRecordType.A);

        Assert.Equal(2, result.Records.Count);
    }

    [Fact]
    public void Fault_for_the_exact_type_wins_over_one_for_every_type()
    {
        var zone = new DnsZone()
            .AddFault("x.example.com", DnsFault.Refused)
            .AddFault("x.example.com", DnsFault.ServFail, ZoneRecordType.SRV);

        Assert.Equal(DnsFault.ServFail, zone.FaultFor("X.example.com.", ZoneRecordType.SRV)?.Fault);
        Assert.Equal(DnsFault.Refused, zone.FaultFor("x.example.com", ZoneRecordType.TXT)?.Fault);
        Assert.Equal(DnsFault.Refused, zone.FaultFor("x.example.com", null)?.Fault);
        zone.ClearFaults("x.example.com");
        Assert.Null(zone.FaultFor("x.example.com", ZoneRecordType.SRV));
    }

    [Fact]
    public void Address_of_the_wrong_family_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => new DnsZone().AddA("h.example.com", "::1"));
        Assert.Throws<ArgumentException>(() => new DnsZone().AddAaaa("h.example.com", "127.0.0.1"));
    }
}
