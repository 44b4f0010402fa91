namespace SandboxOps.Engine.Masking;

/// <summary>What masking did to one column of one file.</summary>
public sealed class MaskingReport
{
    public MaskingReport(string file, string objectName, string column, FieldRule rule, long rows, long masked, string destination)
    {
        File = file;
        Object = objectName;
        Column = column;
        Method = rule.ToString();
        Rows = rows;
        Masked = masked;
        Destination = destination;
    }

    /// <summary>The input file.</summary>
    public string File { get; }

#pragma warning disable CA1720 // the rules file's own word
    public string Object { get; }
#pragma warning restore CA1720

    public string Column { get; }

    public string Method { get; }

    public long Rows { get; }

    /// <summary>Values changed (empty values and #N/A are left as they are).</summary>
    public long Masked { get; }

    /// <summary>The masked file written.</summary>
    public string Destination { get; }

    public override string ToString() => $"{System.IO.Path.GetFileName(File)} {Column}: {Masked} of {Rows} masked ({Method})";
}
