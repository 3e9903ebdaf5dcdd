using System.CommandLine;
using Mesh.Cli.Commands;

// run-conformance.sh subcommands. Exit codes: 0 all checks pass, 1 a check failed, 2 the tool could not run.
var root = new RootCommand("MeshConformance: conformance harness for the Mathematical Mesh Service protocol (draft-hallambaker-mesh-protocol-03)")
{
    VerifyVectorsCommand.Create(),
    BenchCommand.Create(),
    ServeCommand.Create(),
    ClientCommand.Create(),
    RunCommand.Create(),
    RegenerateCommand.Create(),
    RequirementsCommand.Create(),
    FaultsCommand.Create(),
    CheckClientCommand.Create(),
    MatrixCommand.Create(),
};
return root.Parse(args).Invoke();
