namespace Mouazara.Email;

public sealed class EmailNotSentException(string message) : Exception(message);
