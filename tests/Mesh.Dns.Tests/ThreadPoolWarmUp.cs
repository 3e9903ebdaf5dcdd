using System.Runtime.CompilerServices;

namespace Mesh.Dns.Tests;

/// <summary>
/// Gives the test process enough thread-pool threads up front. On a 2-core machine the pool starts with two,
/// the test host keeps some busy, and a timer continuation (a scripted DELAY, a resolver timeout) was measured
/// waiting up to ~0.9 s for the pool to grow — enough to turn "answer after 150 ms" into a client timeout.
/// </summary>
static class ThreadPoolWarmUp
{
    [ModuleInitializer]
    internal static void RaiseMinimumThreads()
    {
        ThreadPool.GetMinThreads(out var worker, out var io);
        ThreadPool.SetMinThreads(Math.Max(worker, 16), Math.Max(io, 16));
    }
}
