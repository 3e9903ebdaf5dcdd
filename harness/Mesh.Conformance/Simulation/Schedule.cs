using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mesh.Conformance.Simulation;

/// <summary>What a scheduled step does.</summary>
public enum StepKind
{
    /// <summary>The account holder's administrator device creates the account.</summary>
    CreateAccount,
    /// <summary>A new device connects: Connect, the administrator's acceptance (Upload), Complete.</summary>
    ConnectDevice,
    /// <summary>A connected device uploads catalog entries at the next index it knows of.</summary>
    Upload,
    /// <summary>A device synchronises: Status, then Download of what it has not seen.</summary>
    Sync,
    /// <summary>A device posts a message to another account's inbound spool.</summary>
    Post,
    /// <summary>A device tries to read and write an account it is not connected to.</summary>
    Intrude,
    /// <summary>The administrator deletes the account.</summary>
    DeleteAccount,
    /// <summary>The service stops and starts again on its durable store.</summary>
    Restart,
}

/// <summary>
/// One step of a schedule. <see cref="Number"/> stays with the step when a schedule is shrunk, so the fault
/// decisions drawn for it stay the same. <see cref="Other"/> is the other account of a Post or an intrusion.
/// </summary>
public sealed record SimStep(int Number, StepKind Kind, int Account = -1, int Device = 0, int Other = -1, string? Container = null, int Count = 0)
{
    /// <summary>The accounts whose state the step may read or change: steps that share none may run at once.</summary>
    public IEnumerable<int> Touches => Kind == StepKind.Restart ? [] : Other >= 0 ? [Account, Other] : [Account];

    public string Actor => Kind == StepKind.Restart ? "service" : $"a{Account}/d{Device}";

    public override string ToString() => Kind switch
    {
        StepKind.Restart => $"#{Number} restart the service",
        StepKind.Upload => $"#{Number} {Actor} uploads {Count} to {Container}",
        StepKind.Post => $"#{Number} {Actor} posts to a{Other}",
        StepKind.Intrude => $"#{Number} {Actor} intrudes on a{Other}",
        _ => $"#{Number} {Actor} {Kind}",
    };
}

/// <summary>
/// A run as it can be replayed: the population, the seed (fault decisions are drawn from it per step), the faults,
/// and the steps in order. Saved as <c>schedule.json</c>; <c>simulate --replay FILE</c> runs it again.
/// </summary>
public sealed record Schedule(int Seed, int Accounts, int DevicesPerAccount, string Faults, bool Encapsulation, IReadOnlyList<SimStep> Steps)
{
    static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public Schedule WithSteps(IReadOnlyList<SimStep> steps) => this with { Steps = steps };

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    /// <exception cref="FormatException">The file is not a schedule.</exception>
    public static Schedule Load(string path)
    {
        try { return JsonSerializer.Deserialize<Schedule>(File.ReadAllText(path), Json) ?? throw new FormatException($"{path} is empty"); }
        catch (JsonException e) { throw new FormatException($"{path} is not a schedule: {e.Message}"); }
    }
}

/// <summary>
/// Draws a schedule from the seed: accounts are created early, devices connect over time, and the rest is
/// uploads from several devices of one account (conflicts come from devices that have not synchronised),
/// synchronisation, posts between accounts (some to accounts that do not exist), intrusions (with DARE
/// encapsulation only: without it the service cannot tell devices apart), late deletions, and restarts
/// at the restart fault's rate.
/// </summary>
public static class ScheduleGenerator
{
    /// <summary>Catalogs the devices write to; the device catalog and spools are written by the connection flow and the service.</summary>
    public static readonly string[] Catalogs = ["mmm_Contact", "mmm_Bookmark", "mmm_Calendar"];

    public static Schedule Generate(SimulationOptions options, FaultDice? dice = null, bool accountsFirst = false)
    {
        dice ??= new FaultDice(options.Seed, options.Faults);
        var random = new Random(options.Seed);
        var created = new bool[options.Accounts];
        var deleted = new bool[options.Accounts];
        var connected = new int[options.Accounts]; // devices connected so far, the administrator (device 0) included
        var nextAccount = 0;
        var steps = new List<SimStep>();
        int Live() => Enumerable.Range(0, options.Accounts).Count(a => created[a] && !deleted[a]);
        int PickLive() => Enumerable.Range(0, options.Accounts).Where(a => created[a] && !deleted[a]).ElementAt(random.Next(Live()));

        while (steps.Count < options.Steps)
        {
            var number = steps.Count + 1;
            if (options.Target is null && steps.Count > 0 && dice.Fires(SimFaults.Restart, number))
            {
                steps.Add(new SimStep(number, StepKind.Restart));
                continue;
            }
            var mustCreate = nextAccount < options.Accounts && (accountsFirst || Live() == 0 || random.NextDouble() < 0.5 * (options.Accounts - nextAccount) / options.Accounts);
            if (mustCreate)
            {
                created[nextAccount] = true;
                connected[nextAccount] = 1;
                steps.Add(new SimStep(number, StepKind.CreateAccount, nextAccount++));
                continue;
            }
            if (Live() == 0) break; // everything was deleted and nothing is left to create
            var account = PickLive();
            var device = random.Next(connected[account]);
            var choice = random.NextDouble() * 100;
            var lateEnough = steps.Count > options.Steps * 0.7;
            if (connected[account] < options.DevicesPerAccount && choice < 20)
            {
                steps.Add(new SimStep(number, StepKind.ConnectDevice, account, connected[account]++));
            }
            else if (choice < 55)
            {
                steps.Add(new SimStep(number, StepKind.Upload, account, device, Container: Catalogs[random.Next(Catalogs.Length)], Count: 1 + random.Next(3)));
            }
            else if (choice < 80)
            {
                steps.Add(new SimStep(number, StepKind.Sync, account, device));
            }
            else if (choice < 92)
            {
                // Any account, created or not, or the one address no account ever has: a Post to an unknown account must be reported failed.
                steps.Add(new SimStep(number, StepKind.Post, account, device, Other: random.Next(options.Accounts + 1)));
            }
            else if (choice < 98 && options.Encapsulation && options.Accounts > 1)
            {
                var other = (account + 1 + random.Next(options.Accounts - 1)) % options.Accounts;
                // The intruder is one of this account's devices that is not connected yet, or a device of another account.
                steps.Add(connected[account] < options.DevicesPerAccount && random.Next(2) == 0
                    ? new SimStep(number, StepKind.Intrude, account, connected[account], Other: account)
                    : new SimStep(number, StepKind.Intrude, account, device, Other: other));
            }
            else if (lateEnough && Live() > 1 && random.Next(3) == 0)
            {
                deleted[account] = true;
                steps.Add(new SimStep(number, StepKind.DeleteAccount, account));
            }
            else
            {
                steps.Add(new SimStep(number, StepKind.Sync, account, device));
            }
        }
        return new Schedule(options.Seed, options.Accounts, options.DevicesPerAccount, options.Faults.ToString(), options.Encapsulation, steps);
    }

    /// <summary>
    /// A population built up in order, for scale figures: every account created, then every device connected, then
    /// each device uploading <paramref name="entriesPerDevice"/> entries in one Upload. No faults, no randomness.
    /// </summary>
    public static Schedule Population(int accounts, int devicesPerAccount, int entriesPerDevice, bool encapsulation)
    {
        var steps = new List<SimStep>();
        void Add(StepKind kind, int account, int device = 0, string? container = null, int count = 0) =>
            steps.Add(new SimStep(steps.Count + 1, kind, account, device, Container: container, Count: count));
        for (var a = 0; a < accounts; a++) Add(StepKind.CreateAccount, a);
        for (var d = 1; d < devicesPerAccount; d++)
            for (var a = 0; a < accounts; a++) Add(StepKind.ConnectDevice, a, d);
        for (var d = 0; d < devicesPerAccount; d++)
            for (var a = 0; a < accounts; a++) Add(StepKind.Upload, a, d, Catalogs[d % Catalogs.Length], entriesPerDevice);
        return new Schedule(1, accounts, devicesPerAccount, FaultPlan.None.ToString(), encapsulation, steps);
    }

    /// <summary>
    /// Steps in the order they are sent, after the reorder fault (two steps of one account from different devices
    /// swapped), grouped into rounds: consecutive steps that touch different accounts run at once, so every
    /// account sees its steps in one order whatever the timing, and the same seed gives the same result.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<SimStep>> Rounds(IReadOnlyList<SimStep> steps, FaultDice dice)
    {
        var order = steps.ToList();
        for (var i = 0; i < order.Count - 1; i++)
        {
            var step = order[i];
            if (step.Kind is not (StepKind.Upload or StepKind.Sync)) continue;
            var j = order.FindIndex(i + 1, s => s.Touches.Contains(step.Account) || s.Kind == StepKind.Restart);
            if (j < 0 || order[j].Kind is not (StepKind.Upload or StepKind.Sync) || order[j].Account != step.Account || order[j].Device == step.Device) continue;
            if (!dice.Fires(SimFaults.Reorder, step.Number)) continue;
            (order[i], order[j]) = (order[j], order[i]);
            i = j; // a swapped pair is not swapped again
        }
        var rounds = new List<IReadOnlyList<SimStep>>();
        var current = new List<SimStep>();
        var touched = new HashSet<int>();
        foreach (var step in order)
        {
            var barrier = step.Kind == StepKind.Restart;
            if (current.Count > 0 && (barrier || current[0].Kind == StepKind.Restart || step.Touches.Any(touched.Contains)))
            {
                rounds.Add(current);
                current = [];
                touched.Clear();
            }
            current.Add(step);
            touched.UnionWith(step.Touches);
        }
        if (current.Count > 0) rounds.Add(current);
        return rounds;
    }
}
