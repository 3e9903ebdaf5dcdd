using System.CommandLine;
using Mesh.Cli.Commands;

// run-conformance.sh subcommands. Exit codes: 0 all checks pass, 1 a check failed, 2 the tool could not run.
var root = new RootCommand("MeshConformance: conformance harness for the Mathematical Mesh Service protocol (draft-hallambaker-mesh-protocol-03)")
{
    VerifyVectorsCommand.Create(),
    DifferentialCommand.Create(),
    BenchCommand.Create(),
    ServeCommand.Create(),
    ClientCommand.Create(),
    RunCommand.Create(),
    RegenerateCommand.Create(),
    RequirementsCommand.Create(),
    FaultsCommand.Create(),
    VariationsCommand.Create(),
    CheckClientCommand.Create(),
    MatrixCommand.Create(),
    SimulateCommand.Create(),
    HostileCommand.Create(),
    CrashCommand.Create(),
};
var parsed = root.Parse(args);
// Bad arguments mean the harness could not run: exit 2, as for an unreachable target, never 1 (a failure found).
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors) Console.Error.WriteLine(error.Message);
    Console.Error.WriteLine("--help lists the subcommands and their options.");
    return 2;
}
return parsed.Invoke();
