using System;

namespace SandboxOps.Engine.Model;

/// <summary>
/// (type, fullName): the identity of a component. Salesforce treats API names case-insensitively, so
/// two files that differ only in case are the same component.
/// </summary>
public readonly struct ComponentKey : IEquatable<ComponentKey>
{
    public ComponentKey(string type, string fullName)
    {
        Type = type;
        FullName = fullName;
    }

    public string Type { get; }

    public string FullName { get; }

    public bool Equals(ComponentKey other) =>
        string.Equals(Type, other.Type, StringComparison.OrdinalIgnoreCase)
        && string.Equals(FullName, other.FullName, StringComparison.OrdinalIgnoreCase);

    public override bool Equals(object? obj) => obj is ComponentKey other && Equals(other);

    public override int GetHashCode() =>
        (StringComparer.OrdinalIgnoreCase.GetHashCode(Type) * 397) ^ StringComparer.OrdinalIgnoreCase.GetHashCode(FullName);

    public static bool operator ==(ComponentKey left, ComponentKey right) => left.Equals(right);

    public static bool operator !=(ComponentKey left, ComponentKey right) => !left.Equals(right);

    public override string ToString() => Type + " " + FullName;
}
