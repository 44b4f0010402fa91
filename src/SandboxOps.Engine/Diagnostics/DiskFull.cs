using System;
using System.IO;

namespace SandboxOps.Engine.Diagnostics;

/// <summary>Tells a full disk from other I/O failures, on Linux (ENOSPC, 28) and Windows (ERROR_DISK_FULL, 112).</summary>
public static class DiskFull
{
    public static bool Is(IOException ex) =>
        (ex.HResult & 0xFFFF) is 28 or 112 || ex.Message.IndexOf("No space left", StringComparison.OrdinalIgnoreCase) >= 0;
}
