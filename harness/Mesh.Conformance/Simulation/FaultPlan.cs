using System.Globalization;

namespace Mesh.Conformance.Simulation;

/// <summary>A fault the simulator can inject, with the rate it uses when none is given.</summary>
public sealed record SimFault(string Name, string Description, double DefaultRate);

/// <summary>The simulator's fault catalogue.</summary>
public static class SimFaults
{
    public const string DropRequest = "drop-request";
    public const string DropResponse = "drop-response";
    public const string DuplicateRequest = "duplicate-request";
    public const string Delay = "delay";
    public const string Reorder = "reorder";
    public const string CorruptByte = "corrupt-byte";
    public const string Restart = "restart";
    public const string SlowDns = "slow-dns";
    public const string DnsFailure = "dns-failure";
    public const string ClockSkew = "clock-skew";

    public static IReadOnlyList<SimFault> All { get; } =
    [
        new(DropRequest, "the request is lost before it reaches the service; the client retries", 0.05),
        new(DropResponse, "the service acts but its answer is lost; the client retries and reconciles", 0.05),
        new(DuplicateRequest, "the same request bytes arrive a second time, after the answer to the first", 0.05),
        new(Delay, "the request is held 5 to 50 ms before it is sent", 0.1),
        new(Reorder, "two steps of one account from different devices are sent in the other order", 0.1),
        new(CorruptByte, "one byte of an envelope in the request is flipped; the client retries with the true bytes", 0.03),
        new(Restart, "the service stops and starts again between steps, on its durable store", 0.03),
        new(SlowDns, "the device's DNS server answers discovery 300 ms late", 0.2),
        new(DnsFailure, "the device's DNS server answers discovery SERVFAIL; the device tries again", 0.2),
        new(ClockSkew, "a device's clock is up to two hours off the service's", 0.5),
    ];

    public static SimFault? Find(string name) => All.FirstOrDefault(f => f.Name == name);
}

/// <summary>
/// Which faults are on, each with its rate: the chance per opportunity (per request, per step, per discovery,
/// or per device for clock skew). Written <c>all</c>, or <c>name[=rate],…</c>.
/// </summary>
public sealed record FaultPlan(IReadOnlyDictionary<string, double> Rates)
{
    public static FaultPlan None { get; } = new(new Dictionary<string, double>());
    public static FaultPlan All { get; } = new(SimFaults.All.ToDictionary(f => f.Name, f => f.DefaultRate));

    public double RateOf(string fault) => Rates.TryGetValue(fault, out var rate) ? rate : 0;
    public bool IsOn(string fault) => RateOf(fault) > 0;

    /// <exception cref="FormatException">An unknown fault or a rate outside 0..1.</exception>
    public static FaultPlan Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text == "none") return None;
        if (text == "all") return All;
        var rates = new Dictionary<string, double>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (name, rateText) = part.IndexOf('=') is var at and >= 0 ? (part[..at], part[(at + 1)..]) : (part, null);
            var fault = SimFaults.Find(name) ?? throw new FormatException($"unknown fault '{name}'; known: {string.Join(", ", SimFaults.All.Select(f => f.Name))}");
            var rate = fault.DefaultRate;
            if (rateText is not null && !(double.TryParse(rateText, NumberStyles.Float, CultureInfo.InvariantCulture, out rate) && rate is >= 0 and <= 1))
                throw new FormatException($"the rate of {name} must be a number from 0 to 1, not '{rateText}'");
            rates[name] = rate;
        }
        return new FaultPlan(rates);
    }

    public override string ToString() => Rates.Count == 0 ? "none"
        : string.Join(",", Rates.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key}={r.Value.ToString("0.###", CultureInfo.InvariantCulture)}"));
}
