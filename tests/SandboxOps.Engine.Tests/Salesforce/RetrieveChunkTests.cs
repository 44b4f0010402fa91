using System;
using System.Collections.Generic;
using System.Linq;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Salesforce;

namespace SandboxOps.Engine.Tests.Salesforce;

/// <summary>How an org's members are cut into retrieve requests.</summary>
public sealed class RetrieveChunkTests
{
    private static readonly MetadataTypeInfo[] Types =
    {
        new("ApexClass", "classes", "cls", inFolder: false, metaFile: true, Array.Empty<string>()),
        new("Profile", "profiles", "profile", inFolder: false, metaFile: false, Array.Empty<string>()),
    };

    [Fact]
    public void A_small_retrieve_is_spread_evenly_over_every_parallel_slot_with_the_profiles_in_each_chunk()
    {
        var chunks = OrgRetriever.Chunk(Members(300, profiles: 2), Types, new RetrieveOptions(parallelism: 4));

        Assert.Equal(4, chunks.Count);
        Assert.All(chunks, c => Assert.Equal(75, c.Count(m => m.Type == "ApexClass")));
        Assert.All(chunks, c => Assert.Equal(2, c.Count(m => m.Type == "Profile")));
        Assert.Equal(300, chunks.SelectMany(c => c).Where(m => m.Type == "ApexClass").Distinct().Count());
    }

    [Fact]
    public void Every_chunk_takes_its_share_of_each_type()
    {
        var members = Enumerable.Range(0, 40).Select(i => new ComponentKey("CustomObject", "Object" + i + "__c")).Concat(Members(400, profiles: 0)).ToList();

        var chunks = OrgRetriever.Chunk(members, Types.Append(new MetadataTypeInfo("CustomObject", "objects", "object", inFolder: false, metaFile: false, Array.Empty<string>())).ToList(), new RetrieveOptions(parallelism: 4));

        Assert.Equal(4, chunks.Count);
        Assert.All(chunks, c => Assert.Equal(10, c.Count(m => m.Type == "CustomObject")));
        Assert.All(chunks, c => Assert.Equal(100, c.Count(m => m.Type == "ApexClass")));
    }

    [Fact]
    public void A_few_components_are_not_split()
    {
        Assert.Single(OrgRetriever.Chunk(Members(10, profiles: 1), Types, new RetrieveOptions(parallelism: 4)));
    }

    [Fact]
    public void A_large_org_is_spread_over_several_chunks_per_slot_and_none_passes_the_file_limit()
    {
        var spread = OrgRetriever.Chunk(Members(5000, profiles: 3), Types, new RetrieveOptions(parallelism: 3));
        var limited = OrgRetriever.Chunk(Members(5000, profiles: 3), Types, new RetrieveOptions(parallelism: 3, maxFilesPerChunk: 100));

        Assert.Equal(RetrieveOptions.SpreadOver, spread.Count);
        Assert.All(limited, c => Assert.True(c.Sum(m => m.Type == "ApexClass" ? 2 : 1) <= 100));
        Assert.Equal(5000, limited.SelectMany(c => c).Count(m => m.Type == "ApexClass"));
    }

    private static List<ComponentKey> Members(int classes, int profiles) =>
        Enumerable.Range(0, classes).Select(i => new ComponentKey("ApexClass", "Class" + i))
            .Concat(Enumerable.Range(0, profiles).Select(i => new ComponentKey("Profile", "Profile" + i)))
            .ToList();
}
