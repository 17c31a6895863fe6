using BenchmarkDotNet.Attributes;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Demo;
using OpsConsole.Domain.Diff;
using OpsConsole.Domain.Quoting;
using OpsConsole.Domain.Validation;

namespace OpsConsole.Benchmarks;

/// <summary>
/// The engine at marketplace scale: 5,000 restricted-goods rules and 8 channels. Targets: a 20-item
/// quote ≤ 50 µs and ≤ 32 KB allocated; validating the configuration ≤ 20 ms; diffing two ≤ 10 ms; an impact
/// simulation of 1,000 carts ≤ 100 ms (the console's largest sample, 50,000 carts, within about 5 s).
/// </summary>
/// <remarks>
/// In-process: BenchmarkDotNet's default toolchain starts a framework-dependent child process, which
/// cannot run here (only the 9.0 runtime pack, no shared runtime); see docs/decisions/0001-platform.md.
/// </remarks>
[InProcess]
[MemoryDiagnoser]
public class DomainBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);

    private SiteConfiguration configuration = null!;
    private SiteConfiguration edited = null!;
    private CompiledConfiguration compiled = null!;
    private QuoteRequest cart = null!;
    private QuoteRequest[] sample = null!;

    [GlobalSetup]
    public void Setup()
    {
        configuration = SyntheticConfiguration.Create(restrictedGoodsRules: 5000, channels: 8, seed: 42);
        compiled = QuoteEngine.Compile(configuration);
        cart = SyntheticConfiguration.Cart(20, seed: 7, at: Now);
        sample = [.. Enumerable.Range(0, 1000).Select(i => SyntheticConfiguration.Cart(1 + (i % 4), seed: i, at: Now))];

        // A realistic change request: a few dozen rules edited, one removed, one added, one threshold moved.
        var random = new Random(1);
        edited = configuration with
        {
            RestrictedGoods =
            [
                .. configuration.RestrictedGoods.Skip(1).Select(r => random.Next(100) == 0 ? r with { MaxQuantity = 9, Name = r.Name + " (revised)" } : r),
                configuration.RestrictedGoods[0] with { Id = "RG-NEW" },
            ],
            FreeShipping = [.. configuration.FreeShipping.Select((r, i) => i == 0 ? r with { Threshold = r.Threshold - 50 } : r)],
        };
    }

    [Benchmark]
    public Quote Quote20Items() => QuoteEngine.Quote(compiled, cart, Now);

    [Benchmark]
    public ValidationReport Validate5000Rules() => ConfigurationValidator.Validate(configuration);

    [Benchmark]
    public IReadOnlyList<DiffEntry> Diff5000Rules() => ConfigurationDiff.Compare(configuration, edited);

    [Benchmark]
    public CompiledConfiguration Compile5000Rules() => new(configuration);

    /// <summary>The console's impact simulation: 1,000 carts of 1-4 items, each quoted before and after the change.</summary>
    [Benchmark]
    public ImpactReport Impact1000Carts() => ImpactSimulation.Run(configuration, edited, sample, Now);
}
