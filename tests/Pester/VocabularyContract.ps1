# The module's vocabulary, read from the table in docs/architecture.md, and the check every command is held to.

# The table's rows (Name, Type, Completer) and its refused names and allowed aliases.
function Read-Vocabulary([string] $ArchitecturePage) {
    $lines = Get-Content -LiteralPath $ArchitecturePage
    $start = [array]::IndexOf($lines, '## Vocabulary')
    if ($start -lt 0) { throw "$ArchitecturePage has no '## Vocabulary' section." }
    $rows = [System.Collections.Generic.List[object]]::new()
    $refused = @(); $aliases = @()
    foreach ($line in $lines[($start + 1)..($lines.Count - 1)]) {
        if ($line -match '^## ') { break }
        if ($line -match '^Refused names: (.*)$') { $refused = [regex]::Matches($Matches[1], '`([^`]+)`').ForEach({ $_.Groups[1].Value }) }
        if ($line -match '^Allowed aliases: (.*)$') { $aliases = [regex]::Matches($Matches[1], '`([^`]+)`').ForEach({ $_.Groups[1].Value }) }
        if ($line -notmatch '^\|' -or $line -match '^\|\s*(concept|---)') { continue }
        $cells = $line.Trim('|').Split('|').ForEach({ $_.Trim() })
        $type = $cells[2].Trim('`')
        $completer = $cells[3].Trim('`')
        foreach ($name in [regex]::Matches($cells[1], '`([^`]+)`').ForEach({ $_.Groups[1].Value })) {
            $rows.Add([pscustomobject]@{ Name = $name; Type = $type; Completer = $completer })
        }
    }
    [pscustomobject]@{ Rows = $rows; Refused = $refused; Aliases = $aliases }
}

# The type a parameter holds: an array's element, a nullable's underlying type.
function Get-ParameterCoreType([System.Management.Automation.ParameterMetadata] $Parameter) {
    $type = $Parameter.ParameterType
    if ($type.IsArray) { $type = $type.GetElementType() }
    $underlying = [Nullable]::GetUnderlyingType($type)
    if ($underlying) { $type = $underlying }
    $type
}

# Every way a command breaks the vocabulary, as sentences; none when it keeps it.
function Get-VocabularyViolation([System.Management.Automation.CommandInfo] $Command, $Vocabulary) {
    $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
    $vocabularyTypes = @($Vocabulary.Rows | Where-Object { $_.Type -notin 'String', 'Int32', 'SwitchParameter' } | ForEach-Object Type | Sort-Object -Unique)
    foreach ($parameter in $Command.Parameters.Values | Where-Object { $_.Name -notin $common }) {
        $where = "$($Command.Name) -$($parameter.Name)"
        foreach ($name in @($parameter.Name) + @($parameter.Aliases)) {
            if ($name -in $Vocabulary.Refused) { "${where}: '$name' is a refused name; use the vocabulary's name for the concept." }
        }
        foreach ($alias in $parameter.Aliases | Where-Object { $_ -notin $Vocabulary.Aliases -and $_ -notin $Vocabulary.Refused }) {
            "${where}: alias '$alias' is not an allowed alias."
        }
        $type = Get-ParameterCoreType $parameter
        $row = $Vocabulary.Rows | Where-Object Name -EQ $parameter.Name | Select-Object -First 1
        if ($row) {
            if ($type.Name -ne $row.Type) { "${where}: is $($type.Name); the vocabulary says $($row.Type)." }
            $completers = @($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ArgumentCompleterAttribute] } | ForEach-Object { $_.Type.Name })
            if ($row.Completer -and $row.Completer -notin $completers) { "${where}: has no $($row.Completer)." }
        }
        elseif ($type.Name -in $vocabularyTypes) {
            $names = ($Vocabulary.Rows | Where-Object Type -EQ $type.Name | ForEach-Object Name) -join ', '
            "${where}: a $($type.Name) is named $names in the vocabulary."
        }
    }
}
