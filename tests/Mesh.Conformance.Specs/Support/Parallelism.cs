// Features run in parallel, more of them than cores: scenarios mostly wait on loopback sockets. An attribute rather
// than xunit.runner.json, so that the assemblies carrying the scenarios (the CLI, its tests) keep their own settings.
[assembly: Xunit.CollectionBehavior(MaxParallelThreads = 8)]
