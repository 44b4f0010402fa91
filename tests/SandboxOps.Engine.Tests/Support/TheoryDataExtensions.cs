using System.Collections.Generic;

namespace SandboxOps.Engine.Tests.Support;

internal static class TheoryDataExtensions
{
    public static TheoryData<T> With<T>(this TheoryData<T> data, IEnumerable<T> rows)
    {
        foreach (var row in rows)
        {
            data.Add(row);
        }

        return data;
    }
}
