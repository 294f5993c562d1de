namespace Mouazara.Intake.Fetching;

/// <summary>Thrown for a failure worth retrying (the network, a timeout, 408, 429 or 5xx); durable retries take it from there.</summary>
public sealed class TransientFetchException(string message, Exception? inner = null) : Exception(message, inner);
