namespace OpsConsole.Domain.Configuration;

/// <summary>Decimal scale handling, so that money reads 18.00 in HKD and 150 in TWD wherever it is written.</summary>
public static class Amounts
{
    /// <summary>The number of decimals that carry information (18.50 → 1, 8.005 → 3, 150.0 → 0).</summary>
    public static int SignificantDecimals(decimal value) => Trim(value).Scale;

    /// <summary>The same number without trailing zeros in its fraction.</summary>
    public static decimal Trim(decimal value)
    {
        // Dividing by one with a large scale makes decimal pick the smallest scale that keeps the value.
        var trimmed = value / 1.0000000000000000000000000000m;
        return trimmed == 0 ? 0m : trimmed;
    }

    /// <summary>
    /// Money written with exactly the currency's minor units, unless it has more significant decimals
    /// (an invalid amount), which are kept so that validation still sees them after a round trip.
    /// </summary>
    public static decimal WithMinorUnits(decimal value, int minorUnits)
    {
        var trimmed = Trim(value);
        return trimmed.Scale >= minorUnits ? trimmed : trimmed + new decimal(0, 0, 0, false, (byte)minorUnits);
    }

    /// <summary>Rounded half away from zero to the minor units, with exactly that many decimals.</summary>
    public static decimal RoundMoney(decimal value, int minorUnits)
    {
        var rounded = Math.Round(value, minorUnits, MidpointRounding.AwayFromZero);
        return WithMinorUnits(rounded, minorUnits);
    }
}
