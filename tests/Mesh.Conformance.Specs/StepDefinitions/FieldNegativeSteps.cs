using Mesh.Conformance.Drivers;
using Mesh.Conformance.Scenarios;
using TechTalk.SpecFlow;

namespace Mesh.Conformance.Specs.StepDefinitions;

/// <summary>Every member of every request changed one way (generated from the message registry), and what each must get.</summary>
[Binding]
public sealed class FieldNegativeSteps(FieldNegativesDriver fields, ServiceTargetDriver target)
{
    [When(@"every member of every request of (\w+) is sent (wrong-typed|duplicated|null|missing|empty|beside an unknown member)")]
    public Task WhenEveryMember(string holder, string mutation) => fields.RunAsync(mutation switch
    {
        "wrong-typed" => FieldMutation.WrongType,
        "duplicated" => FieldMutation.Duplicated,
        "null" => FieldMutation.Null,
        "missing" => FieldMutation.Missing,
        "empty" => FieldMutation.Empty,
        _ => FieldMutation.Unknown,
    }, target.Account(holder));

    [Then(@"each is refused with 400 and changes nothing")]
    public void ThenEachRefused() => Judge("A request with a member of the wrong type or named twice is refused 400 and changes nothing",
        "400, state unchanged", c => c.Result.Status == 400 && !c.StateChanged);

    [Then(@"each is answered as the valid request is")]
    public async Task ThenEachAsValid()
    {
        var valid = new Dictionary<string, int?>();
        foreach (var transaction in Cases.Select(c => c.Transaction).Distinct())
            valid[transaction] = await fields.ValidStatusAsync(transaction, Account);
        Judge("An unknown member is ignored: the request is answered as without it (A25)", "the valid request's status",
            c => c.Result.Status == valid[c.Transaction], c => $"{valid[c.Transaction]}");
    }

    [Then(@"each is answered as the request without the member is")]
    public async Task ThenEachAsWithout()
    {
        var without = new Dictionary<FieldCase, int?>();
        foreach (var c in Cases) without[c] = await fields.StatusWithoutAsync(c.Transaction, c.Member, Account);
        Judge("A member given as null is read as absent", "the status without the member", c => c.Result.Status == without[c], c => $"{without[c]}");
    }

    [Then(@"each gets a tagged answer, and a refusal changes nothing")]
    public void ThenEachTagged() => Judge("A request missing a member or with an empty one gets a tagged answer, a refusal that changes nothing, never a 5xx",
        "a tagged answer below 500; a refusal leaves the state as it was",
        c => c.Result.Response is not null && c.Result.Status < 500 && c.Result.HttpStatus < 500 && (c.Result.Succeeded || !c.StateChanged));

    IReadOnlyList<FieldCase> Cases => fields.Cases.Count > 0 ? fields.Cases
        : throw new InvalidOperationException("the step is misused: no generated case was sent before it");

    string Account => target.Account("alice");

    void Judge(string requirement, string expected, Func<FieldCase, bool> holds, Func<FieldCase, string>? expectedOf = null)
    {
        var failed = Cases.Where(c => !holds(c)).ToList();
        if (failed.Count == 0) return;
        var lines = failed.Take(12).Select(c => $"{c.Name}: {c.Result.HttpStatus}/{c.Result.Status?.ToString() ?? "no Status"}"
            + (c.StateChanged ? ", state changed" : "") + (expectedOf is null ? "" : $" (expected {expectedOf(c)})") + $"\n      {Clip(c.Body)}");
        throw new ConformanceFailure($"{requirement}: {failed.Count} of {Cases.Count} cases do not", expected,
            string.Join("\n    ", lines) + (failed.Count > 12 ? $"\n    … and {failed.Count - 12} more" : ""), Row(Cases[0].Mutation));
    }

    // The row each change is judged by: the decision it tests (docs/service.md, docs/wire.md).
    static string Row(FieldMutation mutation) => mutation switch
    {
        FieldMutation.WrongType => "H11",
        FieldMutation.Duplicated => "H72",
        FieldMutation.Unknown => "H27",
        FieldMutation.Null => "H73",
        _ => "H74",
    };

    static string Clip(string body) => body.Length <= 160 ? body : body[..160] + "…";
}
