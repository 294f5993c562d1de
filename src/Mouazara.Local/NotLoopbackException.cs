namespace Mouazara.Local;

/// <summary>The local host and its development tools answer one machine only; any other listen address is refused.</summary>
public sealed class NotLoopbackException(string address)
    : Exception($"Refusing to start: Local:ListenAddress '{address}' is not a loopback address. The local host and its development tools are for one machine only.");
