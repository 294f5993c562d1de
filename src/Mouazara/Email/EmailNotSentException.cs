using System.Diagnostics.Metrics;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace Mouazara.Email;

public sealed class EmailNotSentException(string message) : Exception(message);
