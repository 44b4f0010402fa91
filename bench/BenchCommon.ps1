# Shared by the benchmark scripts.

function Get-Median([double[]] $values) {
    $sorted = @($values | Sort-Object)
    if ($sorted.Count % 2) { $sorted[[int][math]::Floor($sorted.Count / 2)] } else { ($sorted[$sorted.Count / 2 - 1] + $sorted[$sorted.Count / 2]) / 2 }
}

# Runs a command under GNU time: wall seconds and peak resident memory (KB) of the process tree's largest process.
function Measure-External([string] $Name, [string[]] $Command, [int] $Runs) {
    $times = @(); $memory = @()
    foreach ($i in 1..$Runs) {
        $report = [System.IO.Path]::GetTempFileName()
        & /usr/bin/time -f '%e %M' -o $report @Command > $null 2> $null
        $wall, $rss = (Get-Content $report -Tail 1).Split(' ')
        Remove-Item $report
        $times += [double]$wall; $memory += [double]$rss
    }
    [pscustomobject]@{ Tool = $Name; Median = Get-Median $times; Min = ($times | Measure-Object -Minimum).Minimum; PeakMB = [math]::Round((Get-Median $memory) / 1024); Runs = $Runs }
}
