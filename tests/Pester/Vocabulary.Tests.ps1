BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:CommandCases = @(Get-Command -Module SandboxOps -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name } })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'VocabularyContract.ps1')
    $script:Vocabulary = Read-Vocabulary (Join-Path $RepositoryRoot 'docs/architecture.md')
}

Describe 'The vocabulary table' {
    It 'is read from the architecture page, with refused names' {
        $Vocabulary.Rows.Name | Should -Contain 'Source'
        $Vocabulary.Rows.Name | Should -Contain 'Store'
        ($Vocabulary.Rows | Where-Object Name -EQ 'Type').Completer | Should -Be 'MetadataTypeCompleter'
        $Vocabulary.Refused | Should -Contain 'Path'
        $Vocabulary.Aliases | Should -Be @('PSPath')
    }
}

Describe '<Name> keeps the vocabulary' -ForEach $CommandCases {
    It 'names each concept as the table does, with its type and completer' {
        @(Get-VocabularyViolation (Get-Command $Name) $Vocabulary) | Should -BeNullOrEmpty
    }
}

Describe 'The vocabulary check' {
    It 'fails on a refused name' {
        function Test-RefusedName { [CmdletBinding()] param([string] $Path) }
        Get-VocabularyViolation (Get-Command Test-RefusedName) $Vocabulary | Should -Match "-Path: 'Path' is a refused name"
    }

    It 'fails on a filter parameter without its completer' {
        function Test-NoCompleter { [CmdletBinding()] param([string[]] $Type) }
        Get-VocabularyViolation (Get-Command Test-NoCompleter) $Vocabulary | Should -Match '-Type: has no MetadataTypeCompleter'
    }

    It 'fails on a vocabulary type under another name' {
        function Test-OtherName { [CmdletBinding()] param([SandboxOps.OrgArgument] $Connection, [SandboxOps.SourceArgument] $Folder) }
        $violations = @(Get-VocabularyViolation (Get-Command Test-OtherName) $Vocabulary) -join "`n"
        $violations | Should -Match 'a OrgArgument is named Org'
        $violations | Should -Match 'a SourceArgument is named Source, Target'
    }

    It 'fails on a vocabulary name with the wrong type, and on an alias that is not allowed' {
        function Test-WrongType { [CmdletBinding()] param([Alias('Tests')][string] $TestLevel) }
        $violations = @(Get-VocabularyViolation (Get-Command Test-WrongType) $Vocabulary) -join "`n"
        $violations | Should -Match '-TestLevel: is String; the vocabulary says TestLevel'
        $violations | Should -Match "alias 'Tests' is not an allowed alias"
    }

    It 'passes a command that keeps it' {
        function Test-Kept {
            [CmdletBinding()]
            param(
                [ArgumentCompleter([SandboxOps.Completion.SourceCompleter])][SandboxOps.SourceArgument] $Source,
                [ArgumentCompleter([SandboxOps.Completion.MetadataTypeCompleter])][string[]] $Type,
                [string] $Store)
        }
        @(Get-VocabularyViolation (Get-Command Test-Kept) $Vocabulary) | Should -BeNullOrEmpty
    }
}

Describe 'The filter, deploy and source parameters are declared once' {
    It 'gives every command that reads components the same filter' {
        foreach ($name in 'Get-OrgMetadata', 'Compare-OrgMetadata', 'Export-OrgSnapshot', 'Restore-OrgSnapshot', 'Invoke-BackPromotion') {
            $command = Get-Command $name
            $command.ImplementingType.IsSubclassOf([SandboxOps.ComponentFilterCmdlet]) | Should -BeTrue -Because $name
            $command.Parameters.Keys | Should -Contain 'ExcludeType' -Because $name
        }
    }

    It 'gives every command that deploys the same deploy parameters, back-promotion included' {
        foreach ($name in 'Publish-DeploymentPackage', 'Restore-OrgSnapshot', 'Invoke-BackPromotion') {
            $parameters = (Get-Command $name).Parameters.Keys
            foreach ($parameter in 'CheckOnly', 'TestLevel', 'RunTests', 'AllowProduction', 'Force', 'NoCancelOnStop') {
                $parameters | Should -Contain $parameter -Because "$name deploys"
            }
        }
    }

    It 'completes -TestLevel from the enum and -Org from the connected orgs' {
        $result = TabExpansion2 -inputScript 'Publish-DeploymentPackage -TestLevel RunL' -cursorColumn 'Publish-DeploymentPackage -TestLevel RunL'.Length
        $result.CompletionMatches.CompletionText | Should -Contain 'RunLocalTests'
    }
}
