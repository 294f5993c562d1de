using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mouazara.Intake.Fetching;

/// <summary>Thrown for a failure worth retrying (the network, a timeout, 408, 429 or 5xx); durable retries take it from there.</summary>
public sealed class TransientFetchException(string message, Exception? inner = null) : Exception(message, inner);
