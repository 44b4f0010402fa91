<#
.SYNOPSIS
    Builds MAML help (en-US/SandboxOps.dll-Help.xml) and about_ topics from the markdown in docs/.
.DESCRIPTION
    platyPS is not available here, so this does its job: syntax, parameter types, positions and
    pipeline input come from Get-Command on the built module; prose comes from docs/<Cmdlet>.md
    (platyPS-style sections: SYNOPSIS, DESCRIPTION, EXAMPLES, PARAMETERS, INPUTS, OUTPUTS, NOTES,
    RELATED LINKS). Fails when a cmdlet has no page or a parameter no description.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $DocsPath,
    [Parameter(Mandatory)] [string] $OutputPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$module = Import-Module $ModulePath -PassThru
$commonParameters = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters

# Splits a platyPS-style page into sections (## NAME) and their subsections (### name).
function Read-HelpPage {
    param([string] $Path)
    $page = @{ Sections = [ordered]@{} }
    $section = $null; $sub = $null; $inFence = $false
    foreach ($line in Get-Content -LiteralPath $Path) {
        if ($line -match '^```') { $inFence = -not $inFence }
        if (-not $inFence -and $line -match '^## (.+)$') {
            $section = [ordered]@{ Text = [System.Collections.Generic.List[string]]::new(); Subsections = [ordered]@{} }
            $page.Sections[$Matches[1].Trim()] = $section; $sub = $null; continue
        }
        if (-not $inFence -and $null -ne $section -and $line -match '^### (.+)$') {
            $sub = [System.Collections.Generic.List[string]]::new()
            $section.Subsections[$Matches[1].Trim()] = $sub; continue
        }
        if ($null -ne $sub) { $sub.Add($line) } elseif ($null -ne $section) { $section.Text.Add($line) }
    }
    $page
}

# Paragraphs of prose, without fenced blocks (the yaml blocks platyPS puts under parameters).
function Get-Paragraphs {
    param([string[]] $Lines)
    $paragraphs = [System.Collections.Generic.List[string]]::new()
    $current = [System.Collections.Generic.List[string]]::new(); $inFence = $false
    foreach ($line in $Lines) {
        if ($line -match '^```') { $inFence = -not $inFence; continue }
        if ($inFence) { continue }
        if ($line.Trim() -eq '') {
            if ($current.Count) { $paragraphs.Add(($current -join ' ')); $current.Clear() }
        } else { $current.Add($line.Trim()) }
    }
    if ($current.Count) { $paragraphs.Add(($current -join ' ')) }
    , $paragraphs
}

function Split-Example {
    param([string[]] $Lines)
    $code = [System.Collections.Generic.List[string]]::new(); $rest = [System.Collections.Generic.List[string]]::new()
    $inFence = $false; $done = $false
    foreach ($line in $Lines) {
        if ($line -match '^```') { if ($inFence) { $done = $true }; $inFence = -not $inFence; continue }
        if ($inFence -and -not $done) { $code.Add($line) } elseif (-not $inFence) { $rest.Add($line) }
    }
    @{ Code = ($code -join "`n"); Remarks = (Get-Paragraphs $rest) }
}

$ns = @{
    maml = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev = 'http://schemas.microsoft.com/maml/dev/2004/10'
}
$settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
New-Item -ItemType Directory -Force $OutputPath | Out-Null
$helpFile = Join-Path $OutputPath "$($module.Name).dll-Help.xml"
$writer = [System.Xml.XmlWriter]::Create($helpFile, $settings)

function Write-Paras([string[]] $Paragraphs) {
    foreach ($p in $Paragraphs) { $writer.WriteElementString('para', $ns.maml, $p) }
}

$problems = [System.Collections.Generic.List[string]]::new()
$writer.WriteStartDocument()
$writer.WriteStartElement('helpItems'); $writer.WriteAttributeString('schema', 'maml')
$writer.WriteAttributeString('xmlns', 'maml', $null, $ns.maml)
$writer.WriteAttributeString('xmlns', 'command', $null, $ns.command)
$writer.WriteAttributeString('xmlns', 'dev', $null, $ns.dev)

foreach ($command in Get-Command -Module $module.Name -CommandType Cmdlet | Sort-Object Name) {
    $pagePath = Join-Path $DocsPath "$($command.Name).md"
    if (-not (Test-Path $pagePath)) { $problems.Add("$($command.Name) has no help page: add $pagePath."); continue }
    $page = Read-HelpPage $pagePath
    foreach ($required in 'SYNOPSIS', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS') {
        if (-not $page.Sections.Contains($required)) { $problems.Add("$pagePath has no '## $required' section.") }
    }
    if ($problems.Count) { continue }

    $parameters = $command.Parameters.Values | Where-Object { $_.Name -notin $commonParameters }
    $parameterDocs = $page.Sections['PARAMETERS'].Subsections
    foreach ($parameter in $parameters) {
        $doc = $parameterDocs["-$($parameter.Name)"]
        if ($null -eq $doc -or -not (Get-Paragraphs $doc).Count) { $problems.Add("$($command.Name) -$($parameter.Name) has no description in $pagePath.") }
    }

    $writer.WriteStartElement('command', 'command', $ns.command)
    $writer.WriteStartElement('details', $ns.command)
    $writer.WriteElementString('name', $ns.command, $command.Name)
    $writer.WriteElementString('verb', $ns.command, $command.Verb)
    $writer.WriteElementString('noun', $ns.command, $command.Noun)
    $writer.WriteStartElement('description', $ns.maml); Write-Paras (Get-Paragraphs $page.Sections['SYNOPSIS'].Text); $writer.WriteEndElement()
    $writer.WriteEndElement()
    $writer.WriteStartElement('description', $ns.maml); Write-Paras (Get-Paragraphs $page.Sections['DESCRIPTION'].Text); $writer.WriteEndElement()

    $writer.WriteStartElement('syntax', $ns.command)
    foreach ($set in $command.ParameterSets) {
        $writer.WriteStartElement('syntaxItem', $ns.command)
        $writer.WriteElementString('name', $ns.maml, $command.Name)
        foreach ($p in $set.Parameters | Where-Object { $_.Name -notin $commonParameters }) {
            $writer.WriteStartElement('parameter', $ns.command)
            $writer.WriteAttributeString('required', ([string]$p.IsMandatory).ToLowerInvariant())
            $writer.WriteAttributeString('position', $(if ($p.Position -ge 0) { [string]($p.Position + 1) } else { 'named' }))
            $writer.WriteElementString('name', $ns.maml, $p.Name)
            if ($p.ParameterType -ne [System.Management.Automation.SwitchParameter]) {
                $writer.WriteElementString('parameterValue', $ns.command, $p.ParameterType.Name)
            }
            $writer.WriteEndElement()
        }
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    $writer.WriteStartElement('parameters', $ns.command)
    foreach ($parameter in $parameters) {
        $sets = $parameter.ParameterSets.Values
        $mandatory = @($sets | Where-Object IsMandatory).Count -gt 0
        $byValue = @($sets | Where-Object ValueFromPipeline).Count -gt 0
        $byName = @($sets | Where-Object ValueFromPipelineByPropertyName).Count -gt 0
        $position = @($sets | Where-Object Position -ge 0 | ForEach-Object { $_.Position + 1 }) | Select-Object -First 1
        $pipeline = if ($byValue -and $byName) { 'True (ByValue, ByPropertyName)' } elseif ($byValue) { 'True (ByValue)' } elseif ($byName) { 'True (ByPropertyName)' } else { 'False' }
        $globbing = @($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }).Count -gt 0

        $writer.WriteStartElement('parameter', $ns.command)
        $writer.WriteAttributeString('required', ([string]$mandatory).ToLowerInvariant())
        $writer.WriteAttributeString('globbing', ([string]$globbing).ToLowerInvariant())
        $writer.WriteAttributeString('pipelineInput', $pipeline)
        $writer.WriteAttributeString('position', $(if ($position) { [string]$position } else { 'named' }))
        $writer.WriteAttributeString('aliases', $(if ($parameter.Aliases.Count) { $parameter.Aliases -join ', ' } else { 'none' }))
        $writer.WriteElementString('name', $ns.maml, $parameter.Name)
        $writer.WriteStartElement('description', $ns.maml)
        if ($null -ne $parameterDocs["-$($parameter.Name)"]) { Write-Paras (Get-Paragraphs $parameterDocs["-$($parameter.Name)"]) }
        $writer.WriteEndElement()
        $writer.WriteElementString('parameterValue', $ns.command, $parameter.ParameterType.Name)
        $writer.WriteStartElement('type', $ns.dev); $writer.WriteElementString('name', $ns.maml, $parameter.ParameterType.FullName); $writer.WriteEndElement()
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    foreach ($kind in @(@{ Section = 'INPUTS'; List = 'inputTypes'; Item = 'inputType' }, @{ Section = 'OUTPUTS'; List = 'returnValues'; Item = 'returnValue' })) {
        if (-not $page.Sections.Contains($kind.Section)) { continue }
        $writer.WriteStartElement($kind.List, $ns.command)
        foreach ($entry in $page.Sections[$kind.Section].Subsections.GetEnumerator()) {
            $writer.WriteStartElement($kind.Item, $ns.command)
            $writer.WriteStartElement('type', $ns.dev); $writer.WriteElementString('name', $ns.maml, $entry.Key); $writer.WriteEndElement()
            $writer.WriteStartElement('description', $ns.maml); Write-Paras (Get-Paragraphs $entry.Value); $writer.WriteEndElement()
            $writer.WriteEndElement()
        }
        $writer.WriteEndElement()
    }

    if ($page.Sections.Contains('NOTES')) {
        $writer.WriteStartElement('alertSet', $ns.maml); $writer.WriteStartElement('alert', $ns.maml)
        Write-Paras (Get-Paragraphs $page.Sections['NOTES'].Text)
        $writer.WriteEndElement(); $writer.WriteEndElement()
    }

    $writer.WriteStartElement('examples', $ns.command)
    foreach ($example in $page.Sections['EXAMPLES'].Subsections.GetEnumerator()) {
        $parts = Split-Example $example.Value
        $writer.WriteStartElement('example', $ns.command)
        $writer.WriteElementString('title', $ns.maml, "--------- $($example.Key) ---------")
        $writer.WriteElementString('code', $ns.dev, $parts.Code)
        $writer.WriteStartElement('remarks', $ns.dev); Write-Paras $parts.Remarks; $writer.WriteEndElement()
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    if ($page.Sections.Contains('RELATED LINKS')) {
        $writer.WriteStartElement('relatedLinks', $ns.maml)
        foreach ($line in $page.Sections['RELATED LINKS'].Text | Where-Object { $_ -match '^\[(.+?)\]\((.*?)\)' }) {
            $null = $line -match '^\[(.+?)\]\((.*?)\)'
            $writer.WriteStartElement('navigationLink', $ns.maml)
            $writer.WriteElementString('linkText', $ns.maml, $Matches[1])
            $writer.WriteElementString('uri', $ns.maml, $Matches[2])
            $writer.WriteEndElement()
        }
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()
}
$writer.WriteEndElement(); $writer.WriteEndDocument(); $writer.Dispose()

# about_ topics: markdown to the plain text Get-Help shows.
foreach ($about in Get-ChildItem $DocsPath -Filter 'about_*.md') {
    $text = (Get-Content -LiteralPath $about.FullName | Where-Object { $_ -notmatch '^```' }) -replace '^#+\s*', '' -replace '`', ''
    Set-Content -Path (Join-Path $OutputPath ($about.BaseName + '.help.txt')) -Value $text
}

if ($problems.Count) {
    $problems | ForEach-Object { Write-Host "help: $_" }
    Remove-Item $helpFile
    exit 1
}
Write-Host "Help written to $helpFile"
