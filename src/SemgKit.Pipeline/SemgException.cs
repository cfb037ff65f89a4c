namespace SemgKit.Pipeline;

/// <summary>
/// A domain error a user can act on: bad input, unknown name, inconsistent options.
/// The CLI prints <see cref="Exception.Message"/> as one line and exits non-zero; no stack trace
/// unless <c>--verbose</c>. Anything that is not a <see cref="SemgException"/> is a bug.
/// </summary>
public class SemgException : Exception
{
    public SemgException(string message) : base(message) { }

    public SemgException(string message, Exception? inner) : base(message, inner) { }
}
