using System.Runtime.CompilerServices;

namespace SandboxOps.Engine.Hashing;

/// <summary>
/// MethodImplOptions.AggressiveOptimization, which netstandard2.0 does not name but every runtime that
/// runs PowerShell 7 honours: the byte loops marked with it are compiled optimised at once, instead of
/// running unoptimised for the first calls of each session (measured: a fifth of a compare's time).
/// </summary>
internal static class Jit
{
    public const MethodImplOptions Optimize = (MethodImplOptions)512;
}
