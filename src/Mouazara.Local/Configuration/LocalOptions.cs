namespace Mouazara.Local.Configuration;

/// <summary>Settings of the local host alone (<c>Local__*</c>); the Functions app has none of these.</summary>
public sealed class LocalOptions
{
    public const string Section = "Local";

    /// <summary>7071, the port <c>func start</c> uses, so the same URLs work against both hosts.</summary>
    public int Port { get; set; } = 7071;

    /// <summary>The local host serves loopback only; anything else is refused at start.</summary>
    public string ListenAddress { get; set; } = "localhost";

    /// <summary>Durable task hub name; tests give each host its own.</summary>
    public string TaskHub { get; set; } = "mouazara";

    /// <summary>Start Azurite from node_modules when no storage answers.</summary>
    public bool StartAzurite { get; set; } = true;

    /// <summary>Edition files seeded at start (relative to the repository root).</summary>
    public string EditionsPath { get; set; } = "editions";

    /// <summary>Sample submissions posted through the real webhook at start, once each (relative to the repository root).</summary>
    public string SamplesPath { get; set; } = "samples/generic";

    public bool SeedSamples { get; set; } = true;

    /// <summary>The durable engine's polling and lease timing: <c>local</c> (quick) or <c>production</c> (the Functions app's host.json).</summary>
    public string EngineTiming { get; set; } = "local";
}
