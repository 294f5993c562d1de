using Mouazara.Local;

// The whole backend on one machine: `./run.sh` starts this; README.md says what to do next.
try
{
    await using var host = await LocalHost.StartAsync(args);
    await host.WaitForShutdownAsync();
    return 0;
}
catch (NotLoopbackException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
