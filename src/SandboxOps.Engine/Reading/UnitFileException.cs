using System;

namespace SandboxOps.Engine.Reading;

/// <summary>Carries which file of a unit failed, so the problem report can name it.</summary>
internal sealed class UnitFileException : Exception
{
    public UnitFileException()
    {
    }

    public UnitFileException(string message)
        : base(message)
    {
    }

    public UnitFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The failing file, relative to the source root.</summary>
    public string Path { get; private set; } = string.Empty;

    public static UnitFileException For(string path, Exception innerException) =>
        new(innerException.Message, innerException) { Path = path };
}
