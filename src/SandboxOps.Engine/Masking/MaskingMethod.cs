namespace SandboxOps.Engine.Masking;

/// <summary>How a field's values are masked. Every method is deterministic under the key, except none: the same value gives the same mask.</summary>
public enum MaskingMethod
{
    /// <summary>A valid address at an .invalid domain.</summary>
    Email,

    /// <summary>The same length and punctuation, other digits.</summary>
    Phone,
    FirstName,
    LastName,
    FullName,
    Company,
    Street,
    City,

    /// <summary>The same shape: digits for digits, letters for letters.</summary>
    PostalCode,

    /// <summary>The same length: letters for letters (case kept), digits for digits, the rest kept.</summary>
    Text,

    /// <summary>Dates moved by up to N days, by the same amount for every date of one record.</summary>
    ShiftDate,

    /// <summary>The keyed hash, hex.</summary>
    Hash,

    /// <summary>A fixed text.</summary>
    Redact,

    /// <summary>Emptied.</summary>
    Null,

    /// <summary>Left as it is (a rule that says so, overriding a proposal).</summary>
    Keep,
}
